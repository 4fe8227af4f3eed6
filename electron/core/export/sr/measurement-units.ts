import { measurementUnit, type MeasurementUnit } from '@shared/annotation/measurement-unit';
import { UNITS, type Code } from '../dicom/codes';

/** Each unit of a drawing's figures as its UCUM code. */
const UCUM: Record<MeasurementUnit, Code> = {
  mm: UNITS.mm,
  mm2: UNITS.mm2,
  mm3: UNITS.mm3,
  px: UNITS.pixels,
  px2: UNITS.squarePixels,
  '%': UNITS.percent,
  deg: UNITS.degree,
  HU: UNITS.hounsfield,
  '1': UNITS.noUnits,
};

/**
 * The UCUM unit of an annotation measurement, by the rule the viewer shows it with (measurementUnit).
 * @param sopClassUid - the SOP class of the image the figure was measured on ('' when unknown)
 * @param inPixels - the image has no Pixel Spacing: the viewer measured its lengths and areas in pixels
 */
export function unitOfMeasurementKey(key: string, sopClassUid: string, inPixels = false): Code {
  return UCUM[measurementUnit(key, sopClassUid, inPixels)];
}
