const IMPLICIT_LE = '1.2.840.10008.1.2';
const EXPLICIT_LE = '1.2.840.10008.1.2.1';
const VRS = new Set('AE AS AT CS DA DS DT FD FL IS LO LT OB OD OF OL OV OW PN SH SL SQ SS ST SV TM UC UI UL UN UR US UT UV'.split(' '));

function hasPart10Prefix(bytes: Uint8Array): boolean {
  return bytes.length >= 132 && bytes[128] === 0x44 && bytes[129] === 0x49 && bytes[130] === 0x43 && bytes[131] === 0x4d;
}

/**
 * Gives an ACR-NEMA style file (no 128-byte preamble, no "DICM", no File Meta) the Part 10 header
 * that Cornerstone's parser requires, with the transfer syntax guessed from its first element
 * (explicit VR when a valid VR follows the tag, else implicit; little endian). Part 10 files pass
 * through untouched. Byte-for-byte the data set is the file's own.
 * @param buffer - the bytes the host served
 */
export function withPart10Header(buffer: ArrayBuffer): ArrayBuffer {
  const bytes = new Uint8Array(buffer);
  if (bytes.length < 8 || hasPart10Prefix(bytes)) return buffer;
  const group = bytes[0]! | (bytes[1]! << 8);
  // Only a little-endian data set starting at a plausible group is given a header; anything else fails as before.
  if (group === 0 || group > 0x7fe0 || group % 2 === 1) return buffer;
  const vr = String.fromCharCode(bytes[4]!, bytes[5]!);
  const syntax = VRS.has(vr) ? EXPLICIT_LE : IMPLICIT_LE;
  const value = syntax.length % 2 ? `${syntax}\0` : syntax;
  const header = new Uint8Array(128 + 4 + 8 + value.length);
  header.set([0x44, 0x49, 0x43, 0x4d], 128);
  // (0002,0010) TransferSyntaxUID, explicit VR little endian as File Meta always is.
  header.set([0x02, 0x00, 0x10, 0x00, 0x55, 0x49, value.length & 0xff, value.length >> 8], 132);
  for (let i = 0; i < value.length; i++) header[140 + i] = value.charCodeAt(i);
  const out = new Uint8Array(header.length + bytes.length);
  out.set(header);
  out.set(bytes, header.length);
  return out.buffer;
}
