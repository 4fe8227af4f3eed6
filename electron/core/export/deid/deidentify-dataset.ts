import type { DenaturalizedDataset, DenaturalizedElement } from 'dcmjs';
import { isHl7RegisteredUid, isStandardUid } from '../dicom/uids';
import { shiftDicomDate, shiftDicomDateTime } from '../dicom/dicom-datetime';
import { DEID } from '../dicom/codes';
import { identifyingTexts, withoutIdentityMentions } from './identity-mentions';
import { basicProfileAction, concreteAction } from './profile-actions';
import { vrFitsTag } from './element-vr';

/** How one export de-identifies: its UID map, the patient's pseudonym, and the date shift (null: option off). */
export interface DeidentifyContext {
  mapUid(original: string): string;
  pseudonym: string;
  dateShiftDays: number | null;
}


/**
 * Attributes whose UIDs name a kind of object, not an object (SOP classes, transfer syntaxes): kept
 * even when private, or the file would no longer say what it is. Every other UID is replaced.
 */
const CLASS_UID_TAGS = new Set(['00080016', '00081150', '0008001A', '0008001B', '00041510', '00041512']);

/**
 * Attributes whose UIDs name a vocabulary (Coding Scheme UID, Context UID, Mapping Resource UID):
 * SNOMED CT is 2.16.840.1.113883.6.96. Replaced, the copy would no longer say what its codes mean;
 * kept when DICOM or HL7 registered them, mapped otherwise (a local scheme's UID can name a site).
 */
const VOCABULARY_UID_TAGS = new Set(['0008010C', '00080117', '00080118']);

/**
 * Sequences the table does not name that say who issued the patient's or the order's identifiers
 * (the hospital's OID and name): removed, as the table removes the Issuer of Admission ID Sequence.
 */
const ISSUER_SEQUENCES = new Set(['00100024', '00080051', '00400026', '00400027']);

/**
 * VRs the table's unnamed attributes lose: an AE title names a device or site, a URL a server (and
 * often the study's original UID), and an element whose VR is unknown (UN) cannot be judged.
 */
const REMOVED_VRS = new Set(['AE', 'UR', 'UN']);

/**
 * Bytes the table does not name are kept only where an image needs them: pixel data and their
 * descriptions and LUTs (groups 0028, 7FE0). Anywhere else (an encapsulated document, Data Set
 * Trailing Padding, a waveform's samples) they can hold any text, the patient's name first.
 */
const BINARY_VRS = new Set(['OB', 'OD', 'OF', 'OL', 'OV', 'OW']);
const IMAGE_BINARY_GROUPS = new Set(['0028', '7FE0']);

/** Waveform Sequence: only images are exported, and a waveform an image carries is no part of it. */
const WAVEFORM_SEQUENCE = '54000100';

const DUMMY: Record<string, string> = { PN: 'ANONYMOUS', DA: '19000101', TM: '000000', DT: '19000101000000', IS: '0', DS: '0', AS: '000D' };

/** dcmjs leaves ambiguous VRs of implicit files ("US or SS", "OB or OW") unresolved; writing needs one. */
function resolveVr(vr: string, pixelRepresentation: number): string {
  if (!vr.includes(' or ')) return vr === 'ox' ? 'OW' : vr;
  if (vr.includes('SS')) return pixelRepresentation === 1 ? 'SS' : 'US';
  return vr.includes('OW') ? 'OW' : vr.split(' or ')[0]!;
}

/** A date-time without its UTC offset ("+0200"): the offset says where, as Timezone Offset From UTC (removed) does. */
const withoutUtcOffset = (dt: string | null) => (dt === null ? null : dt.replace(/[+-]\d{4}$/, ''));

function shifted(element: DenaturalizedElement, days: number): DenaturalizedElement | null {
  const shift = element.vr === 'DA' ? shiftDicomDate : (v: string, d: number) => withoutUtcOffset(shiftDicomDateTime(v, d));
  const values = (element.Value ?? []).map((v) => (typeof v === 'string' && v !== '' ? shift(v, days) : v));
  // A value that cannot be shifted (partial or malformed) cannot be kept either.
  return values.some((v) => v === null) ? null : { vr: element.vr, Value: values };
}

/**
 * A time (HHMMSS.FFFFFF, or the retired HH:MM:SS), an age (nnnD/W/M/Y), each part optional as PS3.5
 * allows, a decimal or an integer string.
 */
