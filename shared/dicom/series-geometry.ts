import { z } from 'zod';
import { cross, dot, type Vector3 as Vector } from '../geometry/vector3';
import { orientationGroups, planeName } from './orientation-groups';
import { allowedMisplacementMm, positionQuanta, roundingErrorAlong } from './position-precision';
import type { InstanceSummary } from './series';

/** Something about a series' geometry a reader must know before trusting a reformat or a measurement. */
export const SeriesGeometryWarningSchema = z.object({
  code: z.enum(['no-position', 'mixed-orientation', 'other-orientation-left-out', 'irregular-spacing', 'gap', 'coincident-slices', 'too-few-slices']),
  message: z.string(),
});
export type SeriesGeometryWarning = z.infer<typeof SeriesGeometryWarningSchema>;

/** A series put in spatial order, with its slice spacing and whether a reformat would be true. */
export interface SeriesGeometry {
  /** Instance ids, head to feet for axial stacks (decreasing position along the slice normal). */
  order: number[];
  /**
   * Distance between neighbouring slices in mm: on a stack without gap or repeat, first to last over
   * n - 1 (positions rounded when written make single steps uneven); else the median step; null
   * when it cannot be measured.
   */
  spacingMm: number | null;
  /** Images of another orientation than the stack's (a localiser), left out of `order`. */
  leftOut: number[];
  /** True when positions are regular and orientations agree, so a volume built from them is faithful. */
  reformattable: boolean;
  warnings: SeriesGeometryWarning[];
}

const MIN_SLICES_FOR_REFORMAT = 3;

/** Spacing deviations below this (of the median, or 0.05 mm) are scanner noise, not irregularity. */
export const SPACING_TOLERANCE_FRACTION = 0.01;
/** Rounding of written positions never excuses more than this fraction of the spacing (a missing slice stays a gap). */
const MAX_ROUNDING_FRACTION = 0.25;
/** Other orientations are a localiser left out when the stack has at least this many times their images. */
const DOMINANCE = 4;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const byInstanceNumber = (a: InstanceSummary, b: InstanceSummary) => (a.instanceNumber ?? Infinity) - (b.instanceNumber ?? Infinity) || a.id - b.id;

const imageName = (i: InstanceSummary) => (i.instanceNumber === null ? `image ${i.sopInstanceUid}` : `image ${i.instanceNumber}`);

/**
 * Whether every slice lies on the line from the first to the last within what rounding of the
 * written positions explains, or within the misplacement a regular stack allows anyway.
 */
function roundingExplains(located: readonly { instance: InstanceSummary; along: number }[], normal: readonly number[], fitted: number): boolean {
  const quanta = positionQuanta(located.map((l) => l.instance.imagePositionPatient!));
  // Each position may be off by `error`, the two ends of the fitted line too: residuals up to twice it.
  const explained = Math.max(2 * roundingErrorAlong(quanta, normal), allowedMisplacementMm(fitted));
  const allowed = Math.min(explained, MAX_ROUNDING_FRACTION * fitted) + 1e-6;
  return located.every((l, k) => Math.abs(located[0]!.along - k * fitted - l.along) <= allowed);
}

/**
 * Orders a series' image instances by position along the slice normal (never by file name or
 * instance number alone) and says where the geometry would make a reformat wrong. Images of another
 * orientation than a clearly dominant one (a localiser in an axial series) are left out and named.
 */
