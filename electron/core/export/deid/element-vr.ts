import { dictionaryVr } from '../dicom/part10-io';

// A value the profile keeps is judged by its VR: text is searched for mentions of the patient, a
// number is kept as a number. An element written with a VR its tag does not have (a CS as OB, a DS
// as FD), or an unknown tag in a numeric or binary VR, carries bytes nobody can judge: a name
// written as eight 'US' values passes every text check. Such an element is removed.

/** The VRs each of dcmjs' ambiguous dictionary codes stands for. */
const AMBIGUOUS: Record<string, readonly string[]> = {
  xs: ['US', 'SS'],
  ox: ['OB', 'OW'],
  lt: ['US', 'SS', 'OW'],
  up: ['UL'],
};

/** VRs whose values are text (checked for form or for mentions) or items (walked): an unknown tag may keep them. */
const JUDGED_VRS = new Set(['AE', 'AS', 'CS', 'DA', 'DS', 'DT', 'IS', 'LO', 'LT', 'PN', 'SH', 'ST', 'TM', 'UC', 'UI', 'UR', 'UT', 'SQ']);

/**
 * Whether an element of a standard group may be kept with this VR: the VR PS3.6 gives its tag
 * (one of them, where it gives a choice), or, for a tag the dictionary does not know (a newer
 * attribute, or a made-up one), a text VR or a sequence.
 */
export function vrFitsTag(tag: string, vr: string): boolean {
  const known = dictionaryVr(tag);
  if (known === undefined) return JUDGED_VRS.has(vr);
  return (AMBIGUOUS[known] ?? [known]).includes(vr);
}
