import dicomParser from '../../dicom/dicom-parser';
import type { DenaturalizedDataset } from 'dcmjs';
import { dicomTextDecoder, type DicomTextDecoder } from '@shared/dicom/text-decoding';
import { itemDecoder, originalItem, type ItemCharacterSets, type OriginalItem } from './item-character-sets';

// dcmjs 0.52 refuses a multi-valued Specific Character Set ("\ISO 2022 IR 149", "ISO 2022 IR 13\ISO
// 2022 IR 87": Japanese and Korean files) outright. Such a file is handed to it with that value
// blanked, so that it reads every text byte as windows-1252 (which keeps all 256 byte values
// apart), and each text value is then decoded again from those bytes by the app's own decoder:
// dcmjs then holds, and writes, the same Unicode text the index shows.

const SPECIFIC_CHARACTER_SET = 'x00080005';
/** The VRs whose values are in the Specific Character Set (PS3.5 6.1.2.3). */
const TEXT_VRS = new Set(['SH', 'LO', 'ST', 'LT', 'UT', 'UC', 'PN']);
/** The text VRs that hold one value, backslashes and leading spaces included (PS3.5 6.2). */
const SINGLE_VALUED_TEXT_VRS = new Set(['ST', 'LT', 'UT']);

/** The byte each character of dcmjs's windows-1252 reading came from. */
const BYTE_OF = (() => {
  const decoder = new TextDecoder('windows-1252');
  const map = new Map<string, number>();
  for (let byte = 0; byte < 256; byte++) map.set(decoder.decode(Uint8Array.of(byte)), byte);
  return map;
})();

function bytesOf(text: string): Uint8Array {
  // Node's "latin1" decoder (which dcmjs names) is ISO 8859-1, not windows-1252: 0x80-0x9F come back as themselves.
  return Uint8Array.from(text, (char) => BYTE_OF.get(char) ?? (char.charCodeAt(0) < 0x100 ? char.charCodeAt(0) : 0x3f));
}

/**
 * The bytes as dcmjs can read them, and the character set to decode their text with afterwards;
 * null when dcmjs reads the file as it is (a single character set).
 */
export function withoutCodeExtensions(bytes: Uint8Array): { readable: Uint8Array; specificCharacterSet: string } | null {
  let element: dicomParser.Element | undefined;
  let value: string | undefined;
  try {
    const dataSet = dicomParser.parseDicom(bytes, { untilTag: SPECIFIC_CHARACTER_SET });
    element = dataSet.elements[SPECIFIC_CHARACTER_SET];
    value = dataSet.string(SPECIFIC_CHARACTER_SET);
  } catch {
    return null; // dcmjs says what is wrong with the file
  }
  if (!element || !value?.includes('\\')) return null;
  const readable = Uint8Array.from(bytes);
  readable.fill(0x20, element.dataOffset, element.dataOffset + element.length);
  return { readable, specificCharacterSet: value };
}

/** Decodes again, in place, every text value dcmjs read from a file prepared by withoutCodeExtensions (and findItemCharacterSets). */
export function decodeTextValues(dict: DenaturalizedDataset, specificCharacterSet: string, items: ItemCharacterSets | null, source: string): void {
  redecode(dict, dicomTextDecoder(specificCharacterSet), topOf(items), source, true);
}

/**
 * dcmjs 0.52 reads the items of a sequence with a fresh stream that decodes text as windows-1252,
 * whatever the dataset's Specific Character Set: in a UTF-8 SR, every note, label and text item
 * inside the content tree came back garbled ("’" as "â\u0080\u0099"). Decodes those values again,
 * in place, in the character set in force in each item: its own declaration's (findItemCharacterSets),
 * else the dataset's single one (a file with code extensions is handled whole by decodeTextValues).
 * @param source - what the file is, for messages
 */
export function decodeSequenceTexts(dict: DenaturalizedDataset, items: ItemCharacterSets | null, source: string): void {
  // dcmjs rewrites Specific Character Set to ISO_IR 192 once it has read it; the file's own is kept raw.
  const declared = dict['00080005'] as Element | undefined;
  const raw = Array.isArray(declared?._rawValue) ? (declared._rawValue as unknown[])[0] : undefined;
  const charset = typeof raw === 'string' ? raw : declared?.Value?.[0];
  // The default repertoire is ASCII, which dcmjs's reading keeps: only an item's own declaration changes it.
  const decode = typeof charset !== 'string' || charset.trim() === '' || charset.trim() === 'ISO_IR 6' ? null : dicomTextDecoder(charset);
  if (decode === null && items === null) return;
  redecode(dict, decode, topOf(items), source, false);
}

type Element = { vr: string; Value?: unknown[]; _rawValue?: unknown };

const topOf = (items: ItemCharacterSets | null): OriginalItem | null => (items ? { dataSet: items.dataSet, place: '' } : null);

/**
 * Decodes the text values of a data set again with `decode` (null: as dcmjs read them), and those of
 * its sequence items with the decoder in force in each.
 * @param original - the data set in the parsed original, where items' own declarations are found
 * @param ownValues - whether this data set's own values are decoded again (the top level's are right when it has one character set)
 */
function redecode(dict: DenaturalizedDataset, decode: DicomTextDecoder | null, original: OriginalItem | null, source: string, ownValues: boolean): void {
  for (const [tag, element] of Object.entries(dict) as [string, Element][]) {
    if (element.vr === 'SQ') {
      (element.Value ?? []).forEach((item, index) => {
        const itemOriginal = originalItem(original, tag, index);
        redecode(item as DenaturalizedDataset, itemDecoder(itemOriginal, decode, source), itemOriginal, source, true);
      });
      continue;
    }
    if (!ownValues || decode === null || !TEXT_VRS.has(element.vr) || !element.Value || element.Value.length === 0) continue;
    // Joined again before decoding: "\" (and "=" in a name) may be half of a two-byte character.
    if (element.vr === 'PN') {
      const raw = typeof element._rawValue === 'string' ? element._rawValue : '';
      element.Value = decode(bytesOf(raw), true).split('\\').map(personNameGroups);
    } else if (SINGLE_VALUED_TEXT_VRS.has(element.vr)) {
      // A backslash is text here, not a value delimiter (PS3.5 6.2): dcmjs split the value at each one.
      element.Value = [decode(bytesOf((element.Value as string[]).join('\\'))).trimEnd()];
    } else {
      element.Value = decode(bytesOf((element.Value as string[]).join('\\'))).split('\\').map((v) => v.trim());
    }
    // Without the raw value dcmjs writes the decoded Value, never the bytes it read.
    delete element._rawValue;
  }
}

/** A PN value as dcmjs keeps it: its alphabetic, ideographic and phonetic groups. */
function personNameGroups(value: string): Record<string, string> {
  const [alphabetic = '', ideographic, phonetic] = value.split('=');
  return {
    Alphabetic: alphabetic.trim(),
    ...(ideographic === undefined ? {} : { Ideographic: ideographic.trim() }),
    ...(phonetic === undefined ? {} : { Phonetic: phonetic.trim() }),
  };
}
