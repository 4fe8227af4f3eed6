import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { AnalysisJobStatus } from '@shared/analysis/analysis-job';
import { BoneAnalysisResultSchema, type BoneAnalysisResult } from '@shared/analysis/bone-analysis-result';
import { DRAGOMIR_DAESCU_DENSITY } from '@shared/analysis/ctra-constants';
import { parseArguments } from '../../../electron/cli/arguments';
import { analyzeCommand } from '../../../electron/cli/commands/analyze-command';
import { createAppCore, type AppCore, coreInternals } from '../../../electron/core/app-core';
import { dispatch } from '../../../electron/core/handlers/dispatch';
import { inProcessImportRunner } from '../../../electron/core/importer/import-runners';
import { runAnalysisJob } from '../../../electron/core/analysis/jobs/run-analysis-job';
import type { AnalysisWorkerMessage } from '../../../electron/core/analysis/jobs/analysis-worker-protocol';
import { ctSeriesSource } from '../../../electron/core/analysis/volume/ct-series-source';
import { ashDensity } from '../../../electron/core/analysis/rigidity/modulus';
import { thighsPhantomSpec } from '../../../electron/core/phantom/bone-phantom-cases';
import { writeBonePhantomSeries, type WrittenBonePhantom } from '../../../electron/core/phantom/bone-phantom-series';
import { ctFileMeta, ctSliceDataset } from '../../../electron/core/phantom/ct-dataset';
import { encodePart10 } from '../../../electron/core/export/dicom/export-file';
import { uidFromKey } from '../../../electron/core/phantom/uid';
import { temporaryFolder } from '../../support/paths';

// The analysis as the doors run it: a phantom written as DICOM, imported, analysed on a worker
// thread through analysis.start/status/cancel, and through the CLI's `analyze bone`.

let root: string;
let core: AppCore;
let phantom: WrittenBonePhantom;
// A calibration phantom under the thighs: four rods of known HU (so known ash density).
const RODS = [0, 400, 800, 1200].map((hu, n) => ({ centreMm: [-75 + 50 * n, 100] as [number, number], radiusMm: 7, hu }));
let noRescaleSeries: string;

/** A small CT series whose slices lack Rescale Slope and Intercept. */
function writeSeriesWithoutRescale(dir: string): string {
  fs.mkdirSync(dir, { recursive: true });
  const seriesInstanceUid = uidFromKey('no-rescale|series');
  const context = {
    patientName: 'NO^RESCALE', patientId: 'NR-1', patientBirthDate: '', patientSex: 'O' as const, studyInstanceUid: uidFromKey('no-rescale|study'),
    studyDate: '20240101', studyTime: '120000', studyId: '1', accessionNumber: 'NR1', studyDescription: 'No rescale', seriesInstanceUid,
    seriesNumber: 1, seriesDescription: 'No rescale', frameOfReferenceUid: uidFromKey('no-rescale|for'), rows: 64, columns: 64,
    pixelSpacingMm: [1, 1] as const, sliceThicknessMm: 2, sliceSpacingMm: 2,
  };
  for (let k = 0; k < 5; k++) {
    const sopInstanceUid = uidFromKey(`no-rescale|${k}`);
    const dataset = ctSliceDataset(context, { sopInstanceUid, instanceNumber: String(k + 1), imagePositionPatient: ['-32', '-32', String(2 * k)], sliceLocation: String(2 * k), pixelData: new Uint16Array(64 * 64).fill(1000).buffer });
    delete dataset.RescaleIntercept;
    delete dataset.RescaleSlope;
    delete dataset.RescaleType;
    fs.writeFileSync(path.join(dir, `NR${k}.dcm`), encodePart10(ctFileMeta(sopInstanceUid), dataset));
  }
  return seriesInstanceUid;
}

beforeAll(async () => {
  root = temporaryFolder('analysis-jobs');
  // A short series keeps the test quick: 100 mm of both thighs, the left femur tilted 8 degrees.
  const spec = thighsPhantomSpec({
    seed: 31, side: 'left', tiltDeg: 8, azimuthDeg: 40, zExtentMm: 100, pixelSpacingMm: 0.8, calibrationRods: RODS,
    lesion: { arcStartDeg: 200, arcSweepDeg: 216, axialStartMm: -16, axialLengthMm: 32, marrowDepthMm: 2 },
  });
  phantom = await writeBonePhantomSeries(spec, path.join(root, 'phantom'));
  noRescaleSeries = writeSeriesWithoutRescale(path.join(root, 'no-rescale'));
  core = createAppCore({ dataDir: path.join(root, 'data'), door: 'cli', version: 'test', roots: [root], importRunner: inProcessImportRunner });
  const { jobId } = await core.handlers['import.start']({ paths: [path.join(root, 'phantom'), path.join(root, 'no-rescale')] });
  await coreInternals(core).importJobs.wait(jobId);
});
afterAll(() => {
  core.close();
  fs.rmSync(root, { recursive: true, force: true });
});