const WELL_FORMED: Record<string, RegExp> = {
  TM: /^\s*(\d{2}(:?\d{2}(:?\d{2}(\.\d{1,6})?)?)?)?\s*$/,
  AS: /^\s*(\d{3}[DWMY])?\s*$/,
  DS: /^\s*([+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?)?\s*$/,
  IS: /^\s*([+-]?\d+)?\s*$/,
};

/**
 * A kept time, age or number with every value checked for its form: one that is not is text (a name
 * typed where a time or a thickness goes), so the element is emptied (present, as Type 2 needs).
 * dcmjs writes a DS or IS from the text it read (`_rawValue`), its number being null when the text
 * is none: that text is what is checked.
 */
function kept(element: DenaturalizedElement): DenaturalizedElement {
  const form = WELL_FORMED[element.vr];
  if (!form) return element;
  const values = (element as { _rawValue?: unknown[] })._rawValue ?? element.Value ?? [];
  return values.every((v) => typeof v !== 'string' || form.test(v)) ? element : { vr: element.vr, Value: [] };
}

function mapped(element: DenaturalizedElement, ctx: DeidentifyContext, kept: (uid: string) => boolean = isStandardUid): DenaturalizedElement {
  return { vr: element.vr, Value: (element.Value ?? []).map((v) => (typeof v === 'string' && v !== '' && !kept(v) ? ctx.mapUid(v) : v)) };
}

function processElement(tag: string, element: DenaturalizedElement, ctx: DeidentifyContext, pixelRepresentation: number): DenaturalizedElement | null {
  const group = tag.slice(0, 4);
  if (parseInt(group, 16) % 2 === 1) return null; // private: the Basic Profile removes them all
  if (tag.endsWith('0000')) return null; // group lengths: retired, and recomputed by readers anyway
  // File Meta read into the data set (its group length lied): the export writes its own File Meta.
  if (group === '0002') return null;
  const vr = resolveVr(element.vr, pixelRepresentation);
  if (!vrFitsTag(tag, vr)) return null; // bytes in a VR their tag does not have: no check below can judge them
  const el = { ...element, vr };
  const listed = basicProfileAction(tag);
  if (listed) {
    switch (concreteAction(tag, vr, listed, ctx.dateShiftDays !== null)) {
      case 'remove':
        return null;
      case 'empty':
        return { vr, Value: [] };
      case 'dummy':
        return DUMMY[vr] ? { vr, Value: [DUMMY[vr]] } : vr === 'UI' ? mapped(el, ctx) : { vr, Value: ['ANONYMIZED'] };
      case 'map-uids':
        return mapped(el, ctx);
      case 'shift-date':
        return vr === 'DA' || vr === 'DT' ? shifted(el, ctx.dateShiftDays ?? 0) : el;
      case 'keep':
        return kept(el);
      case 'recurse':
        return { vr, Value: (el.Value ?? []).map((item) => processDataset(item as DenaturalizedDataset, ctx)) };
    }
  }
  // Not in the table; stricter than it where identity can hide (documented in the dataset README):
  if (ISSUER_SEQUENCES.has(tag) || tag === WAVEFORM_SEQUENCE || REMOVED_VRS.has(vr)) return null;
  if (BINARY_VRS.has(vr) && !IMAGE_BINARY_GROUPS.has(group.toUpperCase())) return null;
  if (vr === 'SQ') return { vr, Value: (el.Value ?? []).map((item) => processDataset(item as DenaturalizedDataset, ctx)) };
  if (vr === 'UI' && VOCABULARY_UID_TAGS.has(tag)) return mapped(el, ctx, (uid) => isStandardUid(uid) || isHl7RegisteredUid(uid));
  if (vr === 'UI') return CLASS_UID_TAGS.has(tag) ? el : mapped(el, ctx); // every instance, series, study, frame-of-reference... UID
  if (vr === 'PN') return { vr, Value: [] }; // any other person's name
  if (vr === 'DA' || vr === 'DT') return ctx.dateShiftDays === null ? null : shifted(el, ctx.dateShiftDays); // any other date
  return kept(el);
}

function processDataset(dict: DenaturalizedDataset, ctx: DeidentifyContext): DenaturalizedDataset {
  const pixelRepresentation = Number(dict['00280103']?.Value?.[0] ?? 0);
  const out: DenaturalizedDataset = {};
  for (const [tag, element] of Object.entries(dict)) {
    const kept = processElement(tag.toUpperCase(), element, ctx, pixelRepresentation);
    if (kept) out[tag.toUpperCase()] = kept;
  }
  return out;
}

/** The text of De-identification Method (LO, at most 64 characters). */
export function deidentificationMethod(shiftDates: boolean): string {
  return shiftDates ? 'BoneMet: PS3.15 Basic Profile, Modified Dates Option' : 'BoneMet: PS3.15 Basic Profile';
}

/**
 * Applies the PS3.15 Basic Application Level Confidentiality Profile to a tag-keyed dataset: the
 * Table E.1-1 action of every listed attribute at any depth, every private attribute removed,
 * every UID replaced through the export's map, any text left that mentions a name, ID, address or
 * UID of the source removed, the patient named by the pseudonym, and the
 * de-identification attributes of the Patient module set (Patient Identity Removed = YES, method
 * and method codes 113100 and, with shifted dates, 113107).
 */
export function deidentifyDataset(dict: DenaturalizedDataset, ctx: DeidentifyContext): DenaturalizedDataset {
  const out = withoutIdentityMentions(processDataset(dict, ctx), identifyingTexts(dict));
  const shift = ctx.dateShiftDays !== null;
  const code = (c: { value: string; scheme: string; meaning: string }): DenaturalizedDataset => ({
    '00080100': { vr: 'SH', Value: [c.value] },
    '00080102': { vr: 'SH', Value: [c.scheme] },
    '00080104': { vr: 'LO', Value: [c.meaning] },
  });
  out['00100010'] = { vr: 'PN', Value: [{ Alphabetic: ctx.pseudonym }] };
  out['00100020'] = { vr: 'LO', Value: [ctx.pseudonym] };
  out['00120062'] = { vr: 'CS', Value: ['YES'] };
  out['00120063'] = { vr: 'LO', Value: [deidentificationMethod(shift)] };
  out['00120064'] = { vr: 'SQ', Value: shift ? [code(DEID.basicProfile), code(DEID.modifiedDates)] : [code(DEID.basicProfile)] };
  out['00280303'] = { vr: 'CS', Value: [shift ? 'MODIFIED' : 'REMOVED'] };
  return out;
}
