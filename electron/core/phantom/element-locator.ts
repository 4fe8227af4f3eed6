import { hasFourByteLength } from '@shared/dicom/long-length-vrs';

/** Where one element's value sits in a Part 10 buffer. */
export interface ElementSlot {
  offset: number;
  length: number;
}

/**
 * Finds the value slots of top-level elements in an Explicit VR Little Endian Part 10 buffer
 * without sequences of undefined length (what ctSliceDataset produces).
 * @param tags - tags as 8 upper-case hex digits, e.g. '00080018'
 */
export function locateElements(buffer: Buffer, tags: readonly string[]): Map<string, ElementSlot> {
  const wanted = new Set(tags);
  const found = new Map<string, ElementSlot>();
  let position = 132; // 128-byte preamble + "DICM"
  while (position + 8 <= buffer.length && found.size < wanted.size) {
    const group = buffer.readUInt16LE(position);
    const element = buffer.readUInt16LE(position + 2);
    const tag = `${hex4(group)}${hex4(element)}`;
    const vr = buffer.toString('latin1', position + 4, position + 6);
    const long = hasFourByteLength(vr);
    const length = long ? buffer.readUInt32LE(position + 8) : buffer.readUInt16LE(position + 6);
    if (length === 0xffffffff) throw new Error(`element ${tag} has undefined length; not supported`);
    const offset = position + (long ? 12 : 8);
    if (wanted.has(tag)) found.set(tag, { offset, length });
    position = offset + length;
  }
  const missing = tags.filter((tag) => !found.has(tag));
  if (missing.length > 0) throw new Error(`elements not found: ${missing.join(', ')}`);
  return found;
}

/** Overwrites a slot with text padded to the slot's length by `pad` (space for DS/IS, NUL for UI). */
export function patchText(buffer: Buffer, slot: ElementSlot, text: string, pad: ' ' | '\0'): void {
  if (text.length > slot.length) throw new RangeError(`"${text}" does not fit in ${slot.length} bytes`);
  buffer.write(text.padEnd(slot.length, pad), slot.offset, slot.length, 'latin1');
}

function hex4(value: number): string {
  return value.toString(16).toUpperCase().padStart(4, '0');
}
