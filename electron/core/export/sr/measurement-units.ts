import { UNITS, type Code } from '../dicom/codes';

/** SOP classes whose stored values, once rescaled, are Hounsfield units: CT, Enhanced CT, Legacy Converted Enhanced CT. */
const CT_SOP_CLASSES = new Set(['1.2.840.10008.5.1.4.1.1.2', '1.2.840.10008.5.1.4.1.1.2.1', '1.2.840.10008.5.1.4.1.1.2.2']);

/**
 * Cornerstone's figure names as the viewer stores them (its cachedStats keys): the drawing tools
 * measure in patient millimetres and degrees; intensities are in the image's own unit.
 */
const CORNERSTONE_UNITS: Record<string, Code | 'intensity'> = {
  length: UNITS.mm, width: UNITS.mm, radius: UNITS.mm, perimeter: UNITS.mm,
  area: UNITS.mm2, angle: UNITS.degree, arcdegrees: UNITS.degree,
  mean: 'intensity', stddev: 'intensity', max: 'intensity', min: 'intensity', value: 'intensity',
};

function unitOfKey(k: string, sopClassUid: string): Code {
  const known = CORNERSTONE_UNITS[k];
  if (known === 'intensity') return CT_SOP_CLASSES.has(sopClassUid) ? UNITS.hounsfield : UNITS.noUnits;
  if (known) return known;
  if (k.endsWith('mm2')) return UNITS.mm2;
  if (k.endsWith('mm3')) return UNITS.mm3;
  if (k.endsWith('mm')) return UNITS.mm;
  if (k.endsWith('pct') || k.endsWith('percent')) return UNITS.percent;
  if (k.endsWith('hu')) return UNITS.hounsfield;
  if (k.endsWith('deg') || k.endsWith('degrees')) return UNITS.degree;
  return UNITS.noUnits;
}

/**
 * The unit of an annotation measurement: a Cornerstone figure by its name ("area" -> mm2, "mean"
 * -> HU on CT, no units elsewhere), else read from the key's suffix ("areaMm2" -> mm2).
 * @param sopClassUid - the SOP class of the image the figure was measured on ('' when unknown)
 * @param inPixels - the image has no Pixel Spacing: the viewer measured its lengths and areas in pixels
 */
export function unitOfMeasurementKey(key: string, sopClassUid: string, inPixels = false): Code {
  const unit = unitOfKey(key.toLowerCase(), sopClassUid);
  if (inPixels && unit === UNITS.mm) return UNITS.pixels;
  if (inPixels && unit === UNITS.mm2) return UNITS.squarePixels;
  return unit;
}
