import { z } from 'zod';
import { cross, dot, type Vector3 as Vector } from '../geometry/vector3';
import type { InstanceSummary } from './series';

/** Something about a series' geometry a reader must know before trusting a reformat or a measurement. */
export const SeriesGeometryWarningSchema = z.object({
  code: z.enum(['no-position', 'mixed-orientation', 'irregular-spacing', 'gap', 'coincident-slices', 'too-few-slices']),
  message: z.string(),
});
export type SeriesGeometryWarning = z.infer<typeof SeriesGeometryWarningSchema>;

/** A series put in spatial order, with its slice spacing and whether a reformat would be true. */
export interface SeriesGeometry {
  /** Instance ids, head to feet for axial stacks (decreasing position along the slice normal). */
  order: number[];
  /** Median distance between neighbouring slices in mm, or null when it cannot be measured. */
  spacingMm: number | null;
  /** True when positions are regular and orientations agree, so a volume built from them is faithful. */
  reformattable: boolean;
  warnings: SeriesGeometryWarning[];
}

const ORIENTATION_TOLERANCE = 1e-3;
const MIN_SLICES_FOR_REFORMAT = 3;

/** Spacing deviations below this (of the median, or 0.05 mm) are scanner rounding, not irregularity. */
export const SPACING_TOLERANCE_FRACTION = 0.01;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const byInstanceNumber = (a: InstanceSummary, b: InstanceSummary) => (a.instanceNumber ?? Infinity) - (b.instanceNumber ?? Infinity) || a.id - b.id;

/**
 * Orders a series' image instances by position along the slice normal (never by file name or
 * instance number alone) and says where the geometry would make a reformat wrong.
 */
export function seriesGeometry(instances: readonly InstanceSummary[]): SeriesGeometry {
  const images = instances.filter((i) => i.hasPixelData);
  const warnings: SeriesGeometryWarning[] = [];
  const placed = images.filter((i) => i.imagePositionPatient && i.imageOrientationPatient);
  const unplaced = images.filter((i) => !(i.imagePositionPatient && i.imageOrientationPatient)).sort(byInstanceNumber);
  if (unplaced.length > 0 && images.length > 1) {
    warnings.push({ code: 'no-position', message: `${unplaced.length} of ${images.length} images have no position or orientation; they are shown in instance-number order.` });
  }
  if (placed.length === 0) return { order: unplaced.map((i) => i.id), spacingMm: null, reformattable: false, warnings };

  const orientation = placed[0]!.imageOrientationPatient!;
  const mixed = placed.some((i) => i.imageOrientationPatient!.some((v, k) => Math.abs(v - orientation[k]!) > ORIENTATION_TOLERANCE));
  if (mixed) {
    warnings.push({ code: 'mixed-orientation', message: 'The images of this series do not share one orientation (a localiser or several stacks): no reformat.' });
    return { order: [...placed].sort(byInstanceNumber).concat(unplaced).map((i) => i.id), spacingMm: null, reformattable: false, warnings };
  }

  const normal = cross(orientation.slice(0, 3) as Vector, orientation.slice(3, 6) as Vector);
  const located = placed.map((i) => ({ instance: i, along: dot(i.imagePositionPatient!, normal) }));
  located.sort((a, b) => b.along - a.along || byInstanceNumber(a.instance, b.instance));
  const steps = located.slice(1).map((l, k) => located[k]!.along - l.along);
  const moving = steps.filter((s) => s > 1e-4);
  const spacing = moving.length > 0 ? median(moving) : null;

  if (placed.length > 1 && placed.length < MIN_SLICES_FOR_REFORMAT) {
    warnings.push({ code: 'too-few-slices', message: `Only ${placed.length} slices: too few for a reformat.` });
  }
  if (steps.length > moving.length) {
    warnings.push({ code: 'coincident-slices', message: `${steps.length - moving.length} images share a position with another (several echoes, phases or repeats): no reformat.` });
  }
  if (spacing !== null) {
    const tolerance = Math.max(0.05, spacing * SPACING_TOLERANCE_FRACTION);
    const gaps = moving.filter((s) => s > spacing * 1.5);
    if (gaps.length > 0) {
      warnings.push({ code: 'gap', message: `${gaps.length} gap(s) in the stack (up to ${Math.max(...gaps).toFixed(2)} mm where slices are ${spacing.toFixed(2)} mm apart): a reformat would be wrong there.` });
    } else if (moving.some((s) => Math.abs(s - spacing) > tolerance)) {
      warnings.push({ code: 'irregular-spacing', message: `Slice spacing varies from ${Math.min(...moving).toFixed(2)} to ${Math.max(...moving).toFixed(2)} mm: no reformat.` });
    }
  }
  const reformattable = warnings.length === 0 && placed.length >= MIN_SLICES_FOR_REFORMAT && spacing !== null;
  return { order: located.map((l) => l.instance.id).concat(unplaced.map((i) => i.id)), spacingMm: spacing, reformattable, warnings };
}
