import { describe, expect, it } from 'vitest';
import { j2kFrameHeader, jpegFrameHeader } from '../../../electron/core/dicom/jpeg-frame-header';

const SOI = [0xff, 0xd8];
/** A start-of-frame segment: one component, `precision` bits, `height` x `width`. */
const sof = (marker: number, precision: number, height: number, width: number) => [0xff, marker, 0, 11, precision, height >> 8, height & 0xff, width >> 8, width & 0xff, 1, 1, 0x11, 0];
const stream = (...parts: number[][]) => Uint8Array.from(parts.flat());

describe('reading a JPEG-family frame header', () => {
  it('skips fill bytes before any marker, and standalone markers, to the frame header', () => {
    const frame = stream(SOI, [0xff, 0xff, 0xff], [0xff, 0xfe, 0, 4, 0xff, 0xc0], [0xff, 0x01], [0xff, 0xff], sof(0xc3, 16, 512, 384));
    expect(jpegFrameHeader(frame)).toEqual({ precision: 16, height: 512, width: 384 });
  });

  it('reads every SOFn and JPEG-LS SOF55, never DHT, JPG or DAC', () => {
    for (const marker of [0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc7, 0xc9, 0xcb, 0xcf, 0xf7]) expect(jpegFrameHeader(stream(SOI, sof(marker, 12, 2, 3)))?.precision).toBe(12);
    for (const marker of [0xc4, 0xc8, 0xcc]) expect(jpegFrameHeader(stream(SOI, sof(marker, 12, 2, 3), [0xff, 0xda, 0, 2]))).toBeNull();
  });

  it('finds no header when the scan comes first, or a segment runs past the stream', () => {
    expect(jpegFrameHeader(stream(SOI, [0xff, 0xda, 0, 2], sof(0xc3, 12, 2, 3)))).toBeNull();
    expect(jpegFrameHeader(stream(SOI, [0xff, 0xe1, 0x40, 0], sof(0xc3, 12, 2, 3)))).toBeNull();
  });

  it('reads a JPEG 2000 SIZ: the size less its offsets, and the first component\'s precision (signed or not)', () => {
    const siz = new Uint8Array(47);
    siz.set([0xff, 0x4f, 0xff, 0x51, 0, 41]);
    const view = new DataView(siz.buffer);
    view.setUint32(8, 600);
    view.setUint32(12, 500);
    view.setUint32(16, 88);
    view.setUint32(20, 0);
    view.setUint16(40, 1);
    siz[42] = 0x80 | 15;
    expect(j2kFrameHeader(siz)).toEqual({ precision: 16, width: 512, height: 500 });
    expect(j2kFrameHeader(siz.subarray(0, 42))).toEqual({ precision: null, width: 512, height: 500 });
    expect(j2kFrameHeader(siz.subarray(0, 23))).toBeNull();
  });
});
