import dicomParser from '../../dicom/dicom-parser';
import { AppError } from '@shared/errors';
import { MAX_SEQUENCE_ITEMS } from '../../dicom/element-flood';
import { dicomTextDecoder, unknownCharacterSetTerms, type DicomTextDecoder } from '@shared/dicom/text-decoding';

// PS3.5 lets a sequence item declare its own Specific Character Set, in force for the item and the
// items nested in it unless one of them declares another. dcmjs 0.52 refuses such an item outright
// when the value has several terms ("\ISO 2022 IR 87") and otherwise decodes only that item's own
// values with it. The declarations are found here before dcmjs reads the bytes, blanked in the copy
// it reads (so that it reads every item's bytes as windows-1252, which keeps them apart), and each
// item's text is then decoded again in the character set in force there (code-extensions.ts).

const SPECIFIC_CHARACTER_SET = 'x00080005';
const PIXEL_DATA = 'x7fe00010';
/** The tag (0008,0005) as Little Endian and Big Endian syntaxes write it. */
const TAG_BYTES = [Buffer.from([0x08, 0x00, 0x05, 0x00]), Buffer.from([0x00, 0x08, 0x00, 0x05])];

/** The declarations of a file's sequence items, by their place in the parsed original. */
export interface ItemCharacterSets {
  /** The bytes dcmjs reads: each item's declaration blanked. */
  readable: Uint8Array;
  /** The original parsed, walked beside dcmjs's dictionary to find each item's declaration. */
  dataSet: dicomParser.DataSet;
}

/**
 * Whether the tag's bytes occur anywhere but at the data set's own declaration: most files have no
 * declaration in an item, and are not parsed a second time for it.
 */
function mayDeclareInItems(bytes: Uint8Array, topLevelTagOffset: number | null): boolean {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return TAG_BYTES.some((tag) => {
    for (let at = buffer.indexOf(tag); at >= 0; at = buffer.indexOf(tag, at + 1)) if (at !== topLevelTagOffset) return true;
    return false;
  });
}

/** Whether encapsulated pixel data starting at `at` holds more than `max` items (its offset table and fragments), counted without reading them. */
function fragmentsExceed(bytes: Uint8Array, at: number, max: number): boolean {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let count = 0; at + 8 <= bytes.byteLength; at += 8 + view.getUint32(at + 4, true)) {
    if (view.getUint16(at, true) !== 0xfffe || view.getUint16(at + 2, true) !== 0xe000) return false;
    if (++count > max) return true;
  }
  return false;
}

function declarationsIn(dataSet: dicomParser.DataSet, found: dicomParser.Element[]): void {
  for (const element of Object.values(dataSet.elements)) {
    for (const item of element.items ?? []) {
      if (!item.dataSet) continue;
      const declared = item.dataSet.elements[SPECIFIC_CHARACTER_SET];
      if (declared && declared.length > 0) found.push(declared);
      declarationsIn(item.dataSet, found);
    }
  }
}

/**
 * The character sets a file's sequence items declare, and the bytes with those declarations
 * blanked for dcmjs; null when no item declares one (or the bytes do not parse, which dcmjs reports).
 */
export function findItemCharacterSets(bytes: Uint8Array): ItemCharacterSets | null {
  let dataSet: dicomParser.DataSet;
  try {
    const header = dicomParser.parseDicom(bytes, { untilTag: SPECIFIC_CHARACTER_SET });
    const own = header.elements[SPECIFIC_CHARACTER_SET];
    // A Code String's tag, VR (or length) and length come 8 bytes before its value.
    if (!mayDeclareInItems(bytes, own ? own.dataOffset - 8 : null)) return null;
    // The header's flood count stops at the top-level Pixel Data; parsing past it makes an object of
    // each fragment of encapsulated pixel data. Past MAX_SEQUENCE_ITEMS of them, only the header is
    // read (a declaration in an item after the pixel data is then not found, and dcmjs reads it as is).
    // Without Pixel Data, the header is the whole file.
    const upToPixels = dicomParser.parseDicom(bytes, { untilTag: PIXEL_DATA });
    const pixels = upToPixels.elements[PIXEL_DATA];
    const headerOnly = !pixels || (pixels.hadUndefinedLength === true && fragmentsExceed(bytes, pixels.dataOffset, MAX_SEQUENCE_ITEMS));
    dataSet = headerOnly ? upToPixels : dicomParser.parseDicom(bytes);
  } catch {
    return null;
  }
  const found: dicomParser.Element[] = [];
  declarationsIn(dataSet, found);
  if (found.length === 0) return null;
  const readable = Uint8Array.from(bytes);
  for (const element of found) readable.fill(0x20, element.dataOffset, element.dataOffset + element.length);
  return { readable, dataSet };
}

/** An item of the parsed original: its data set, and its place for messages ("(0040,A730) item 3"). */
export interface OriginalItem {
  dataSet: dicomParser.DataSet;
  place: string;
}

const tagName = (tag: string) => `(${tag.slice(0, 4)},${tag.slice(4)})`;

/** The original of item `index` of the sequence `tag` (dcmjs's key, "0040A730") in an original data set. */
export function originalItem(parent: OriginalItem | null, tag: string, index: number): OriginalItem | null {
  const dataSet = parent?.dataSet.elements[`x${tag.toLowerCase()}`]?.items?.[index]?.dataSet;
  if (!dataSet) return null;
  const place = `${parent!.place ? `${parent!.place} > ` : ''}${tagName(tag.toUpperCase())} item ${index + 1}`;
  return { dataSet, place };
}

/**
 * The decoder in force in an item: its own declaration's, else its parent's. A declaration naming a
 * character set no decoder here reads is refused, naming it and the item: guessing would show a
 * surgeon wrong text as if it were the report's.
 * @param source - what the file is, for the message
 */
export function itemDecoder(item: OriginalItem | null, inherited: DicomTextDecoder | null, source: string): DicomTextDecoder | null {
  const declared = item?.dataSet.elements[SPECIFIC_CHARACTER_SET];
  if (!item || !declared || declared.length === 0) return inherited;
  const value = item.dataSet.string(SPECIFIC_CHARACTER_SET) ?? '';
  const unknown = unknownCharacterSetTerms(value);
  if (unknown.length > 0) {
    throw new AppError(
      'unsupported',
      `${source}: the sequence item at ${item.place} declares the Specific Character Set "${value}", whose ${unknown.map((t) => `"${t}"`).join(', ')} ` +
        `is not a DICOM character set this app can decode, so its text cannot be read. Ask the sender for the object in UTF-8 (ISO_IR 192) or a character set of PS3.3 C.12.1.1.2.`,
    );
  }
  return dicomTextDecoder(value);
}
