import { BASIC_PROFILE_TABLE, type ProfileAction } from './confidentiality-profile';

/** What is done to one element: the Basic Profile's choice resolved for this element. */
export type ConcreteAction = 'remove' | 'empty' | 'dummy' | 'map-uids' | 'keep' | 'recurse' | 'shift-date';

const EXACT = new Map(BASIC_PROFILE_TABLE.filter(([t]) => !t.includes('x')).map(([t, a]) => [t, a]));

/** Patient's Birth Date and Time: not kept by the Modified Dates option (PS3.15 Table E.1-1). */
const BIRTH = new Set(['00100030', '00100032']);

/** Acquisition Context Sequence is Type 2 in the enhanced IODs: X/Z keeps it, empty. */
const KEEP_EMPTY_SEQUENCES = new Set(['00400555']);

/** The table's action for a tag (8 upper-case hex digits), including the 50xx and 60xx rows. */
export function basicProfileAction(tag: string): ProfileAction | undefined {
  const exact = EXACT.get(tag);
  if (exact) return exact;
  const group = parseInt(tag.slice(0, 4), 16);
  // Curves (50xx) and overlays (60xx): the table removes their data and comments; the whole
  // repeating group goes, since an overlay plane can carry burned-in text.
  if ((group >= 0x5000 && group <= 0x501e && group % 2 === 0) || (group >= 0x6000 && group <= 0x601e && group % 2 === 0)) return 'X';
  return undefined;
}

/**
 * The concrete action for one element, from the table's action, the element's VR and the options.
 * Combined actions are resolved the way PS3.15 E.3.1 allows, so that an image that was valid stays
 * valid: X/Z and X/Z/D empty a value (present, Type 2 safe) but remove a sequence; X/D removes;
 * Z/D empties; X/Z/U* keeps a sequence with its UIDs replaced. D writes a dummy value. Under the
 * Modified Dates option every date and date-time the table names (birth excepted) is shifted and
 * times are kept.
 */
export function concreteAction(tag: string, vr: string, action: ProfileAction, shiftDates: boolean): ConcreteAction {
  const temporal = vr === 'DA' || vr === 'DT' || vr === 'TM';
  if (shiftDates && temporal && !BIRTH.has(tag) && action !== 'U') return vr === 'TM' ? 'keep' : 'shift-date';
  const sequence = vr === 'SQ';
  switch (action) {
    case 'K':
      return 'keep';
    case 'U':
      return 'map-uids';
    case 'X':
    case 'C':
      return 'remove';
    case 'Z':
    case 'Z/D':
      return 'empty';
    case 'D':
      return sequence ? 'remove' : 'dummy';
    case 'X/D':
      return 'remove';
    case 'X/Z':
      return sequence && !KEEP_EMPTY_SEQUENCES.has(tag) ? 'remove' : 'empty';
    case 'X/Z/D':
      return sequence ? 'remove' : 'empty';
    case 'X/Z/U*':
      return sequence ? 'recurse' : vr === 'UI' ? 'map-uids' : 'empty';
  }
}
