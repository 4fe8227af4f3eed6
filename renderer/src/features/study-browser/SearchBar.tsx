import { useEffect, useRef } from 'react';
import type { StudyQuery } from '@shared/dicom/study';
import { SEARCH_INPUT_ID, takePendingSearchFocus } from '../../app/search-shortcut';

const MODALITIES = ['CT', 'MR', 'PT', 'NM', 'CR', 'DX', 'US', 'XA', 'MG', 'RF', 'SEG', 'SR', 'OT'];

interface SearchBarProps {
  query: StudyQuery;
  onChange(query: StudyQuery): void;
}

/** Free text over name, ID, accession and description, plus modality and study-date filters. */
export function SearchBar({ query, onChange }: SearchBarProps) {
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (takePendingSearchFocus()) input.current?.focus();
  }, []);
  const set = (patch: Partial<StudyQuery>) => {
    const next: StudyQuery = { ...query, ...patch };
    for (const key of Object.keys(next) as (keyof StudyQuery)[]) if (next[key] === '' || next[key] === undefined) delete next[key];
    onChange(next);
  };
  const filtered = Boolean(query.text || query.modality || query.dateFrom || query.dateTo);
  return (
    <form className="search-bar" role="search" onSubmit={(event) => event.preventDefault()}>
      <label className="field search-field">
        <span>Search name, patient ID, accession or description ( / )</span>
        <input
          ref={input}
          id={SEARCH_INPUT_ID}
          type="search"
          className="search-text"
          autoComplete="off"
          spellCheck={false}
          value={query.text ?? ''}
          onChange={(event) => set({ text: event.target.value })}
          data-testid="search-input"
        />
      </label>
      <label className="field">
        <span>Modality</span>
        <select value={query.modality ?? ''} onChange={(event) => set({ modality: event.target.value })} data-testid="search-modality">
          <option value="">Any</option>
          {MODALITIES.map((m) => (
            <option key={m} value={m}>
              {m}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>From</span>
        <input type="date" value={query.dateFrom ?? ''} max={query.dateTo} onChange={(event) => set({ dateFrom: event.target.value })} data-testid="search-date-from" />
      </label>
      <label className="field">
        <span>To</span>
        <input type="date" value={query.dateTo ?? ''} min={query.dateFrom} onChange={(event) => set({ dateTo: event.target.value })} data-testid="search-date-to" />
      </label>
      <button type="button" disabled={!filtered} onClick={() => onChange({})} data-testid="search-clear">
        Clear
      </button>
    </form>
  );
}
