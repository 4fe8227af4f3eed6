import type { DenaturalizedDataset, DenaturalizedElement } from 'dcmjs';
import { trimPadding } from '@shared/dicom/text-decoding';
import { isStandardUid } from '../dicom/uids';
import { isDefinedTerm, isStructuralTag } from './defined-terms';
import { basicProfileAction } from './profile-actions';

// The Basic Profile's table names the attributes that identify; it keeps every other standard text.
// A name or ID typed into one of those (a code meaning, software versions, a label) would travel. So
// the values the profile takes away are remembered, and any text left that mentions one goes too.

/**
 * Attributes (besides every person name) whose values identify the patient, the visit, the hospital
 * or the device, at whatever depth they sit.
 */
const IDENTIFYING_TAGS = new Set([
  '00100020', // Patient ID (also inside Other Patient IDs Sequence)
  '00101000', // Other Patient IDs
  '00100021', // Issuer of Patient ID
  '00080050', // Accession Number
  '00200010', // Study ID
  '00380010', // Admission ID
  '00380060', // Service Episode ID
  '00101090', // Medical Record Locator
  '00101040', // Patient's Address
  '00102154', // Patient's Telephone Numbers
  '00080080', // Institution Name
  '00080081', // Institution Address
  '00081040', // Institutional Department Name
  '00081010', // Station Name
  '00181000', // Device Serial Number
  '00401001', // Requested Procedure ID
  '00400009', // Scheduled Procedure Step ID
  '00400253', // Performed Procedure Step ID
  '00402016', // Placer Order Number / Imaging Service Request
  '00402017', // Filler Order Number / Imaging Service Request
  '00400031', // Local Namespace Entity ID (of an ID's issuer)
  '00400032', // Universal Entity ID (of an ID's issuer)
  // Devices: the table removes their IDs as it does the serial number.
  '00181004', // Plate ID
  '00181005', // Generator ID
  '00181007', // Cassette ID
  '00181008', // Gantry ID
  '00181009', // Unique Device Identifier
  '0018700A', // Detector ID
  '00189371', // X-Ray Detector ID
  // Places: stations, rooms and wards.
  '00400010', // Scheduled Station Name
  '00400011', // Scheduled Procedure Step Location
  '00400242', // Performed Station Name
  '00400243', // Performed Location
  '00401005', // Requested Procedure Location
  '00321020', // Scheduled Study Location
  '00380300', // Current Patient Location
  '00380400', // Patient's Institution Residence
  '00102152', // Region of Residence
  '00102299', // Responsible Organization
  '00080092', // Referring Physician's Address
  '00401102', // Person's Address
  // Contacts, insurance, visits and trial subjects.
  '00080094', // Referring Physician's Telephone Numbers
  '00102155', // Patient's Telecom Information
  '00401103', // Person's Telephone Numbers
  '00401104', // Person's Telecom Information
  '00101050', // Insurance Plan Identification
  '00380011', // Issuer of Admission ID
  '00380061', // Issuer of Service Episode ID
  '0040050A', // Specimen Accession Number
  '00120040', // Clinical Trial Subject ID
  '00120042', // Clinical Trial Subject Reading ID
]);

/** Text VRs a name or an ID can be written into. */
const TEXT_VRS = new Set(['AE', 'CS', 'LO', 'LT', 'PN', 'SH', 'ST', 'UC', 'UR', 'UT']);


/** Shorter values would match by chance (two Latin letters, one ideograph): not searched for. */
function longEnough(text: string): boolean {
  return /^[\x00-\x7f]*$/.test(text) ? text.length >= 3 : [...text].length >= 2;
}

const MONTHS = ['JANUARY', 'FEBRUARY', 'MARCH', 'APRIL', 'MAY', 'JUNE', 'JULY', 'AUGUST', 'SEPTEMBER', 'OCTOBER', 'NOVEMBER', 'DECEMBER'];

/**
 * The forms a DICOM date (YYYYMMDD, or the date of a date-time) is commonly typed in: digits in
 * either order, with or without leading zeros, with a two-digit year, in Chinese, Japanese and Korean
 * ('2023年9月17日'), and the month in English words ('17 Sep 2023', 'SEP 17, 2023', '17-SEP-2023'), upper case.
 */
