import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import dicomParser from 'dicom-parser';
import { describe, expect, it } from 'vitest';
import { decodeCompressedFrame } from '../../../electron/core/dicom/compressed-frame';
import { SHARED_DICOM } from '../../support/paths';

// JPEG-LS and JPEG 2000 frames as the NIfTI export, the bone analysis and the key images read them:
// a damaged stream is a reason, never a crash or a codec left broken for the frames after it.
const JPEG_LS = '1.2.840.10008.1.2.4.80';
const JPEG_2000 = '1.2.840.10008.1.2.4.90';
const CT = (syntax: string) => path.join(SHARED_DICOM, 'cornerstone3d', `CTImage.dcm_${syntax}.dcm`);
const PIXELS = 512 * 512;

/** The one frame of a single-frame file: its encapsulated stream, or its native bytes. */
function frameOf(file: string): Uint8Array {
  const ds = dicomParser.parseDicom(new Uint8Array(fs.readFileSync(file)));
  const element = ds.elements.x7fe00010!;
  if (!element.encapsulatedPixelData) return ds.byteArray.subarray(element.dataOffset, element.dataOffset + element.length);
  return dicomParser.readEncapsulatedPixelDataFromFragments(ds, element, 0, element.fragments!.length) as Uint8Array;
}

const original = frameOf(CT('LittleEndianExplicitTransferSyntax_1.2.840.10008.1.2.1'));
const streams: [string, string, Uint8Array][] = [
  ['JPEG-LS', JPEG_LS, frameOf(CT('JPEGLSLosslessTransferSyntax_1.2.840.10008.1.2.4.80'))],
  ['JPEG 2000', JPEG_2000, frameOf(CT('JPEG2000LosslessOnlyTransferSyntax_1.2.840.10008.1.2.4.90'))],
];

describe('JPEG-LS and JPEG 2000 frames decoded in Node', () => {
  it.each(streams)('%s: a truncated, a scrambled and an empty stream each give a reason, and the next good frame decodes exactly', (name, syntax, stream) => {
    const scrambled = stream.slice();
    for (let i = 100; i < scrambled.length; i += 7) scrambled[i]! ^= 0x5a;
    for (const damaged of [stream.subarray(0, 200), scrambled, new Uint8Array(0)]) {
      const read = decodeCompressedFrame(syntax, damaged, PIXELS, 2);
      expect(typeof read === 'string' ? read : `decoded ${read.length} bytes`).toMatch(new RegExp(`^the ${name}.* frame cannot be decoded \\(the stream is damaged or truncated\\)$`));
    }
    const good = decodeCompressedFrame(syntax, stream, PIXELS, 2);
    if (typeof good === 'string') throw new Error(good);
    expect(Buffer.from(good).equals(Buffer.from(original))).toBe(true);
  });

  it.each(streams)('%s: refuses a frame whose size is not the image\'s', (name, syntax, stream) => {
    expect(decodeCompressedFrame(syntax, stream, 256 * 256, 2)).toBe(`the ${name} Lossless frame is 512 x 512, not the image's 65536 pixels`);
  });

  it('widens an 8-bit JPEG-LS stream into the 16 bits allocated, one sample per two bytes', async () => {
    // Bits Allocated 16 with an 8-bit stream is legal; CharLS then gives one byte per sample.
    const factory = createRequire(import.meta.url)('@cornerstonejs/codec-charls/wasmjs') as (m?: object) => Promise<Record<string, new () => {
      getDecodedBuffer(info: object): Uint8Array; setNearLossless(n: number): void; encode(): void; getEncodedBuffer(): Uint8Array; delete(): void;
    }>>;
    const charls = await factory();
    const encoder = new charls.JpegLSEncoder!();
    const samples = Uint8Array.from({ length: 57 * 41 }, (_, i) => (i * 37) % 251);
    encoder.getDecodedBuffer({ width: 57, height: 41, bitsPerSample: 8, componentCount: 1 }).set(samples);
    encoder.setNearLossless(0);
    encoder.encode();
    const stream = encoder.getEncodedBuffer().slice();
    encoder.delete();
    const read = decodeCompressedFrame(JPEG_LS, stream, 57 * 41, 2);
    if (typeof read === 'string') throw new Error(read);
    expect(Array.from(new Uint16Array(read.buffer, read.byteOffset, 57 * 41))).toEqual(Array.from(samples));
    expect(decodeCompressedFrame(JPEG_LS, stream, 57 * 41, 1)).toEqual(samples);
  });
});
