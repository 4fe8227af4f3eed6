import { hasFourByteLength } from '@shared/dicom/long-length-vrs';

/**
 * The Transfer Syntax UID of a Part 10 file's File Meta (group 0002, always Explicit VR Little
 * Endian) and where its data set starts, read from the bytes without a parser; null when the bytes
 * are not Part 10 or name no syntax.
 */
export function fileMetaSyntax(bytes: Uint8Array): { uid: string; datasetAt: number } | null {
  if (bytes.byteLength < 132 || String.fromCharCode(...bytes.subarray(128, 132)) !== 'DICM') return null;
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 132;
  let uid: string | null = null;
  while (at + 8 <= buffer.length && buffer.readUInt16LE(at) === 0x0002) {
    const long = hasFourByteLength(buffer.toString('latin1', at + 4, at + 6));
    if (long && at + 12 > buffer.length) break;
    const length = long ? buffer.readUInt32LE(at + 8) : buffer.readUInt16LE(at + 6);
    const header = long ? 12 : 8;
    if (buffer.readUInt16LE(at + 2) === 0x0010) uid = buffer.toString('latin1', at + header, Math.min(buffer.length, at + header + length)).replace(/[\0 ]+$/, '');
    at += header + length;
  }
  return uid === null ? null : { uid, datasetAt: at };
}