export function seriesGeometry(instances: readonly InstanceSummary[]): SeriesGeometry {
  const images = instances.filter((i) => i.hasPixelData);
  const warnings: SeriesGeometryWarning[] = [];
  const allPlaced = images.filter((i) => i.imagePositionPatient && i.imageOrientationPatient);
  const unplaced = images.filter((i) => !(i.imagePositionPatient && i.imageOrientationPatient)).sort(byInstanceNumber);
  if (unplaced.length > 0 && images.length > 1) {
    warnings.push({ code: 'no-position', message: `${unplaced.length} of ${images.length} images have no position or orientation; they are shown in instance-number order.` });
  }
  if (allPlaced.length === 0) return { order: unplaced.map((i) => i.id), spacingMm: null, reformattable: false, leftOut: [], warnings };

  const [dominant, ...others] = orientationGroups(allPlaced);
  const otherImages = others.flatMap((g) => g.images).sort(byInstanceNumber);
  if (otherImages.length > 0 && otherImages.length * DOMINANCE > dominant!.images.length) {
    const counts = [dominant!, ...others].map((g) => `${g.images.length} ${planeName(g.orientation)}`).join(', ');
    warnings.push({
      code: 'mixed-orientation',
      message: `The images of this series lie in ${others.length + 1} orientations of comparable size (${counts}), not one stack: no reformat. Open a series of one orientation.`,
    });
    return { order: [...allPlaced].sort(byInstanceNumber).concat(unplaced).map((i) => i.id), spacingMm: null, reformattable: false, leftOut: [], warnings };
  }
  if (otherImages.length > 0) {
    const named = otherImages.map((i) => `${imageName(i)} (${planeName(i.imageOrientationPatient!)})`).join(', ');
    warnings.push({
      code: 'other-orientation-left-out',
      message: `Left out of the stack, as a localiser: ${named}; the stack is the ${dominant!.images.length} ${planeName(dominant!.orientation)} images.`,
    });
  }
  const placed = dominant!.images;
  const orientation = dominant!.orientation;

  const normal = cross(orientation.slice(0, 3) as Vector, orientation.slice(3, 6) as Vector);
  const located = placed.map((i) => ({ instance: i, along: dot(i.imagePositionPatient!, normal) }));
  located.sort((a, b) => b.along - a.along || byInstanceNumber(a.instance, b.instance));
  const steps = located.slice(1).map((l, k) => located[k]!.along - l.along);
  const moving = steps.filter((s) => s > 1e-4);
  let spacing = moving.length > 0 ? median(moving) : null;

  if (placed.length > 1 && placed.length < MIN_SLICES_FOR_REFORMAT) {
    warnings.push({ code: 'too-few-slices', message: `Only ${placed.length} slices: too few for a reformat.` });
  }
  if (steps.length > moving.length) {
    warnings.push({ code: 'coincident-slices', message: `${steps.length - moving.length} images share a position with another (several echoes, phases or repeats): no reformat.` });
  }
  if (spacing !== null) {
    const tolerance = Math.max(0.05, spacing * SPACING_TOLERANCE_FRACTION);
    const gaps = moving.filter((s) => s > spacing! * 1.5);
    const fitted = (located[0]!.along - located.at(-1)!.along) / (located.length - 1);
    if (gaps.length > 0) {
      warnings.push({ code: 'gap', message: `${gaps.length} gap(s) in the stack (up to ${Math.max(...gaps).toFixed(2)} mm where slices are ${spacing.toFixed(2)} mm apart): a reformat would be wrong there.` });
    } else if (moving.some((s) => Math.abs(s - spacing!) > tolerance) && !roundingExplains(located, normal, fitted)) {
      warnings.push({ code: 'irregular-spacing', message: `Slice spacing varies from ${Math.min(...moving).toFixed(2)} to ${Math.max(...moving).toFixed(2)} mm: no reformat.` });
    } else if (moving.length === steps.length) {
      spacing = fitted;
    }
  }
  const blocking = warnings.filter((w) => w.code !== 'other-orientation-left-out');
  const reformattable = blocking.length === 0 && placed.length >= MIN_SLICES_FOR_REFORMAT && spacing !== null;
  return { order: located.map((l) => l.instance.id).concat(unplaced.map((i) => i.id)), spacingMm: spacing, reformattable, leftOut: otherImages.map((i) => i.id), warnings };
}
