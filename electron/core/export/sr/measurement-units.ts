import { measurementUnit, type MeasurementUnit } from '@shared/annotation/measurement-unit';
import { UNITS, type Code } from '../dicom/codes';

/** Each unit of a drawing's figures as its UCUM code. */
const UCUM: Record<MeasurementUnit, Code> = {
  mm: UNITS.mm,
  mm2: UNITS.mm2,
  mm3: UNITS.mm3,
  '%': UNITS.percent,
  deg: UNITS.degree,
  HU: UNITS.hounsfield,
  '1': UNITS.noUnits,
};

/**
 * The UCUM unit of an annotation measurement, by the rule the viewer shows it with (measurementUnit).
 * @param sopClassUid - the SOP class of the image the figure was measured on ('' when unknown)
 */
export function unitOfMeasurementKey(key: string, sopClassUid: string): Code {
  return UCUM[measurementUnit(key, sopClassUid)];
}
