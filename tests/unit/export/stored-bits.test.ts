import { describe, expect, it } from 'vitest';
import { toStoredValues } from '@shared/dicom/stored-values';
import { keepStoredBits } from '../../../electron/core/export/dicom/stored-bits';

const words = (values: number[]) => new Uint8Array(new Uint16Array(values).buffer);

describe('keeping only the stored bits of native pixels', () => {
  it('clears the bits above a 12-bit unsigned value, where an embedded overlay sits', () => {
    const samples = words([0x8123, 0x0fff, 0xf000]);
    keepStoredBits(samples, { bitsAllocated: 16, bitsStored: 12, highBit: 11, signed: false });
    expect([...new Uint16Array(samples.buffer)]).toEqual([0x0123, 0x0fff, 0]);
  });

  it('copies the sign of a 12-bit signed value above it, whatever was there', () => {
    const samples = words([0x8fff, 0x07ff, 0x7800, 0xf005]);
    keepStoredBits(samples, { bitsAllocated: 16, bitsStored: 12, highBit: 11, signed: true });
    expect([...new Int16Array(samples.buffer)]).toEqual([-1, 2047, -2048, 5]);
  });

  it('keeps a value stored high in the word, and leaves fully used samples alone', () => {
    const high = words([0x8ff1]);
    keepStoredBits(high, { bitsAllocated: 16, bitsStored: 12, highBit: 15, signed: false });
    expect([...new Uint16Array(high.buffer)]).toEqual([0x8ff0]);
    const full = words([0xffff, 0x8000]);
    keepStoredBits(full, { bitsAllocated: 16, bitsStored: 16, highBit: 15, signed: true });
    expect([...new Uint16Array(full.buffer)]).toEqual([0xffff, 0x8000]);
    const bytes = new Uint8Array([0xff, 0x81]);
    keepStoredBits(bytes, { bitsAllocated: 8, bitsStored: 7, highBit: 6, signed: false });
    expect([...bytes]).toEqual([0x7f, 0x01]);
  });
});

describe('reading the value of native samples (PS3.5 8.1.1), as the NIfTI export does', () => {
  it('moves a 12-bit value ending at High Bit 15 to the bottom, unsigned and signed', () => {
    const unsigned = words([0x8ff1, 0x001f]);
    toStoredValues(unsigned, { bitsAllocated: 16, bitsStored: 12, highBit: 15, signed: false });
    expect([...new Uint16Array(unsigned.buffer)]).toEqual([0x08ff, 0x0001]);
    const signed = words([0xfff0, 0x7ff5, 0x8000]);
    toStoredValues(signed, { bitsAllocated: 16, bitsStored: 12, highBit: 15, signed: true });
    expect([...new Int16Array(signed.buffer)]).toEqual([-1, 2047, -2048]);
  });

  it('keeps the sign of a 7-bit signed value in 8 bits, whatever the top bit holds', () => {
    const bytes = new Uint8Array([0x7f, 0xbf, 0x40, 0x01]);
    toStoredValues(bytes, { bitsAllocated: 8, bitsStored: 7, highBit: 6, signed: true });
    expect([...new Int8Array(bytes.buffer)]).toEqual([-1, 63, -64, 1]);
  });

  it('leaves a signed 12-bit value at the bottom as keepStoredBits does, and fully used samples alone', () => {
    const layout = { bitsAllocated: 16, bitsStored: 12, highBit: 11, signed: true };
    const values = words([0x8fff, 0x07ff, 0x7800, 0xf005]);
    const kept = words([0x8fff, 0x07ff, 0x7800, 0xf005]);
    toStoredValues(values, layout);
    keepStoredBits(kept, layout);
    expect([...new Int16Array(values.buffer)]).toEqual([...new Int16Array(kept.buffer)]);
    const full = words([0xffff, 0x8000]);
    toStoredValues(full, { bitsAllocated: 16, bitsStored: 16, highBit: 15, signed: true });
    expect([...new Uint16Array(full.buffer)]).toEqual([0xffff, 0x8000]);
  });
});
