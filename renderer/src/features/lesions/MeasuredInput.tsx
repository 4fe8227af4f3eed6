import type { MeasuredMm, MeasurementProvenance } from '@shared/lesion/measurement';
import { computedSource } from '@shared/scoring/provenance-note';

/** Where a value came from, for the tooltip: the method, version and section of a computed one. */
function provenanceText(provenance: MeasurementProvenance): string {
  if (provenance.source === 'computed') return computedSource(provenance);
  return provenance.source === 'annotation' ? 'measured on a drawing' : 'typed by the reader';
}

interface MeasuredInputProps {
  label: string;
  unit: string;
  field: string;
  value: MeasuredMm | null;
  readOnly: boolean;
  /** Why the selected annotation cannot fill this field, or null when it can. */
  linkProblem: string | null;
  /** The id of a shown text saying why linking is refused, for aria-describedby. */
  linkProblemId?: string;
  onLink(): void;
  onChange(value: MeasuredMm | null): void;
}

/** A measured value: linked from the selected annotation ("measured") or typed (marked "typed"); a radiograph's length names its plane ("mm (detector)"). */
export function MeasuredInput({ label, unit, field, value, readOnly, linkProblem, linkProblemId, onLink, onChange }: MeasuredInputProps) {
  const source = value?.provenance.source ?? null;
  const shownSource = source === 'annotation' ? 'measured' : (source ?? '');
  // A radiograph's length says where it lies: "Largest dimension (mm, detector)".
  const plane = value?.spacingPlane ?? 'patient';
  return (
    <div className="measured-field" data-testid={`measured-${field}`} data-source={source ?? 'none'}>
      <label>
        {label} ({unit}
        {plane === 'patient' ? '' : `, ${plane}`})
        <input
          type="number"
          min={0}
          step="any"
          readOnly={readOnly}
          value={value ? Number(value.value.toFixed(2)) : ''}
          onChange={(e) => onChange(e.target.value === '' ? null : { value: Math.max(0, Number(e.target.value)), provenance: { source: 'typed' } })}
          data-testid={`input-${field}`}
        />
      </label>
      <span className={`provenance provenance-${source ?? 'none'}`} title={value ? provenanceText(value.provenance) : undefined} data-testid={`provenance-${field}`}>
        {shownSource}
      </span>
      {!readOnly && (
        <button type="button" disabled={linkProblem !== null} title={linkProblem ?? 'Fill from the selected annotation'} aria-describedby={linkProblemId} onClick={onLink} data-testid={`link-${field}`}>
          Link selected
        </button>
      )}
    </div>
  );
}
