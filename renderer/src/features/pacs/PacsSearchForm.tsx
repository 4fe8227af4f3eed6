import { useState, type FormEvent } from 'react';
import type { StudyQuery } from '@shared/dicom/study';

const MODALITIES = ['CT', 'MR', 'PT', 'NM', 'CR', 'DX', 'US', 'XA', 'MG', 'RF', 'SEG', 'SR', 'OT'];
type Filter = Omit<StudyQuery, 'limit' | 'text'>;
const FIELDS: { key: 'patientName' | 'patientId' | 'accessionNumber' | 'description'; label: string }[] = [
  { key: 'patientName', label: 'Patient name' },
  { key: 'patientId', label: 'Patient ID' },
  { key: 'accessionNumber', label: 'Accession' },
  { key: 'description', label: 'Description' },
];

/** The PACS search's filters: asked on Search (a PACS is not asked on every keystroke). */
export function PacsSearchForm({ onSearch, busy }: { onSearch(filter: Filter): void; busy: boolean }) {
  const [filter, setFilter] = useState<Filter>({});
  const set = (patch: Partial<Filter>) => setFilter((current) => Object.fromEntries(Object.entries({ ...current, ...patch }).filter(([, v]) => v)) as Filter);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSearch(filter);
  };
  return (
    <form className="search-bar pacs-search" role="search" onSubmit={submit} data-testid="pacs-search-form">
      {FIELDS.map(({ key, label }) => (
        <label key={key} className="field">
          <span>{label}</span>
          <input type="search" autoComplete="off" spellCheck={false} value={filter[key] ?? ''} onChange={(e) => set({ [key]: e.target.value })} data-testid={`pacs-search-${key}`} />
        </label>
      ))}
      <label className="field">
        <span>Modality</span>
        <select value={filter.modality ?? ''} onChange={(e) => set({ modality: e.target.value })} data-testid="pacs-search-modality">
          <option value="">Any</option>
          {MODALITIES.map((m) => (
            <option key={m}>{m}</option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>From</span>
        <input type="date" value={filter.dateFrom ?? ''} onChange={(e) => set({ dateFrom: e.target.value })} data-testid="pacs-search-from" />
      </label>
      <label className="field">
        <span>To</span>
        <input type="date" value={filter.dateTo ?? ''} onChange={(e) => set({ dateTo: e.target.value })} data-testid="pacs-search-to" />
      </label>
      <button type="submit" className="primary" disabled={busy} data-testid="pacs-search-submit">
        Search the PACS
      </button>
    </form>
  );
}
