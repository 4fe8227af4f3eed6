import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import dicomParser from 'dicom-parser';
import { describe, expect, it } from 'vitest';
import { decodeCompressedFrame } from '../../../electron/core/dicom/compressed-frame';
import { SHARED_DICOM } from '../../support/paths';

// JPEG-LS, JPEG 2000 and HTJ2K frames as the NIfTI export, the bone analysis and the key images read them:
// a damaged stream is a reason, never a crash or a codec left broken for the frames after it.
const JPEG_LS = '1.2.840.10008.1.2.4.80';
const JPEG_2000 = '1.2.840.10008.1.2.4.90';
const HTJ2K = '1.2.840.10008.1.2.4.201';
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
/** A codec package's full module (encoder included), as its script starts it. */
type Codec = Record<string, new () => {
  getDecodedBuffer(info: object): Uint8Array; setNearLossless?(n: number): void; encode(): void; getEncodedBuffer(): Uint8Array; delete(): void;
}>;
const codec = (script: string) => (createRequire(import.meta.url)(script) as (m?: object) => Promise<Codec>)();

/** The frame encoded by a codec's encoder, lossless. */
function encoded(module: Codec, encoder: string, samples: Uint8Array, info: { width: number; height: number; bitsPerSample: number }): Uint8Array {
  const e = new module[encoder]!();
  e.getDecodedBuffer({ ...info, componentCount: 1, isSigned: false, isUsingColorTransform: false }).set(samples);
  e.setNearLossless?.(0);
  e.encode();
  const stream = e.getEncodedBuffer().slice();
  e.delete();
  return stream;
}

// No HTJ2K greyscale file is in the shared set: the CT's frame is encoded by OpenJPH's own encoder.
const streams: [string, string, Uint8Array][] = [
  ['High-Throughput JPEG 2000', HTJ2K, encoded(await codec('@cornerstonejs/codec-openjph/wasmjs'), 'HTJ2KEncoder', original, { width: 512, height: 512, bitsPerSample: 16 })],
  ['JPEG-LS', JPEG_LS, frameOf(CT('JPEGLSLosslessTransferSyntax_1.2.840.10008.1.2.4.80'))],
  ['JPEG 2000', JPEG_2000, frameOf(CT('JPEG2000LosslessOnlyTransferSyntax_1.2.840.10008.1.2.4.90'))],
];

describe('JPEG-LS, JPEG 2000 and HTJ2K frames decoded in Node', () => {
  it.each(streams)('%s: a truncated, a scrambled (but HTJ2K) and an empty stream each give a reason, and the next good frame decodes exactly', (name, syntax, stream) => {
    const scrambled = stream.slice();
    for (let i = 100; i < scrambled.length; i += 7) scrambled[i]! ^= 0x5a;
    // OpenJPH decodes a scrambled code block into noise without a word (no stream check in HTJ2K's fast path).
    const damagedStreams = syntax === HTJ2K ? [stream.subarray(0, 200), new Uint8Array(0)] : [stream.subarray(0, 200), scrambled, new Uint8Array(0)];
    for (const damaged of damagedStreams) {
      const read = decodeCompressedFrame(syntax, damaged, PIXELS, 2);
      expect(typeof read === 'string' ? read : `decoded ${read.length} bytes`).toMatch(new RegExp(`^the ${name}.* frame cannot be decoded \\(the stream is (damaged or truncated|truncated: no end-of-codestream marker)\\)$`));
    }
    const good = decodeCompressedFrame(syntax, stream, PIXELS, 2);
    if (typeof good === 'string') throw new Error(good);
    expect(Buffer.from(good).equals(Buffer.from(original))).toBe(true);
  });

  it.each(streams)('%s: refuses a frame whose size is not the image\'s', (name, syntax, stream) => {
    expect(decodeCompressedFrame(syntax, stream, 256 * 256, 2)).toBe(`the ${name} Lossless frame is 512 x 512, not the image's 65536 pixels`);
  });

  it('JPEG Baseline: a stream cut in half or scrambled gives a reason, and the next good frame decodes', () => {
    const syntax = '1.2.840.10008.1.2.4.50';
    const stream = frameOf(CT('JPEGProcess1TransferSyntax_1.2.840.10008.1.2.4.50'));
    const scrambled = stream.slice();
    for (let i = 700; i < scrambled.length; i += 7) scrambled[i]! ^= 0x5a;
    for (const damaged of [stream.subarray(0, stream.length >> 1), scrambled]) {
      expect(decodeCompressedFrame(syntax, damaged, PIXELS, 1)).toBe('the JPEG Baseline (Process 1) frame cannot be decoded (the stream is damaged or truncated)');
    }
    const good = decodeCompressedFrame(syntax, stream, PIXELS, 1);
    expect(typeof good === 'string' ? good : good.length).toBe(PIXELS);
  });

  it('widens an 8-bit JPEG-LS stream into the 16 bits allocated, one sample per two bytes', async () => {
    // Bits Allocated 16 with an 8-bit stream is legal; CharLS then gives one byte per sample.
    const samples = Uint8Array.from({ length: 57 * 41 }, (_, i) => (i * 37) % 251);
    const stream = encoded(await codec('@cornerstonejs/codec-charls/wasmjs'), 'JpegLSEncoder', samples, { width: 57, height: 41, bitsPerSample: 8 });
    const read = decodeCompressedFrame(JPEG_LS, stream, 57 * 41, 2);
    if (typeof read === 'string') throw new Error(read);
    expect(Array.from(new Uint16Array(read.buffer, read.byteOffset, 57 * 41))).toEqual(Array.from(samples));
    expect(decodeCompressedFrame(JPEG_LS, stream, 57 * 41, 1)).toEqual(samples);
  });
});

