/**
 * The VRs whose explicit-VR header has a 2-byte length (PS3.5 7.1.2). A reader that meets a VR it
 * does not know (dcmjs) reads it as UN, with a 4-byte length.
 */
export const TWO_BYTE_LENGTH_VRS: ReadonlySet<string> = new Set(['AE', 'AS', 'AT', 'CS', 'DA', 'DS', 'DT', 'FD', 'FL', 'IS', 'LO', 'LT', 'PN', 'SH', 'SL', 'SS', 'ST', 'TM', 'UI', 'UL', 'US']);

/** The VRs whose explicit-VR header has a 4-byte length after two reserved bytes (PS3.5 7.1.2). */
export const FOUR_BYTE_LENGTH_VRS: ReadonlySet<string> = new Set(['OB', 'OD', 'OF', 'OL', 'OV', 'OW', 'SQ', 'SV', 'UC', 'UN', 'UR', 'UT', 'UV']);

// The 64-bit VRs added in 2019 (PS3.5 CP-1819): dicom-parser 1.8.21 frames them with a 2-byte
// length, reads the two reserved bytes as the length and loses its place, so a file holding one
// (an Extended Offset Table, a private SV) reads as truncated or corrupt.
const LONG_VRS_UNKNOWN_TO_DICOM_PARSER: ReadonlySet<string> = new Set(['OV', 'SV', 'UV']);

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
 * Makes dicom-parser frame OV, SV and UV elements with their 4-byte length, as PS3.5 7.1.2 does.
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
    if (length === 2 && LONG_VRS_UNKNOWN_TO_DICOM_PARSER.has(text)) awaitingLength.add(this);
    else awaitingLength.delete(this);
    return text;
  };
  stream.readUint16 = function (this: ElementHeaderStream): number {
    if (!awaitingLength.delete(this)) return readUint16.call(this);
    this.seek(2);
    return this.readUint32();
  };
}
