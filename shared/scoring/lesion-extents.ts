import type { Lesion } from '../lesion/lesion';
import type { MeasuredMm } from '../lesion/measurement';
import { exceedsInPatient } from './patient-size';
import { HARRINGTON, VAN_DER_LINDEN } from './thresholds';

/** Another extent of the lesion the record holds, with the words a reader knows it by. */
export interface LesionExtent {
  name: string;
  measured: MeasuredMm;
  /** The limits in mm this length is compared with anywhere: a figure shown is kept off each (formatPatientSize). */
  limits: number[];
}

/** The record's other extents of the lesion in mm: its width across the bone (Mirels' size) and the length of cortex it destroyed along the axis. A length in pixels says nothing in mm and is left out. */
function extentsInMm(lesion: Lesion): LesionExtent[] {
  const extents: Array<[string, MeasuredMm | null, number[]]> = [
    ['width', lesion.lesionWidthMm, [HARRINGTON.lesionSizeMm]],
    ['axial extent of destroyed cortex', lesion.axialInvolvementMm, [HARRINGTON.lesionSizeMm, VAN_DER_LINDEN.axialMm]],
  ];
  return extents
    .filter((e): e is [string, MeasuredMm, number[]] => e[1] !== null && e[1].spacingPlane !== 'none')
    .map(([name, measured, limits]) => ({ name, measured, limits }));
}

/**
 * The record's other extents of the lesion that could reach `limit` mm in the patient. The lesion's
 * largest dimension is at least each of them, so one reaching a limit the largest dimension misses
 * says the two inputs disagree.
 */
export function extentsReaching(lesion: Lesion, limit: number): LesionExtent[] {
  return extentsInMm(lesion).filter((e) => exceedsInPatient(e.measured, limit, true) !== false);
}

/**
 * The record's other extents of the lesion that reach `limit` mm in the patient whatever the
 * magnification: the largest dimension, being at least each, reaches it too, recorded or not.
 */
export function extentsSurelyReaching(lesion: Lesion, limit: number): LesionExtent[] {
  return extentsInMm(lesion).filter((e) => exceedsInPatient(e.measured, limit, true) === true);
}