/** The stream with the size its header declares replaced (SIZ in JPEG 2000 / HTJ2K, the start of frame in JPEG and JPEG-LS). */
function declaring(stream: Uint8Array, size: number): Uint8Array {
  const out = stream.slice();
  const view = new DataView(out.buffer);
  if (out[0] === 0xff && out[1] === 0x4f) {
    // SIZ follows SOC: Xsiz, Ysiz at 8 and 12, the tile size XTsiz, YTsiz at 24 and 28.
    for (const at of [8, 12, 24, 28]) view.setUint32(at, size);
    return out;
  }
  for (let p = 2; p + 9 < out.length; p += 2 + view.getUint16(p + 2)) {
    const marker = out[p + 1]!;
    if ((marker >= 0xc0 && marker <= 0xc3) || marker === 0xf7) {
      view.setUint16(p + 5, size);
      view.setUint16(p + 7, size);
      return out;
    }
  }
  throw new Error('no start of frame found');
}

describe('a frame whose header declares 20 000 x 20 000 pixels in a 512 x 512 image', () => {
  const hostile: [string, string, Uint8Array, number][] = [
    ...streams.map(([name, syntax, stream]): [string, string, Uint8Array, number] => [`${name} Lossless`, syntax, stream, 2]),
    ['JPEG Lossless', '1.2.840.10008.1.2.4.57', frameOf(CT('JPEGProcess14TransferSyntax_1.2.840.10008.1.2.4.57')), 2],
    ['JPEG Baseline (Process 1)', '1.2.840.10008.1.2.4.50', frameOf(CT('JPEGProcess1TransferSyntax_1.2.840.10008.1.2.4.50')), 1],
  ];
  it.each(hostile)('%s: is refused by its declared size before any decoder allocates it, and the good frame still decodes', (name, syntax, stream, bytesPerSample) => {
    const before = process.memoryUsage().rss;
    const read = decodeCompressedFrame(syntax, declaring(stream, 20000), PIXELS, bytesPerSample);
    const grownMb = (process.memoryUsage().rss - before) / 1024 / 1024;
    expect(read).toBe(`the ${name} frame is 20000 x 20000, not the image's ${PIXELS} pixels`);
    // 20 000 x 20 000 16-bit samples are 763 MiB: a codec that allocated them keeps its memory grown.
    expect(grownMb).toBeLessThan(100);
    const good = decodeCompressedFrame(syntax, stream, PIXELS, bytesPerSample);
    expect(typeof good === 'string' ? good : good.length).toBe(PIXELS * bytesPerSample);
  });
});

describe('an image whose Rows x Columns declare more than can be decoded (65535 x 65535)', () => {
  const huge = 65535 * 65535;
  const rle = frameOf(CT('RLELosslessTransferSyntax_1.2.840.10008.1.2.5'));
  it.each([
    ['RLE Lossless', '1.2.840.10008.1.2.5', rle],
    ['JPEG-LS Lossless', JPEG_LS, streams[1]![2]],
  ])('%s: a reason, never an engine error', (_, syntax, stream) => {
    // Was, for RLE: "RangeError: Invalid typed array length: 8589672450", thrown through the NIfTI export and the key images.
    expect(decodeCompressedFrame(syntax, stream, huge, 2)).toBe(
      'the image declares 4294836225 pixels of 2 bytes: more than the 1 GiB a frame is decoded into here (its Rows and Columns are corrupt, or the image is too large)',
    );
  });
});
