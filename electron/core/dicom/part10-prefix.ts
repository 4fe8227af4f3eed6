/**
 * Whether the bytes start as a Part 10 file: a 128-byte preamble and "DICM".
 * @param head - at least the first 132 bytes of the file (fewer: not Part 10)
 */
export function hasPart10Prefix(head: Uint8Array): boolean {
  return head.length >= 132 && head[128] === 0x44 && head[129] === 0x49 && head[130] === 0x43 && head[131] === 0x4d;
}

/**
 * The preamble, "DICM" and a File Meta holding its group length and the Transfer Syntax UID, to put
 * before an ACR-NEMA style data set (a file with no preamble and no meta) so that a Part 10 reader
 * (the viewer's, the exports' dcmjs, which wants the group length) reads it. The syntax is the one
 * the import worked out and the index stored, or the same rule applied again (dicom/read-header.ts).
 */
export function part10PrefixFor(transferSyntaxUid: string): Uint8Array {
  const value = transferSyntaxUid.length % 2 ? `${transferSyntaxUid}\0` : transferSyntaxUid;
  const syntaxElement = 8 + value.length;
  const prefix = new Uint8Array(128 + 4 + 12 + syntaxElement);
  prefix.set([0x44, 0x49, 0x43, 0x4d], 128);
  // (0002,0000) File Meta Information Group Length, then (0002,0010) Transfer Syntax UID, both
  // explicit VR little endian as File Meta always is.
  prefix.set([0x02, 0x00, 0x00, 0x00, 0x55, 0x4c, 0x04, 0x00, syntaxElement & 0xff, syntaxElement >> 8, 0, 0], 132);
  prefix.set([0x02, 0x00, 0x10, 0x00, 0x55, 0x49, value.length & 0xff, value.length >> 8], 144);
  for (let i = 0; i < value.length; i++) prefix[152 + i] = value.charCodeAt(i);
  return prefix;
}