const statusOf = async (jobId: string) => {
  const envelope = await dispatch(core.handlers, 'analysis.status', { jobId });
  if (!envelope.ok) throw new Error(envelope.error.message);
  return envelope.value as AnalysisJobStatus;
};

describe('bone analysis jobs', () => {
  it('analyses a phantom series on a worker thread through analysis.start and analysis.status', async () => {
    const truth = phantom.truth.lesions[0]!;
    const started = await dispatch(core.handlers, 'analysis.start', { seriesInstanceUid: phantom.seriesInstanceUid, at: truth.click });
    expect(started.ok).toBe(true);
    const { jobId } = (started as { value: { jobId: string } }).value;
    expect((await statusOf(jobId)).state).toBe('running');
    await coreInternals(core).analysisJobs.wait(jobId);
    const status = await statusOf(jobId);
    expect(status.state).toBe('done');
    expect(status.progress).toEqual({ stage: 'done', fraction: 1 });
    const result = BoneAnalysisResultSchema.parse(status.result);
    expect(result.circumferentialInvolvementPct!).toBeCloseTo(60, -1);
    expect(Math.abs(result.circumferentialInvolvementPct! - truth.circumferentialInvolvementPct)).toBeLessThanOrEqual(5);
    expect(Math.abs(result.axialInvolvementMm! - truth.axialInvolvementMm)).toBeLessThanOrEqual(2);
    expect(Math.abs(result.boneDiameterMm - truth.boneDiameterMm)).toBeLessThanOrEqual(1);
    expect(Math.abs(result.rigidity.eaRatio! - truth.eaRatio)).toBeLessThanOrEqual(0.05);
    expect(result.reference.kind).toBe('contralateral');
    expect(result.reference.foundBy).toBe('mirrored');
    expect(result.rigidity.flagged).toBe(true);
    expect(result.method).toEqual({ algorithmName: 'BoneMet cortical involvement and CT rigidity analysis', algorithmVersion: '1.0.0' });
    // Every involved section carries its arcs with the cortical-arc tool's four points.
    const worst = result.sections[result.takenOn.circumferentialInvolvementPct!]!;
    expect(worst.arcs.length).toBeGreaterThan(0);
    expect(worst.arcs[0]!.toolPoints[0]).toEqual(worst.centre);
  });

  it('reports each stage as it goes, and the result last', () => {
    const messages: AnalysisWorkerMessage[] = [];
    const source = ctSeriesSource(coreInternals(core).db, phantom.seriesInstanceUid);
    runAnalysisJob({ request: { seriesInstanceUid: phantom.seriesInstanceUid, at: phantom.truth.lesions[0]!.click }, source, cancelFlag: new SharedArrayBuffer(4) }, (m) => messages.push(m));
    const stages = messages.flatMap((m) => (m.type === 'progress' ? [m.progress.stage] : []));
    expect([...new Set(stages)]).toEqual(['reading', 'finding-bone', 'sections', 'contralateral', 'done']);
    const fractions = messages.flatMap((m) => (m.type === 'progress' ? [m.progress.fraction] : []));
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
    expect(messages.at(-1)?.type).toBe('done');
  });

  it('stops when cancelled, says so, and the next job still runs', async () => {
    const { jobId } = await core.handlers['analysis.start']({ seriesInstanceUid: phantom.seriesInstanceUid, at: phantom.truth.lesions[0]!.click });
    // Cancelled once it has begun reading, so that the worker is stopped mid-way, not before it starts.
    while ((await statusOf(jobId)).progress.fraction === 0 && (await statusOf(jobId)).state === 'running') await new Promise((resolve) => setTimeout(resolve, 5));
    const asked = await dispatch(core.handlers, 'analysis.cancel', { jobId });
    expect(asked.ok).toBe(true);
    await coreInternals(core).analysisJobs.wait(jobId);
    const status = await statusOf(jobId);
    expect(status.state).toBe('cancelled');
    expect(status.error).toEqual({ code: 'cancelled', message: 'The bone analysis was cancelled.' });
    expect(status.result).toBeNull();
    const next = await core.handlers['analysis.start']({ seriesInstanceUid: phantom.seriesInstanceUid, at: phantom.truth.lesions[0]!.click });
    expect((await coreInternals(core).analysisJobs.wait(next.jobId)).state).toBe('done');
  });

  it('refuses a CT series without a HU rescale, naming the file', async () => {
    const { jobId } = await core.handlers['analysis.start']({ seriesInstanceUid: noRescaleSeries, at: [0, 0, 4] });
    const status = await coreInternals(core).analysisJobs.wait(jobId);
    expect(status.state).toBe('failed');
    expect(status.error?.code).toBe('unsupported');
    expect(status.error?.message).toMatch(/^The bone analysis needs Hounsfield units, but .*NR\d\.dcm has no Rescale Slope and Intercept/);
  });

  it('answers an unknown job with a typed error', async () => {
    expect(await dispatch(core.handlers, 'analysis.status', { jobId: '00000000-0000-4000-8000-000000000000' })).toEqual({
      ok: false,
      error: { code: 'not_found', message: 'No bone analysis 00000000-0000-4000-8000-000000000000 in this session.' },
    });
  });
});

