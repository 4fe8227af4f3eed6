import type { MeasuredMm, MeasurementProvenance } from '@shared/lesion/measurement';
import { computedSource } from '@shared/scoring/provenance-note';
import { measuredFigure, typedMeasurement } from './measured-figure';
import type { MeasuredField } from './lesion-draft';

/** What the tooltip says of a value measured on a drawing that is no longer stored here. */
const DRAWING_GONE = 'measured on a drawing that is no longer stored here (deleted, or not received with the lesion): the value stands as recorded; link another drawing or type the value to vouch for it again';

/** Where a value came from, for the tooltip: the method, version and section of a computed one. */
function provenanceText(provenance: MeasurementProvenance, drawingGone: boolean): string {
  if (provenance.source === 'computed') return computedSource(provenance);
  if (provenance.source === 'typed') return 'typed by the reader';
  return drawingGone ? DRAWING_GONE : 'measured on a drawing';
}

interface MeasuredInputProps {
  label: string;
  unit: string;
  field: MeasuredField;
  value: MeasuredMm | null;
  /** Whether the drawing a measured value cites is no longer stored (the reader deleted it). */
  drawingGone: boolean;
  readOnly: boolean;
  /** Why the selected annotation cannot fill this field, or null when it can. */
  linkProblem: string | null;
  /** The id of a shown text saying why linking is refused, for aria-describedby. */
  linkProblemId?: string;
  onLink(): void;
  onChange(value: MeasuredMm | null): void;
}

/** A measured value: linked from the selected annotation ("measured") or typed (marked "typed"); a radiograph's length names its plane ("mm (detector)"). */
export function MeasuredInput({ label, unit, field, value, drawingGone, readOnly, linkProblem, linkProblemId, onLink, onChange }: MeasuredInputProps) {
  const source = value?.provenance.source ?? null;
  const gone = source === 'annotation' && drawingGone;
  const shownSource = source === 'annotation' ? (gone ? 'measured, drawing gone' : 'measured') : (source ?? '');
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
          value={value ? measuredFigure(field, value) : ''}
          onChange={(e) => onChange(typedMeasurement(e.target.value))}
          data-testid={`input-${field}`}
        />
      </label>
      <span className={`provenance provenance-${gone ? 'gone' : (source ?? 'none')}`} title={value ? provenanceText(value.provenance, gone) : undefined} data-testid={`provenance-${field}`}>
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
