import { describe, expect, it } from 'vitest';
import { part10PrefixFor } from '../../../electron/core/dicom/part10-prefix';
import { MAX_SEQUENCE_ITEMS } from '../../../electron/core/dicom/element-flood';
import { findItemCharacterSets } from '../../../electron/core/export/dicom/item-character-sets';

// A file whose sequence item declares its own character set is parsed a second time, whole, to find
// the declaration. Its encapsulated Pixel Data may hold millions of empty fragments (8 bytes each),
// which the header's flood count does not see (it stops at the top-level Pixel Data): the parse made
// an object of each. Past MAX_SEQUENCE_ITEMS fragments, it reads the header only.
const JPEG_BASELINE = '1.2.840.10008.1.2.4.50';

const le16 = (n: number) => [n & 0xff, n >> 8];
const le32 = (n: number) => [n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, n >>> 24];
const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));
const short = (group: number, element: number, vr: string, value: string) => [...le16(group), ...le16(element), ...ascii(vr), ...le16(value.length), ...ascii(value)];
const itemTag = (element: number, length: number) => [...le16(0xfffe), ...le16(element), ...le32(length)];

/** Explicit VR Little Endian JPEG file: an item of (0040,A730) declaring ISO_IR 192, then Pixel Data of `fragments` empty fragments. */
function fileWithFragments(fragments: number): Uint8Array {
  const header = [
    ...short(0x0008, 0x0005, 'CS', 'ISO_IR 100'),
    ...le16(0x0040), ...le16(0xa730), ...ascii('SQ'), 0, 0, ...le32(0xffffffff),
    ...itemTag(0xe000, 0xffffffff),
    ...short(0x0008, 0x0005, 'CS', 'ISO_IR 192'),
    ...short(0x0040, 0xa160, 'LO', 'text'),
    ...itemTag(0xe00d, 0), ...itemTag(0xe0dd, 0),
    ...le16(0x7fe0), ...le16(0x0010), ...ascii('OB'), 0, 0, ...le32(0xffffffff),
    ...itemTag(0xe000, 0), // the Basic Offset Table, empty
  ];
  const prefix = part10PrefixFor(JPEG_BASELINE);
  const bytes = new Uint8Array(prefix.length + header.length + fragments * 8 + 8);
  bytes.set(prefix, 0);
  bytes.set(header, prefix.length);
  const fragment = Uint8Array.from(itemTag(0xe000, 0));
  let at = prefix.length + header.length;
  for (let i = 0; i < fragments; i++, at += 8) bytes.set(fragment, at);
  bytes.set(itemTag(0xe0dd, 0), at);
  return bytes;
}

const declaredIn = (found: ReturnType<typeof findItemCharacterSets>) =>
  found!.dataSet.elements.x0040a730!.items![0]!.dataSet!.string('x00080005');

describe("finding sequence items' character sets in a file of many pixel data fragments", () => {
  it('reads every fragment of a real file, and finds the declaration', () => {
    const found = findItemCharacterSets(fileWithFragments(3));
    expect(declaredIn(found)).toBe('ISO_IR 192');
    expect(found!.dataSet.elements.x7fe00010!.fragments).toHaveLength(3);
  });

  it(`makes no object of each fragment past ${MAX_SEQUENCE_ITEMS.toLocaleString('en-US')}, and still finds the declaration`, () => {
    const found = findItemCharacterSets(fileWithFragments(MAX_SEQUENCE_ITEMS + 1));
    expect(declaredIn(found)).toBe('ISO_IR 192');
    expect(found!.dataSet.elements.x7fe00010?.fragments ?? []).toHaveLength(0);
    // The declaration is blanked in the bytes dcmjs reads.
    expect(Buffer.from(found!.readable).includes('ISO_IR 192')).toBe(false);
  });
});
