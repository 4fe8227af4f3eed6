import { MAX_PROJECTION_MAGNIFICATION } from '../dicom/measurement-spacing';
import { RIGIDITY_FLAG_RATIO } from '../analysis/ctra-constants';
import { formatNumber, toFixedBeside } from './format';
import { HARRINGTON, MIRELS, SINS, VAN_DER_LINDEN } from './thresholds';
import type { MeasuredMm } from '../lesion/measurement';
import { detectorMagnification } from './patient-size';

/**
 * The limits a shown figure of each thresholded quantity is never rounded onto or across, so that
 * every door (viewer, lesion form, referral, SR and FHIR text, CLI) shows a figure on the side of
 * each limit the scores put it (see /work/shared/CLINICAL.md). A length measured at a radiograph's
 * detector decides a limit at the limit times its largest magnification: the lists hold the limit
 * times the plausible 1.3, what a figure without its measurement (a drawn length in the viewer)
 * can be kept off; a lesion's measurement whose image header states a larger factor is shown
 * against the limit times its own (measuredLimits).
 */
const withDetector = (limits: readonly number[]) => [...limits, ...limits.map((limit) => limit * MAX_PROJECTION_MAGNIFICATION)];

const percent = (fraction: { num: number; den: number }) => (100 * fraction.num) / fraction.den;

/** The thresholded quantities a figure can show, each with every limit it is compared with. */
export const FIGURE_LIMITS = {
  /** Harrington's lesion >= 2.5 cm. */
  largestDimensionMm: withDetector([HARRINGTON.lesionSizeMm]),
  /** Van der Linden's and the urgent rule's axial > 30 mm. */
  axialInvolvementMm: withDetector([VAN_DER_LINDEN.axialMm]),
  /** Van der Linden's > 50%, Harrington's > 50%, the CT note's >= 30%, Mirels' thirds (circumferential-fraction size). */
  circumferentialInvolvementPct: [VAN_DER_LINDEN.circumferentialPct, HARRINGTON.corticalDestructionPct, VAN_DER_LINDEN.ctCircumferentialPct, percent(MIRELS.sizeLower), percent(MIRELS.sizeUpper)],
  /** The same limits as degrees of the circumference (180 degrees is 50%), as the cortex tool also shows it. */
  circumferentialInvolvementDeg: [VAN_DER_LINDEN.circumferentialPct, VAN_DER_LINDEN.ctCircumferentialPct].map((pct) => pct * 3.6).concat([MIRELS.sizeLower, MIRELS.sizeUpper].map((f) => (360 * f.num) / f.den)),
  /** Mirels' size compares the ratio, not the lengths (mirels-size.ts shows the ratio). */
  lesionWidthMm: [],
  boneDiameterMm: [],
  corticalThicknessMm: [],
  /** SINS collapse: none (0), < 50% and > 50%. */
  collapsePct: [0, SINS.collapsePct],
  /** CTRA: a lowest rigidity ratio <= 0.65 is flagged. */
  rigidityRatio: [RIGIDITY_FLAG_RATIO],
} as const satisfies Record<string, readonly number[]>;

export type ThresholdedQuantity = keyof typeof FIGURE_LIMITS;

/** The limits in the patient of the quantities a radiograph's detector length can decide (the rest compare ratios or percentages). */
const PATIENT_LENGTH_LIMITS: Partial<Record<ThresholdedQuantity, readonly number[]>> = {
  largestDimensionMm: [HARRINGTON.lesionSizeMm],
  axialInvolvementMm: [VAN_DER_LINDEN.axialMm],
};

/**
 * The limits a lesion's measured figure keeps its side of: its quantity's, and for a length at a
 * radiograph's detector each limit times the measurement's own largest magnification (1.3, or the
 * larger factor its image's header states: 46.2499 mm with 1.85 is never "46.25", 25 mm times 1.85).
 */
export function measuredLimits(quantity: ThresholdedQuantity, measured: MeasuredMm): readonly number[] {
  const limits: readonly number[] = FIGURE_LIMITS[quantity];
  if (measured.spacingPlane !== 'detector') return limits;
  const magnification = detectorMagnification(measured);
  return [...limits, ...(PATIENT_LENGTH_LIMITS[quantity] ?? []).map((limit) => limit * magnification)];
}

/** A lesion's measured figure as every door shows it: formatFigure, against measuredLimits. */
export function formatMeasuredFigure(quantity: ThresholdedQuantity, measured: MeasuredMm): string {
  return formatNumber(measured.value, ...measuredLimits(quantity, measured));
}

/** A length drawn on an image can become the largest dimension or the axial involvement: it keeps the side of both. */
export const LENGTH_LIMITS: readonly number[] = [...FIGURE_LIMITS.largestDimensionMm, ...FIGURE_LIMITS.axialInvolvementMm];

/**
 * A figure of a thresholded quantity as every door shows it: two decimals at most, more only where
 * fewer would land it on or across a limit the scores compare it with ("50.04" for 50.04%, never "50.0").
 * @param quantity - what the value measures
 * @param value - the value as stored
 */
export function formatFigure(quantity: ThresholdedQuantity, value: number): string {
  return formatNumber(value, ...FIGURE_LIMITS[quantity]);
}

/** A drawn length's figure (mm): on its side of every limit a lesion length is compared with. */
export function formatLength(value: number): string {
  return formatNumber(value, ...LENGTH_LIMITS);
}

/**
 * A thresholded figure with a fixed number of decimals, as the viewer shows it ("50.0%" away from the
 * limits), more only near one ("50.04%" for 50.04, never "50.0").
 * @param quantity - what the value measures
 * @param value - the value
 * @param digits - the decimals shown away from the limits
 */
export function fixedFigure(quantity: ThresholdedQuantity, value: number, digits: number): string {
  return toFixedBeside(value, digits, FIGURE_LIMITS[quantity]);
}

/** A drawn length with a fixed number of decimals, more only near a limit a lesion length is compared with. */
export function fixedLength(value: number, digits: number): string {
  return toFixedBeside(value, digits, LENGTH_LIMITS);
}
