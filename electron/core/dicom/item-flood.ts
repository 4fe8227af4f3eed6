import { UnreadableHeader } from './header-errors';

/**
 * The most sequence items a file's bytes may hold for its header to be parsed. dicom-parser makes
 * objects of some 300 bytes for each item of 8: a 16 MB header of two million empty items took
 * 600 MB and 7 s to read, and a 160 MB one would take gigabytes. Real files hold thousands (an
 * enhanced multi-frame: some ten per frame; a large RT Structure Set: one per contour).
 */
export const MAX_SEQUENCE_ITEMS = 1_000_000;

/** The words for a file holding more items than MAX_SEQUENCE_ITEMS. */
export const TOO_MANY_ITEMS = `it holds more than ${MAX_SEQUENCE_ITEMS.toLocaleString('en-US')} sequence items: the file is corrupt or built to exhaust memory, and it is not read`;

// The Item tag (FFFE,E000) in little- and big-endian byte order.
const ITEM_TAGS = [Buffer.from([0xfe, 0xff, 0x00, 0xe0]), Buffer.from([0xff, 0xfe, 0xe0, 0x00])];

/** Throws (UnreadableHeader) when the bytes hold more Item tags than MAX_SEQUENCE_ITEMS: counted before parsing, in one pass of indexOf. */
export function refuseItemFlood(bytes: Uint8Array): void {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let count = 0;
  for (const tag of ITEM_TAGS) {
    for (let at = buffer.indexOf(tag); at !== -1; at = buffer.indexOf(tag, at + 4)) {
      if (++count > MAX_SEQUENCE_ITEMS) throw new UnreadableHeader(TOO_MANY_ITEMS);
    }
  }
}
