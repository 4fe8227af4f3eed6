import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeCompressedFrame } from '../../../electron/core/dicom/compressed-frame';
import { compressedFramesWithoutUnusedBits } from '../../../electron/core/export/deid/compressed-stored-bits';
import { deidentifyFile } from '../../../electron/core/export/deid/deidentify-file';
import { encodePart10Dict, parsePart10 } from '../../../electron/core/export/dicom/part10-io';
import { EXPLICIT_VR_LITTLE_ENDIAN } from '../../../electron/core/export/dicom/uids';
import { SHARED_DICOM, temporaryFolder } from '../../support/paths';

// A retired embedded overlay in the high bits of a compressed image: a 12-bit CT slice compressed
// as 16-bit samples (by dcmtk and GDCM, from a file then relabelled Bits Stored 12), whose bit 15
// draws a bar where an overlay's text would be. Uncompressed images lose those bits on export; a
// compressed stream carries them in its samples, so the exported image must not show them either.

const SLICE = path.join(SHARED_DICOM, 'ct-series-lidc-idri-0314-chest/000002.dcm');
const ROWS = 512;
let dir: string;

/** Native 16-bit samples: the slice's 12-bit values, and bit 15 set in a 20 x 180 bar. */
function overlaidSamples(): Buffer {
  const { dict } = parsePart10(fs.readFileSync(SLICE), SLICE);
  const samples = new Uint16Array((dict['7FE00010']!.Value![0] as ArrayBuffer).slice(0));
  for (let i = 0; i < samples.length; i++) samples[i] = samples[i]! & 0x0fff;
  for (let r = 20; r < 40; r++) for (let c = 20; c < 200; c++) samples[r * ROWS + c] = samples[r * ROWS + c]! | 0x8000;
  return Buffer.from(samples.buffer);
}

/** The slice compressed by `tool` with all 16 bits stored, then relabelled 12 bits stored (High Bit 11). */
function compressedWithOverlay(name: string, tool: string, args: string[]): string {
  const { meta, dict } = parsePart10(fs.readFileSync(SLICE), SLICE);
  const native = path.join(dir, `${name}-native.dcm`);
  fs.writeFileSync(native, encodePart10Dict({ ...meta, '00020010': { vr: 'UI', Value: [EXPLICIT_VR_LITTLE_ENDIAN] } }, {
    ...dict,
    '00280101': { vr: 'US', Value: [16] },
    '00280102': { vr: 'US', Value: [15] },
    '7FE00010': { vr: 'OW', Value: [new Uint8Array(overlaidSamples()).buffer] },
  }));
  const compressed = path.join(dir, `${name}-16.dcm`);
  const run = spawnSync(tool, [...args, native, compressed], { encoding: 'utf8' });
  expect(run.status, run.stderr).toBe(0);
  const parsed = parsePart10(fs.readFileSync(compressed), compressed);
  const relabelled = path.join(dir, `${name}.dcm`);
  fs.writeFileSync(relabelled, encodePart10Dict(parsed.meta, { ...parsed.dict, '00280101': { vr: 'US', Value: [12] }, '00280102': { vr: 'US', Value: [11] } }));
  return relabelled;
}

/** Samples of the exported image with a bit above Bits Stored set, and the exported transfer syntax. */
function exportedOverlaySamples(file: string): { above: number; syntax: string; sameValues: boolean } {
  const map = new Map<string, string>();
  const out = deidentifyFile(fs.readFileSync(file), file, { mapUid: (u) => map.get(u) ?? (map.set(u, `2.25.${map.size + 1}`), `2.25.${map.size}`), pseudonym: 'BONEMET-0044', dateShiftDays: null });
  expect(out.withheld).toBeNull();
  const { meta, dict } = parsePart10(out.bytes, 'exported');
  const syntax = String(meta['00020010']!.Value![0]);
  const chunks = (dict['7FE00010']!.Value as ArrayBuffer[]).map((b) => new Uint8Array(b));
  const frame = Buffer.concat(chunks);
  const decoded = syntax === EXPLICIT_VR_LITTLE_ENDIAN ? frame : decodeCompressedFrame(syntax, frame, ROWS * ROWS, 2);
  if (typeof decoded === 'string') throw new Error(decoded);
  const samples = new Uint16Array(decoded.buffer.slice(decoded.byteOffset, decoded.byteOffset + decoded.byteLength));
  const expected = new Uint16Array(new Uint8Array(overlaidSamples()).buffer).map((v) => v & 0x0fff);
  return { above: samples.filter((v) => v > 0x0fff).length, syntax, sameValues: Buffer.from(samples.buffer).equals(Buffer.from(expected.buffer)) };
}

