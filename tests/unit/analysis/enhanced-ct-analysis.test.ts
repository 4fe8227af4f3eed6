import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BoneAnalysisResult } from '@shared/analysis/bone-analysis-result';
import { coreInternals } from '../../../electron/core/app-core';
import { SILENT_HOOKS } from '../../../electron/core/analysis/analysis-hooks';
import { ctSeriesSource } from '../../../electron/core/analysis/volume/ct-series-source';
import { readCtSlice } from '../../../electron/core/analysis/volume/read-ct-slice';
import { readCtVolume } from '../../../electron/core/analysis/volume/read-ct-volume';
import { openPhantomBench, writeCylinderPhantom, writeEnhancedCtPhantom, type PhantomBench } from '../../support/cylinder-phantom';

// The bone analysis of an Enhanced CT (one file whose frames are placed and rescaled in functional
// groups), written by pydicom from a cylinder phantom's single-frame slices: it must measure the same
// sections as those slices give, whatever the frames' order in the file, their per-frame rescale or
// their compression.

let bench: PhantomBench;
beforeAll(() => {
  bench = openPhantomBench('enhanced-analysis');
});
afterAll(() => bench.close());

let uid = 0;
/** What a result says of the bone and the lesion, section by section. */
const measured = (result: BoneAnalysisResult | null) =>
  result && {
    sections: result.sections,
    circumferentialInvolvementPct: result.circumferentialInvolvementPct,
    axialInvolvementMm: result.axialInvolvementMm,
    lesionWidthMm: result.lesionWidthMm,
    boneDiameterMm: result.boneDiameterMm,
    rigidity: result.rigidity,
  };

/** Writes a phantom as slices and as one enhanced file, imports both, and analyses each at the lesion. */
async function bothForms(spec: Record<string, unknown>, enhanced: Record<string, unknown>) {
  const name = `phantom-${++uid}`;
  const slices = path.join(bench.root, `${name}-slices`);
  const truth = writeCylinderPhantom({ sliceCount: 64, ...spec, uidRoot: `2.25.7575.${uid}` }, slices);
  const folder = path.join(bench.root, `${name}-enhanced`);
  const written = writeEnhancedCtPhantom(slices, path.join(folder, 'enhanced.dcm'), enhanced);
  await bench.importFolder(slices);
  await bench.importFolder(folder);
  const single = await bench.analyse({ seriesInstanceUid: truth.seriesInstanceUid, at: truth.click });
  const multi = await bench.analyse({ seriesInstanceUid: written.seriesInstanceUid, at: truth.click });
  return { truth, single, multi };
}

describe('the bone analysis of an Enhanced CT', () => {
  it.each([
    ['frames shuffled, every macro shared', {}, { order: 'shuffle' }],
    ['frames in descending order, every macro per frame, intercepts 3 HU apart, oblique, signed', { rowDir: [Math.cos(Math.PI / 6), 0.5, 0], columnDir: [-0.5, Math.cos(Math.PI / 6), 0], signed: true, slope: 0.5, intercept: -1000 }, { order: 'reverse', macros: 'per-frame', rescaleStep: 3 }],
    ['RLE Lossless, frames shuffled', {}, { order: 'shuffle', compress: 'rle' }],
  ])('measures the sections the same slices give as single-frame files: %s', async (_, spec, enhanced) => {
    const { truth, single, multi } = await bothForms(spec, enhanced);
    expect(single.error).toBeNull();
    expect(multi.error).toBeNull();
    expect(measured(multi.result)).toEqual(measured(single.result));
    expect(Math.abs(multi.result!.circumferentialInvolvementPct! - truth.circumferentialInvolvementPct)).toBeLessThanOrEqual(5);
    expect(Math.abs(multi.result!.axialInvolvementMm! - truth.axialInvolvementMm)).toBeLessThanOrEqual(2);
  });

  it.each([
    ['two Stack IDs', { stacks: 2 }, /holds 2 stacks \(Stack IDs 1, 2\)/],
    ['one frame of another orientation', { tiltFrame: 9 }, /more than one orientation \(frame 9 is not parallel to frame 1\)/],
  ])('refuses a multi-frame object that is not one stack, saying why: %s', async (_, enhanced, reason) => {
    const { multi } = await bothForms({ sliceCount: 24 }, enhanced);
    expect(multi.result).toBeNull();
    expect(multi.error?.code).toBe('unsupported');
    expect(multi.error?.message).toMatch(reason);
  });

  it('checks the file again at every reading: an enhanced CT changed since an earlier reading is refused, not read from that reading', async () => {
    const slices = path.join(bench.root, 'changed-slices');
    writeCylinderPhantom({ sliceCount: 8, rows: 41, columns: 57, lesion: null, supersampling: 1, uidRoot: '2.25.7575.99' }, slices);
    const file = path.join(bench.root, 'changed', 'enhanced.dcm');
    const written = writeEnhancedCtPhantom(slices, file, { order: 'shuffle' });
    await bench.importFolder(path.dirname(file));
    const source = ctSeriesSource(coreInternals(bench.core).db, written.seriesInstanceUid);
    readCtSlice(source.files[0]!, source.rows, source.columns, new Int16Array(source.rows * source.columns), 0);
    // Same size, another modification time: no longer the file imported.
    const later = new Date(fs.statSync(file).mtimeMs + 60_000);
    fs.utimesSync(file, later, later);
    expect(() => readCtVolume(source, SILENT_HOOKS)).toThrow(/changed since import/);
  });
});
