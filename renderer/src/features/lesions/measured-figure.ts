import type { MeasuredMm } from '@shared/lesion/measurement';
import { formatNumber } from '@shared/scoring/format';
import { FIGURE_LIMITS, measuredLimits } from '@shared/scoring/shown-figure';

/** Every limit a lesion's measured fields are compared with (mm, %), from the one shared list. */
const LIMITS = [...FIGURE_LIMITS.circumferentialInvolvementPct, ...FIGURE_LIMITS.collapsePct];

/** LIMITS with those of the lengths, a radiograph's detector lengths at their own largest magnification (measuredLimits). */
const limitsOf = (measured: MeasuredMm) => [...LIMITS, ...measuredLimits('largestDimensionMm', measured), ...measuredLimits('axialInvolvementMm', measured)];

/**
 * A measured field's figure as the form shows it: a typed value exactly as typed (never rewritten
 * under the reader's keys), a measured or computed one to two decimals, but never rounded onto a
 * limit it is not (24.999 mm is not shown as 25 beside "lesion >= 2.5 cm: not met"). A number, not
 * text: React leaves a number input alone while its text ("30.0" on the way to "30.05") reads as
 * the same number.
 */
export function measuredFigure(measured: MeasuredMm): number {
  if (measured.provenance.source === 'typed') return measured.value;
  return Number(formatNumber(measured.value, ...limitsOf(measured)));
}

/**
 * What the reader typed into a measured field, as the record takes it: empty is unknown (null); any
 * other number as typed, a negative one too, so that the form refuses it with the reason rather
 * than saving 0 (no involvement) in its place.
 */
export function typedMeasurement(text: string): MeasuredMm | null {
  return text === '' ? null : { value: Number(text), provenance: { source: 'typed' } };
}