beforeAll(() => {
  dir = temporaryFolder('compressed-overlay');
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('de-identifying a compressed image with an embedded overlay above Bits Stored', () => {
  const cases: [string, string, string[]][] = [
    ['RLE Lossless', 'dcmcrle', []],
    ['JPEG-LS Lossless', 'dcmcjpls', []],
    ['JPEG Lossless', 'dcmcjpeg', ['+e1']],
    ['JPEG 2000 Lossless', 'gdcmconv', ['--j2k']],
  ];
  for (const [name, tool, args] of cases) {
    it(`${name}: the exported image holds the 12-bit values and no bit of the overlay`, () => {
      const file = compressedWithOverlay(name.replace(/\s+/g, '-'), tool, args);
      const exported = exportedOverlaySamples(file);
      expect(exported.above).toBe(0);
      expect(exported.sameValues).toBe(true);
    });
  }
});

/** A comment segment (COM) holding `payload`. */
const comment = (payload: Uint8Array) => Buffer.concat([Buffer.from([0xff, 0xfe, (payload.length + 2) >> 8, (payload.length + 2) & 0xff]), payload]);

/**
 * The frame with two fill bytes (FF) and two comments before its frame header: a walk that takes a
 * fill byte for a marker reads its length from the next bytes (FF FE: 0xFFFE) and lands 64 KiB on,
 * inside the second comment, where these bytes look like a frame header declaring 12-bit samples.
 */
function withFillBytesAndDecoy(frame: Uint8Array): Uint8Array {
  const first = comment(new Uint8Array(65000));
  const landing = 2 + 2 + 0xfffe; // where the misread walk goes, in the new stream
  const second = new Uint8Array(1000);
  second.set([0xff, 0xc3, 0x00, 0x0b, 12, 0x02, 0x00, 0x02, 0x00, 0x01], landing - (2 + 2 + first.length + 4));
  return Buffer.concat([frame.subarray(0, 2), Buffer.from([0xff, 0xff]), first, comment(second), frame.subarray(2)]);
}

describe('checking a compressed frame whose markers follow fill bytes (FF) for an overlay above Bits Stored', () => {
  it('reads the precision of the frame header itself, so the 16-bit stream is decoded and its overlay bits cleared', () => {
    const file = compressedWithOverlay('JPEG-Lossless-fill', 'dcmcjpeg', ['+e1']);
    const { meta, dict } = parsePart10(fs.readFileSync(file), file);
    const syntax = String(meta['00020010']!.Value![0]);
    const frame = Buffer.concat((dict['7FE00010']!.Value as ArrayBuffer[]).map((b) => new Uint8Array(b)));
    const check = compressedFramesWithoutUnusedBits(syntax, [withFillBytesAndDecoy(frame)], dict);
    if ('reason' in check) throw new Error(check.reason);
    expect(check.native).not.toBeNull();
    const samples = new Uint16Array(check.native!);
    const expected = new Uint16Array(new Uint8Array(overlaidSamples()).buffer).map((v) => v & 0x0fff);
    expect(samples.filter((v) => v > 0x0fff).length).toBe(0);
    expect(Buffer.from(samples.buffer).equals(Buffer.from(expected.buffer))).toBe(true);
  });
});