function dateForms(da: string): string[] {
  const m = /^(\d{4})(\d{2})(\d{2})/.exec(da.trim());
  if (!m) return [];
  const [, y = '', mo = '', d = ''] = m;
  const yy = y.slice(2);
  const [day, month] = [String(Number(d)), String(Number(mo))];
  const numeric = [`${y}${mo}${d}`, `${y}-${mo}-${d}`, `${y}/${mo}/${d}`, `${y}.${mo}.${d}`, `${d}.${mo}.${y}`, `${d}/${mo}/${y}`, `${mo}/${d}/${y}`, `${d}-${mo}-${y}`,
    `${day}.${month}.${y}`, `${day}/${month}/${y}`, `${month}/${day}/${y}`, `${d}.${mo}.${yy}`, `${d}/${mo}/${yy}`, `${mo}/${d}/${yy}`,
    `${y}/${month}/${day}`, `${y}-${month}-${day}`, `${y}.${month}.${day}`,
    // Chinese and Japanese (年月日), Korean (년월일), with and without leading zeros.
    ...[[mo, d], [month, day]].flatMap(([mm, dd]) => [`${y}年${mm}月${dd}日`, `${y}년 ${mm}월 ${dd}일`, `${y}년${mm}월${dd}일`])];
  const name = MONTHS[Number(mo) - 1];
  if (!name) return numeric;
  const words = [...new Set([name, name.slice(0, 3)])].flatMap((mon) => [d, day].flatMap((dd) =>
    [`${dd} ${mon} ${y}`, `${dd}-${mon}-${y}`, `${dd}${mon}${y}`, `${mon} ${dd}, ${y}`, `${mon} ${dd} ${y}`]));
  return [...new Set([...numeric, ...words])];
}

/**
 * A text as a system limited to ASCII writes it, upper case: without diacritics ("BOHMLANDER"), or
 * with the German ones spelled out ("BOEHMLAENDER"); the text itself when it has none.
 */
function asciiForms(text: string): string[] {
  const upper = text.toUpperCase();
  const spelled = upper.replace(/Ä/g, 'AE').replace(/Ö/g, 'OE').replace(/Ü/g, 'UE');
  return [...new Set([upper, withoutDiacritics(upper), withoutDiacritics(spelled)])];
}

/** Without diacritics, and in compatibility forms (full-width "ＭＵＬＬＥＲ" as "MULLER", half-width kana as kana). */
const withoutDiacritics = (text: string) => text.normalize('NFKD').replace(/\p{M}/gu, '');

/** Letters and digits only: an identifier as typed without its separators ("MRN00481779"). */
const compact = (text: string) => text.replace(/[^\p{L}\p{N}]/gu, '');

/** Compact forms shorter than this would match by chance once the separators of a text are gone. */
const COMPACT_FROM = 6;

/**
 * The forms of an identifier's value (an ID, an accession number, a telephone number) that are
 * typed by hand: without its separators, and its digits alone when it has six or more.
 */
function identifierForms(value: string): string[] {
  const digits = value.replace(/\D/g, '');
  return [value.trim(), ...(compact(value).length >= COMPACT_FROM ? [compact(value)] : []), ...(digits.length >= COMPACT_FROM ? [digits] : [])];
}

/** The texts of one value: a person name's groups, whole, run together and by component; a date in its common forms; any other value trimmed. */
function textsOfValue(value: unknown, vr: string): string[] {
  // Without DICOM padding: a value padded with a NUL ("JANE\0") would match nothing.
  const clean = (text: string) => trimPadding(text).trim();
  if (vr === 'DA' || vr === 'DT') return typeof value === 'string' ? dateForms(clean(value)) : [];
  if (vr === 'PN') {
    const groups = typeof value === 'string' ? value.split('=') : Object.values((value ?? {}) as Record<string, unknown>).map(String);
    return groups.flatMap((group) => {
      const parts = group.split('^').map(clean).filter(Boolean);
      // Also run together, either way round ("DOEJANE", "JANEDOE"): a word boundary would miss those.
      return [clean(group), parts.join(' '), parts.join(''), [...parts].reverse().join(''), ...parts];
    });
  }
  return typeof value === 'string' ? [clean(value)] : [];
}

/**
 * The values with digits (6 characters or more, whole and word by word) of text the profile takes
 * away: a case number or a marker typed into a comment or a description, which a kept text may
 * repeat. Text without digits ('CT CHEST') is not an identifier by itself, and is left out.
 */