describe('analyze bone (CLI)', () => {
  /** Runs the command in-process on the test's data folder; stdout and stderr captured. */
  async function run(argv: string[]): Promise<{ stdout: string; stderr: string }> {
    const out: string[] = [];
    const err: string[] = [];
    const stdout = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => (out.push(String(chunk)), true));
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => (err.push(String(chunk)), true));
    try {
      await analyzeCommand(parseArguments(['analyze', ...argv, '--data-dir', path.join(root, 'data')]));
    } finally {
      stdout.mockRestore();
      stderr.mockRestore();
    }
    return { stdout: out.join(''), stderr: err.join('') };
  }

  it('prints the issue JSON: axis, sections, the four figures and the rigidity verdict; progress on stderr', async () => {
    const truth = phantom.truth.lesions[0]!;
    const { stdout, stderr } = await run(['bone', '--series', phantom.seriesInstanceUid, '--at', truth.click.join(','), '--json']);
    const json = JSON.parse(stdout) as Record<string, unknown> & { sections: Record<string, unknown>[]; rigidity: Record<string, unknown> };
    expect(Object.keys(json)).toEqual(expect.arrayContaining(['axis', 'sections', 'circumferentialInvolvementPct', 'axialInvolvementMm', 'lesionWidthMm', 'boneDiameterMm', 'rigidity']));
    expect(Object.keys(json.sections[0]!)).toEqual(expect.arrayContaining(['position', 'circumferentialInvolvementPct', 'cortexIntact', 'ea', 'eiMin', 'gj', 'eaRatio', 'eiMinRatio', 'gjRatio']));
    expect(Object.keys(json.rigidity)).toEqual(expect.arrayContaining(['eaRatio', 'eiMinRatio', 'gjRatio', 'at', 'flagged', 'constants']));
    expect(Math.abs((json.lesionWidthMm as number) - truth.lesionWidthMm)).toBeLessThanOrEqual(1);
    expect(stderr).toMatch(/reading \d+%/);
  });

  it('calibrates from the phantom inserts the reader marks (--calibration), and says so in the constants', async () => {
    const marked = RODS.map((rod) => [rod.centreMm[0], rod.centreMm[1], 0, 5, ashDensity(rod.hu, DRAGOMIR_DAESCU_DENSITY)].join(',')).join(';');
    const truth = phantom.truth.lesions[0]!;
    const { stdout } = await run(['bone', '--series', phantom.seriesInstanceUid, '--at', truth.click.join(','), '--calibration', marked, '--json']);
    const constants = (JSON.parse(stdout) as BoneAnalysisResult).rigidity.constants;
    expect(constants.calibration.kind).toBe('phantom');
    expect(constants.density.source).toMatch(/^Calibration phantom, 4 inserts, least squares/);
    // The scanner is calibrated: the fit's slope is the power law's own, 0.0007 g/cm3 per HU.
    expect(constants.density.slopeGPerCm3PerHu).toBeCloseTo(0.0007, 5);
    await expect(run(['bone', '--series', phantom.seriesInstanceUid, '--at', truth.click.join(','), '--calibration', '1,2,3,4'])).rejects.toThrow(
      '--calibration needs one X,Y,Z,R,D per insert (centre and radius in mm, ash density in g/cm3), separated by ";", not "1,2,3,4"',
    );
  });

  it('refuses a point that is not three numbers', async () => {
    await expect(run(['bone', '--series', phantom.seriesInstanceUid, '--at', '1,2'])).rejects.toThrow('--at needs three numbers X,Y,Z in mm (patient coordinates), not "1,2"');
  });
});
