import { useMemo, useState, type KeyboardEvent } from 'react';
import { getBone } from '@shared/anatomy/catalogue';
import type { Laterality } from '@shared/anatomy/schema';
import { searchAnatomy, type AnatomySearchHit } from '@shared/anatomy/search';

interface BonePickerProps {
  boneId: string;
  regionId: string | null;
  disabled: boolean;
  onPick(hit: { boneId: string; regionId: string | null; laterality: Laterality | null }): void;
}

/** The bone (and region) as a searchable coded picker: type a name, a level (T11) or a SNOMED code; arrows and Enter pick. */
export function BonePicker({ boneId, regionId, disabled, onPick }: BonePickerProps) {
  const [query, setQuery] = useState('');
  const [cursor, setCursor] = useState(0);
  const hits = useMemo<AnatomySearchHit[]>(() => (query.trim() ? searchAnatomy(query, 8) : []), [query]);
  const bone = getBone(boneId);
  const region = bone?.regions.find((r) => r.id === regionId);
  const pick = (hit: AnatomySearchHit) => {
    onPick({ boneId: hit.boneId, regionId: hit.regionId, laterality: hit.laterality });
    setQuery('');
  };
  const onKey = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown') setCursor((c) => Math.min(hits.length - 1, c + 1));
    else if (event.key === 'ArrowUp') setCursor((c) => Math.max(0, c - 1));
    else if (event.key === 'Enter' && hits[cursor]) pick(hits[cursor]);
    else return;
    event.preventDefault();
  };
  return (
    <div className="bone-picker">
      <div className="bone-current" data-testid="lesion-bone">
        {bone ? `${bone.name}${region ? ` · ${region.name}` : ''}` : 'No bone chosen'}
        {bone?.code && <span className="muted small"> SCT {region?.code?.value ?? bone.code.value}</span>}
      </div>
      {!disabled && (
        <input
          value={query}
          aria-describedby="bone-search-hint"
          onChange={(e) => {
            setQuery(e.target.value);
            setCursor(0);
          }}
          onKeyDown={onKey}
          role="combobox"
          aria-expanded={hits.length > 0}
          aria-label="Bone search"
          data-testid="bone-search"
        />
      )}
      {!disabled && (
        <span id="bone-search-hint" className="muted small">
          By name, level or SNOMED code: femur neck, T11, left iliac wing.
        </span>
      )}
      {hits.length > 0 && (
        <ul className="bone-hits" role="listbox">
          {hits.map((hit, i) => (
            <li key={`${hit.boneId}/${hit.regionId}`} role="option" aria-selected={i === cursor}>
              <button type="button" className={i === cursor ? 'on' : undefined} onClick={() => pick(hit)} data-testid="bone-hit">
                {hit.label}
              </button>
            </li>
          ))}
        </ul>
      )}
      {bone && bone.regions.length > 0 && (
        <select value={regionId ?? ''} disabled={disabled} onChange={(e) => onPick({ boneId, regionId: e.target.value || null, laterality: null })} aria-label="Region" data-testid="lesion-region">
          <option value="">(region not given)</option>
          {bone.regions.map((r) => (
            <option key={r.id} value={r.id}>
              {r.name}
            </option>
          ))}
        </select>
      )}
    </div>
  );
}
