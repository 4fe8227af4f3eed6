import { z } from 'zod';
import { spacingPlaneSuffix, type MeasurementSpacing } from '../dicom/measurement-spacing';

/**
 * The units a drawing's figures are in: millimetres and their squares and cubes, pixels and square
 * pixels (an image without Pixel Spacing), percent, degrees, Hounsfield units, or none (a count, or
 * an intensity in the image's own arbitrary scale).
 */
export const MeasurementUnitSchema = z.enum(['mm', 'mm2', 'mm3', 'px', 'px2', '%', 'deg', 'HU', '1']);
export type MeasurementUnit = z.infer<typeof MeasurementUnitSchema>;

/** Whether the viewer measures an image's lengths in pixels: the spacing rule (measurementSpacing) found none it can measure in mm with. */
export function measuresInPixels(image: { measurementSpacing: MeasurementSpacing }): boolean {
  return image.measurementSpacing.spacing === null;
}

/**
 * A unit as written beside a figure, naming the plane a length in mm lies in: "mm (detector)" on a
 * radiograph not corrected for magnification, "mm² (calibrated)", plain "mm" on a cross-section;
 * any other unit ("px", "°", "HU") as it is.
 * @param unit - the unit as Cornerstone or the panel writes it ("mm", "mm²")
 */
export function unitWithPlane(unit: string, plane: MeasurementSpacing['plane']): string {
  return /^mm/.test(unit) ? `${unit}${spacingPlaneSuffix(plane)}` : unit;
}

/** SOP classes whose stored values, once rescaled, are Hounsfield units: CT, Enhanced CT, Legacy Converted Enhanced CT. */
const CT_SOP_CLASSES = new Set(['1.2.840.10008.5.1.4.1.1.2', '1.2.840.10008.5.1.4.1.1.2.1', '1.2.840.10008.5.1.4.1.1.2.2']);

/**
 * Cornerstone's figure names as the viewer stores them (its cachedStats keys): the drawing tools
 * measure in patient millimetres and degrees; intensities are in the image's own unit.
 */
const CORNERSTONE_UNITS: Record<string, MeasurementUnit | 'intensity'> = {
  length: 'mm', width: 'mm', radius: 'mm', perimeter: 'mm',
  area: 'mm2', angle: 'deg', arcdegrees: 'deg',
  mean: 'intensity', stddev: 'intensity', max: 'intensity', min: 'intensity', value: 'intensity',
};

/** Whether an image of this SOP class holds Hounsfield units (a CT), so that its intensities are in HU. */
function holdsHounsfieldUnits(sopClassUid: string): boolean {
  return CT_SOP_CLASSES.has(sopClassUid);
}

/**
 * The unit of a stored drawing figure, the one rule the SR writer and the viewer's panel share: a
 * Cornerstone figure by its name ("area" -> mm2; "mean" -> HU on a CT image, no unit elsewhere),
 * else read from the key's suffix ("axialExtentMm" -> mm, "arcPercent" -> %).
 * @param key - the figure's name in the record's measurements
 * @param sopClassUid - the SOP class of the image it was measured on ('' when unknown)
 * @param inPixels - the image has no Pixel Spacing: the viewer measured its lengths and areas in pixels
 */
export function measurementUnit(key: string, sopClassUid: string, inPixels = false): MeasurementUnit {
  const unit = unitByName(key.toLowerCase(), sopClassUid);
  if (inPixels && unit === 'mm') return 'px';
  if (inPixels && unit === 'mm2') return 'px2';
  return unit;
}

function unitByName(k: string, sopClassUid: string): MeasurementUnit {
  const known = CORNERSTONE_UNITS[k];
  if (known === 'intensity') return holdsHounsfieldUnits(sopClassUid) ? 'HU' : '1';
  if (known) return known;
  if (k.endsWith('mm2')) return 'mm2';
  if (k.endsWith('mm3')) return 'mm3';
  if (k.endsWith('mm')) return 'mm';
  if (k.endsWith('pct') || k.endsWith('percent')) return '%';
  if (k.endsWith('hu')) return 'HU';
  if (k.endsWith('deg') || k.endsWith('degrees')) return 'deg';
  return '1';
}
