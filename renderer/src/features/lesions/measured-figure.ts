import type { MeasuredMm } from '@shared/lesion/measurement';
import { formatMeasuredFigure } from '@shared/scoring/shown-figure';
import type { MeasuredField } from './lesion-draft';

/**
 * A measured field's figure as the form shows it: a typed value exactly as typed (never rewritten
 * under the reader's keys), a measured or computed one to two decimals, but never rounded onto a
 * limit of its own field (24.999 mm is not shown as 25 beside "lesion >= 2.5 cm: not met"), as every
 * other door shows it (formatMeasuredFigure). A number, not text: React leaves a number input alone
 * while its text ("30.0" on the way to "30.05") reads as the same number.
 * @param field - the lesion field the value fills, whose limits it keeps its side of
 */
export function measuredFigure(field: MeasuredField, measured: MeasuredMm): number {
  if (measured.provenance.source === 'typed') return measured.value;
  return Number(formatMeasuredFigure(field, measured));
}

/**
 * What the reader typed into a measured field, as the record takes it: empty is unknown (null); any
 * other number as typed, a negative one too, so that the form refuses it with the reason rather
 * than saving 0 (no involvement) in its place.
 */
export function typedMeasurement(text: string): MeasuredMm | null {
  return text === '' ? null : { value: Number(text), provenance: { source: 'typed' } };
}