function numberedTexts(value: unknown): string[] {
  if (typeof value !== 'string') return [];
  const text = trimPadding(value).trim();
  const words = text.split(/\s+/).map((w) => w.replace(/^[("'[,;:.]+|[)"'\],;:.]+$/g, ''));
  return [text, ...words].filter((t) => t.length >= 6 && /\d/.test(t));
}

function collect(dict: DenaturalizedDataset, found: Set<string>): void {
  for (const [tag, element] of Object.entries(dict)) {
    const values = element.Value ?? [];
    if (element.vr === 'SQ') {
      for (const item of values) collect(item as DenaturalizedDataset, found);
      continue;
    }
    const upper = tag.toUpperCase();
    const action = basicProfileAction(upper);
    if (action !== undefined && action !== 'K' && TEXT_VRS.has(element.vr) && element.vr !== 'PN') {
      for (const value of values) for (const text of numberedTexts(value)) found.add(text.toUpperCase());
    }
    const identifying = element.vr === 'PN' || element.vr === 'DA' || element.vr === 'DT' || IDENTIFYING_TAGS.has(upper) || (element.vr === 'UI' && upper !== '00080016');
    if (!identifying) continue;
    for (const value of values) {
      if (element.vr === 'UI' && (typeof value !== 'string' || isStandardUid(value))) continue;
      const texts = textsOfValue(value, element.vr);
      const forms = element.vr === 'PN' ? texts.flatMap(asciiForms) : IDENTIFYING_TAGS.has(upper) ? texts.flatMap(identifierForms) : texts;
      for (const text of forms) if (longEnough(text)) found.add(text.toUpperCase());
    }
  }
}

/**
 * Every text of a source dataset that identifies its patient, visit, hospital or device, at any
 * depth: person names (whole and by component), IDs, addresses, its dates (as commonly typed), the
 * UIDs it holds, and the values with digits of text the profile takes away; upper case.
 */
export function identifyingTexts(dict: DenaturalizedDataset): string[] {
  const found = new Set<string>();
  collect(dict, found);
  return [...found];
}

const isWordChar = (c: string | undefined) => c !== undefined && /[A-Z0-9]/.test(c);

/**
 * Texts this long are distinctive: matched anywhere, since an ID or a name is often run into
 * other letters ("MRN77123456", "MÜLLERs"). Shorter ones would match inside ordinary words.
 */
const MATCHED_ANYWHERE_FROM = 5;

/**
 * Whether a text mentions one of the identifying texts (upper case). A short Latin name or ID must
 * stand as a word ("DOE" in "SEEN BY DOE", not in "DOES"); a longer one, or a name in another
 * script (written without spaces), is matched anywhere.
 */
export function mentionsIdentity(text: string, identifying: readonly string[]): boolean {
  const haystack = text.toUpperCase();
  // Also as an ASCII-only system writes it, and without separators ("MRN 0048 1779", "MRN-0048-\1779").
  const folded = withoutDiacritics(haystack);
  const compacted = compact(folded);
  const squeezed = squeezedForms(identifying);
  return identifying.some((needle, i) => {
    if (squeezed[i]!.length >= COMPACT_FROM && compacted.includes(squeezed[i]!)) return true;
    return [haystack, folded].some((view) => {
      if (needle.length >= MATCHED_ANYWHERE_FROM) return view.includes(needle);
      for (let at = view.indexOf(needle); at >= 0; at = view.indexOf(needle, at + 1)) {
        const before = isWordChar(needle[0]) && isWordChar(view[at - 1]);
        const after = isWordChar(needle[needle.length - 1]) && isWordChar(view[at + needle.length]);
        if (!before && !after) return true;
      }
      return false;
    });
  });
}

/** Identifying texts this long are distinctive in a UID's digits: a date (8), an ID's digits (6 or more). */
const IN_UID_FROM = 6;

/**
 * Whether a UID has a component that holds one of the identifying texts of 6 characters or more
 * (a date, an ID's digits): a private SOP Class UID, which a copy must keep as it is, built from them.
 */
export function uidMentionsIdentity(uid: string, identifying: readonly string[]): boolean {
  const long = identifying.filter((t) => t.length >= IN_UID_FROM && t !== uid.toUpperCase());
  return uid.split('.').some((component) => mentionsIdentity(component, long));
}

const squeezedCache = new WeakMap<readonly string[], string[]>();

/** Each identifying text without diacritics and separators, computed once per list. */
function squeezedForms(identifying: readonly string[]): string[] {
  let forms = squeezedCache.get(identifying);
  if (!forms) squeezedCache.set(identifying, (forms = identifying.map((t) => compact(withoutDiacritics(t)))));
  return forms;
}

function mentions(element: DenaturalizedElement, identifying: readonly string[]): boolean {
  if (!TEXT_VRS.has(element.vr)) return false;
  const values = element.Value ?? [];
  // The values run together too: an identifier can be split over two of them ("MRN-0048-\1779").
  const joined = element.vr !== 'PN' && values.length > 1 && values.every((v) => typeof v === 'string') ? [values.join('')] : [];
  return [...values, ...joined].some((value) => textsOfValue(value, element.vr).some((text) => mentionsIdentity(text, identifying)));
}

/**
 * A structural attribute (Modality, Image Type...) with only the values that are defined terms or do
 * not mention the source's identity; null when none is left (Modality, Type 1, then says Other).
 */
function structuralValues(tag: string, element: DenaturalizedElement, identifying: readonly string[]): DenaturalizedElement | null {
  const kept = (element.Value ?? []).filter((v) => typeof v !== 'string' || isDefinedTerm(tag, v) || !mentionsIdentity(v, identifying));
  if (kept.length === (element.Value ?? []).length) return element;
  if (kept.length > 0) return { ...element, Value: kept };
  return tag === '00080060' ? { ...element, Value: ['OT'] } : null;
}

/** Code Meaning: Type 1 wherever a code is, so one that names the patient is replaced, not emptied. */
const CODE_MEANING = '00080104';

/** What stands for a Code Meaning that named the patient: its code (value and scheme) still says what it means. */
const MEANING_WITHHELD = 'ANONYMIZED';

/** Binary VRs: their bytes can hold text in any encoding (an ICC profile's description, a LUT no one uses). */
const BINARY_VRS = new Set(['OB', 'OD', 'OF', 'OL', 'OV', 'OW', 'UN']);

/** Pixel Data and its kin: compressed streams are checked as they are written (deidentify-file.ts), native samples never. */
const PIXEL_GROUP = '7FE0';

/** Whether a binary element (not pixel data) holds one of the identifying texts in its bytes. */
function binaryMentions(tag: string, element: DenaturalizedElement, identifying: readonly string[]): boolean {
  if (!BINARY_VRS.has(element.vr) || tag.startsWith(PIXEL_GROUP)) return false;
  const chunks = (element.Value ?? []).filter((v): v is ArrayBuffer => v instanceof ArrayBuffer).map((v) => new Uint8Array(v));
  return bytesMentionIdentity(chunks, identifying);
}

/**
 * A de-identified dataset in which every text element, at any depth, that mentions one of the
 * identifying texts of its source (a code meaning naming the patient, an ID in Software Versions)
 * is emptied: its text goes, the attribute stays, as a Type 2 one (Manufacturer) must; a Code Meaning
 * (Type 1) says ANONYMIZED. A binary element other than pixel data whose bytes hold one (an ICC
 * profile describing itself with the patient's name) goes.
 * Of the coded attributes a reader needs, only the values that name the patient and are not defined
 * terms go: a patient called Rgb keeps an RGB image readable; a Modality made of the name does not stay.
 */
export function withoutIdentityMentions(dict: DenaturalizedDataset, identifying: readonly string[]): DenaturalizedDataset {
  if (identifying.length === 0) return dict;
  const out: DenaturalizedDataset = {};
  for (const [tag, element] of Object.entries(dict)) {
    const upper = tag.toUpperCase();
    const emptied = { vr: element.vr, Value: upper === CODE_MEANING ? [MEANING_WITHHELD] : [] };
    if (element.vr === 'SQ') out[tag] = { ...element, Value: (element.Value ?? []).map((item) => withoutIdentityMentions(item as DenaturalizedDataset, identifying)) };
    else if (binaryMentions(upper, element, identifying)) continue;
    else if (isStructuralTag(upper)) out[tag] = structuralValues(upper, element, identifying) ?? emptied;
    else out[tag] = mentions(element, identifying) ? emptied : element;
  }
  return out;
}

/**
 * Whether bytes (the fragments of a compressed image, an ICC profile) hold one of the identifying
 * texts (upper case) as written in Latin-1, UTF-8 or UTF-16 of either byte order, in any case.
 * Texts under 6 bytes are not searched: they occur by chance in an image stream.
 */
export function bytesMentionIdentity(chunks: readonly Uint8Array[], identifying: readonly string[]): boolean {
  const needles = identifying.filter((t) => Buffer.byteLength(t, 'utf8') >= 6);
  if (needles.length === 0 || chunks.length === 0) return false;
  const bytes = Buffer.concat(chunks.map((c) => Buffer.from(c.buffer, c.byteOffset, c.byteLength)));
  const bigEndian = (b: Buffer) => Buffer.from(b.subarray(0, b.length - (b.length % 2))).swap16().toString('utf16le');
  // UTF-16 read from even and odd offsets: a text need not start on a two-byte boundary.
  const utf16 = [bytes.toString('utf16le'), bytes.subarray(1).toString('utf16le'), bigEndian(bytes), bigEndian(bytes.subarray(1))];
  const views = [bytes.toString('latin1'), bytes.toString('utf8'), ...utf16].map((v) => v.toUpperCase());
  return needles.some((needle) => views.some((view) => view.includes(needle)));
}
