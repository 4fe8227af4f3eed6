/**
 * The VRs whose explicit-VR header has a 2-byte length (PS3.5 7.1.2). A reader that meets a VR it
 * does not know (dcmjs) reads it as UN, with a 4-byte length.
 */
export const TWO_BYTE_LENGTH_VRS: ReadonlySet<string> = new Set(['AE', 'AS', 'AT', 'CS', 'DA', 'DS', 'DT', 'FD', 'FL', 'IS', 'LO', 'LT', 'PN', 'SH', 'SL', 'SS', 'ST', 'TM', 'UI', 'UL', 'US']);

/** The VRs whose explicit-VR header has a 4-byte length after two reserved bytes (PS3.5 7.1.2). */
export const FOUR_BYTE_LENGTH_VRS: ReadonlySet<string> = new Set(['OB', 'OD', 'OF', 'OL', 'OV', 'OW', 'SQ', 'SV', 'UC', 'UN', 'UR', 'UT', 'UV']);

/**
 * Whether an explicit-VR element header of this VR has two reserved bytes and a 4-byte length
 * (PS3.5 7.1.2): every VR but the 2-byte ones, a VR the reader does not know included (one added to
 * the standard later has it), as dcmjs and dcmtk read it.
 */
export function hasFourByteLength(vr: string): boolean {
  return !TWO_BYTE_LENGTH_VRS.has(vr);
}

// dicom-parser 1.8.21 frames every VR but these with a 2-byte length: the 64-bit VRs added in 2019
// (PS3.5 CP-1819) and any VR it does not know. It reads the two reserved bytes as the length and
// loses its place, so a file holding one (an Extended Offset Table, a private SV, a VR newer than
// the reader) reads as truncated or corrupt. Only two upper-case letters are a VR (PS3.5 6.2): it
// also reads an item delimiter in an item through its element reader, the first two bytes of the
// delimiter's 4-byte length (zeros, read as '') standing for the VR, and relies on the 2-byte form.
const FOUR_BYTE_LENGTH_VRS_OF_DICOM_PARSER: ReadonlySet<string> = new Set(['OB', 'OD', 'OL', 'OW', 'SQ', 'OF', 'UC', 'UR', 'UT', 'UN']);

/** The part of dicom-parser's ByteStream its explicit-VR element reader calls, in this order, for a VR and its length. */
interface ElementHeaderStream {
  readFixedString(length: number): string;
  readUint16(): number;
  readUint32(): number;
  seek(offset: number): void;
}

/** What `teachLongLengthVrs` needs of dicom-parser: its ByteStream class (the one its parseDicom makes). */
export interface DicomParserStreams {
  ByteStream: { prototype: ElementHeaderStream };
}

const taught = new WeakSet<object>();

/**
 * Makes dicom-parser frame OV, SV and UV elements, and those of a VR it does not know, with their
 * 4-byte length, as PS3.5 7.1.2 does.
 * Its explicit-VR reader asks the stream for the VR (a 2-character string, the only one it reads)
 * and then for a 2-byte length: after one of these VRs, that read skips the reserved bytes and
 * answers the 4-byte length instead. Every parse in the process, the DICOM image loader's included,
 * goes through the same class; calling it again does nothing.
 */
export function teachLongLengthVrs(dicomParser: DicomParserStreams): void {
  const stream = dicomParser.ByteStream.prototype;
  if (taught.has(stream)) return;
  taught.add(stream);
  const readFixedString = stream.readFixedString;
  const readUint16 = stream.readUint16;
  const awaitingLength = new WeakSet<ElementHeaderStream>();
  stream.readFixedString = function (this: ElementHeaderStream, length: number): string {
    const text = readFixedString.call(this, length);
    if (length === 2 && /^[A-Z]{2}$/.test(text) && hasFourByteLength(text) && !FOUR_BYTE_LENGTH_VRS_OF_DICOM_PARSER.has(text)) awaitingLength.add(this);
    else awaitingLength.delete(this);
    return text;
  };
  stream.readUint16 = function (this: ElementHeaderStream): number {
    if (!awaitingLength.delete(this)) return readUint16.call(this);
    this.seek(2);
    return this.readUint32();
  };
}
