import { getBone, getRegion } from '@shared/anatomy/catalogue';
import type { Lesion } from '@shared/lesion/lesion';
import { fitUtf8Bytes } from '../dicom/fit-bytes';

/** The longest label a SEG's Segment Label and Tracking ID (LO) hold. */
const LABEL_BYTES = 64;

/** The lesion's place in words ("Femur, Femoral diaphysis (shaft), left"), for identifiers and labels. */
export function locationLabel(lesion: Pick<Lesion, 'boneId' | 'regionId' | 'laterality'>): string {
  const bone = getBone(lesion.boneId);
  const region = lesion.regionId ? getRegion(lesion.boneId, lesion.regionId) : undefined;
  return [bone?.name ?? lesion.boneId, region?.name, lesion.laterality].filter(Boolean).join(', ');
}

/**
 * "Lesion 3: Femur, Femoral diaphysis (shaft), left": the label and tracking identifier of a lesion
 * in the SR and the SEG alike, at most 64 bytes (LO). A place too long for that loses its bone name
 * (the region names it), then the end of the region's name ("…"), never the number or the side.
 * @param number - the lesion's number in the export (1-based)
 */
export function lesionLabel(number: number, lesion: Pick<Lesion, 'boneId' | 'regionId' | 'laterality'>): string {
  const full = `Lesion ${number}: ${locationLabel(lesion)}`;
  if (Buffer.byteLength(full, 'utf8') <= LABEL_BYTES) return full;
  const region = lesion.regionId ? getRegion(lesion.boneId, lesion.regionId)?.name : undefined;
  const place = region ?? getBone(lesion.boneId)?.name ?? lesion.boneId;
  const head = `Lesion ${number}: `;
  const side = lesion.laterality ? `, ${lesion.laterality}` : '';
  const room = LABEL_BYTES - Buffer.byteLength(head + side, 'utf8');
  const fitted = Buffer.byteLength(place, 'utf8') <= room ? place : `${fitUtf8Bytes(place, room - Buffer.byteLength('…', 'utf8')).trimEnd()}…`;
  return `${head}${fitted}${side}`;
}
