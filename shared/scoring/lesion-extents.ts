import type { Lesion } from '../lesion/lesion';
import type { MeasuredMm } from '../lesion/measurement';
import { exceedsInPatient } from './patient-size';

/** Another extent of the lesion the record holds, with the words a reader knows it by. */
export interface LesionExtent {
  name: string;
  measured: MeasuredMm;
}

/**
 * The record's other extents of the lesion that could reach `limit` mm in the patient: its width
 * across the bone (Mirels' size) and the length of cortex it destroyed along the axis. The lesion's
 * largest dimension is at least each of them, so one reaching a limit the largest dimension misses
 * says the two inputs disagree. A length in pixels says nothing in mm and is left out.
 */
export function extentsReaching(lesion: Lesion, limit: number): LesionExtent[] {
  const extents: Array<[string, MeasuredMm | null]> = [
    ['width', lesion.lesionWidthMm],
    ['axial extent of destroyed cortex', lesion.axialInvolvementMm],
  ];
  return extents
    .filter((e): e is [string, MeasuredMm] => e[1] !== null && e[1].spacingPlane !== 'none' && exceedsInPatient(e[1], limit, true) !== false)
    .map(([name, measured]) => ({ name, measured }));
}
