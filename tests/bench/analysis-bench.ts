import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createAppCore, coreInternals } from '../../electron/core/app-core';
import { SILENT_HOOKS } from '../../electron/core/analysis/analysis-hooks';
import { analyzeBone } from '../../electron/core/analysis/analyze-bone';
import { ctSeriesSource } from '../../electron/core/analysis/volume/ct-series-source';
import { readCtVolume } from '../../electron/core/analysis/volume/read-ct-volume';
import { inProcessImportRunner } from '../../electron/core/importer/import-runners';
import { thighsPhantomSpec } from '../../electron/core/phantom/bone-phantom-cases';
import { BonePhantomTruthSchema, type BonePhantomTruth } from '../../electron/core/phantom/bone-phantom';
import { BONE_PHANTOM_TRUTH_FILE, writeBonePhantomSeries } from '../../electron/core/phantom/bone-phantom-series';
import { REPO_ROOT, temporaryFolder } from '../support/paths';
import { formatTable, machineSummary, median, numberFlag, reportFigures, timeCommand } from './bench-support';

// npm run bench:analysis: the bone analysis of a 300-slice 512 x 512 phantom CT of both thighs
// (the left femur with a lytic lesion, tilted 5 degrees) against the floor: reading the same
// voxels once (every file parsed and its pixels turned into HU), which any analysis must do.
// Warm cache; the median of --runs repetitions (default 3). Target: the analysis under 2 s.

const RUNS = numberFlag('runs', 3);
const SERIES_DIR = path.join(REPO_ROOT, '.bench', 'analysis-femur-300');

/** The benchmark's phantom: written once under .bench/, reused while its truth file is there. */
async function benchPhantom(): Promise<BonePhantomTruth> {
  const truthFile = path.join(SERIES_DIR, BONE_PHANTOM_TRUTH_FILE);
  if (fs.existsSync(truthFile)) return BonePhantomTruthSchema.parse(JSON.parse(fs.readFileSync(truthFile, 'utf8')));
  console.log(`writing the 300-slice phantom to ${SERIES_DIR} (once)...`);
  fs.rmSync(SERIES_DIR, { recursive: true, force: true });
  const spec = thighsPhantomSpec({
    seed: 300, side: 'left', tiltDeg: 5, azimuthDeg: 30, pixelSpacingMm: 0.7, zExtentMm: 375,
    lesion: { arcStartDeg: 207, arcSweepDeg: 216, axialStartMm: -20, axialLengthMm: 40, marrowDepthMm: 4 },
  });
  // A 512 x 512 matrix of 0.7 mm pixels, as a thigh CT.
  const written = await writeBonePhantomSeries({ ...spec, columns: 512, rows: 512 }, SERIES_DIR);
  return written.truth;
}

const truth = await benchPhantom();
const dataDir = temporaryFolder('bench-analysis');
const core = createAppCore({ dataDir, door: 'cli', version: 'bench', roots: [SERIES_DIR], importRunner: inProcessImportRunner });
try {
  const { jobId } = await core.handlers['import.start']({ paths: [SERIES_DIR] });
  await coreInternals(core).importJobs.wait(jobId);
  const seriesInstanceUid = (coreInternals(core).db.prepare('SELECT series_uid FROM series').pluck().get() as string);
  const source = ctSeriesSource(coreInternals(core).db, seriesInstanceUid);
  const request = { seriesInstanceUid, at: truth.lesions[0]!.click };
  /** Wall and CPU seconds of some work (CPU: the whole process, worker threads included). */
  const timed = async (work: () => unknown): Promise<{ wall: number; cpu: number }> => {
    const started = process.hrtime.bigint();
    const cpu = process.cpuUsage();
    await work();
    const used = process.cpuUsage(cpu);
    return { wall: Number(process.hrtime.bigint() - started) / 1e9, cpu: (used.user + used.system) / 1e6 };
  };
  // Warm the page cache and the JIT once before measuring.
  analyzeBone(readCtVolume(source, SILENT_HOOKS), request, SILENT_HOOKS);
  // The CLI as a user runs it: the launcher and its bundle, the analysis on the bundle's worker.
  const cli = path.join(REPO_ROOT, 'electron', 'cli', 'launch.mjs');
  timeCommand(process.execPath, [cli, 'help']); // build the bundle now if a source changed, outside the timings
  const cliRun = (): { wall: number; cpu: number } => {
    // GNU time reports the process' own CPU (user + system), worker threads included, on stderr.
    const args = ['-f', 'cpu %U %S', process.execPath, cli, 'analyze', 'bone', '--series', seriesInstanceUid, '--at', request.at.join(','), '--json', '--data-dir', dataDir];
    const run = spawnSync('/usr/bin/time', args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    const started = /cpu ([\d.]+) ([\d.]+)/.exec(run.stderr ?? '');
    if (run.status !== 0 || !started) throw new Error(`analyze bone failed: ${run.stderr?.slice(-2000)}`);
    return { wall: Number.NaN, cpu: Number(started[1]) + Number(started[2]) };
  };
  const floor: { wall: number; cpu: number }[] = [];
  const total: { wall: number; cpu: number }[] = [];
  const analysisOnly: { wall: number; cpu: number }[] = [];
  const job: { wall: number; cpu: number }[] = [];
  const command: { wall: number; cpu: number }[] = [];
  let result = analyzeBone(readCtVolume(source, SILENT_HOOKS), request, SILENT_HOOKS);
  for (let run = 0; run < RUNS; run++) {
    floor.push(await timed(() => readCtVolume(source, SILENT_HOOKS)));
    const volume = readCtVolume(source, SILENT_HOOKS);
    analysisOnly.push(await timed(() => (result = analyzeBone(volume, request, SILENT_HOOKS))));
    total.push(await timed(() => (result = analyzeBone(readCtVolume(source, SILENT_HOOKS), request, SILENT_HOOKS))));
    job.push(await timed(async () => {
      const { jobId: analysisJob } = await core.handlers['analysis.start'](request);
      const status = await coreInternals(core).analysisJobs.wait(analysisJob);
      if (status.state !== 'done') throw new Error(`the analysis job ended ${status.state}: ${status.error?.message}`);
    }));
    const started = process.hrtime.bigint();
    const used = cliRun();
    command.push({ ...used, wall: Number(process.hrtime.bigint() - started) / 1e9 });
  }
  const wall = (runs: { wall: number }[]) => median(runs.map((r) => r.wall));
  const cpu = (runs: { cpu: number }[]) => median(runs.map((r) => r.cpu));
  const f = wall(floor);
  const t = wall(total);
  const j = wall(job);
  const s = (x: number) => `${x.toFixed(2)} s`;
  const load = os.loadavg().map((l) => l.toFixed(1)).join(' / ');
  console.log(`\nBone analysis of a 300-slice 512 x 512 phantom femur (${result.sections.length} sections over ${result.axis.lengthMm.toFixed(0)} mm, reference ${result.reference.kind}), median of ${RUNS}`);
  console.log(`on ${machineSummary()}; load average ${load} (1/5/15 min): the machine is shared, wall times swing with its load; CPU times less so\n`);
  const row = (measure: string, runs: { wall: number; cpu: number }[]) => [measure, s(wall(runs)), `${(wall(runs) / f).toFixed(2)}x`, s(cpu(runs)), `${(cpu(runs) / cpu(floor)).toFixed(2)}x`];
  console.log(formatTable(['measure', 'wall', 'wall / floor', 'CPU', 'CPU / floor'], [
    row('floor: read the same voxels once (parse, HU)', floor),
    row('analysis: read + analyse, one thread', total),
    row('  of which analysing the volume', analysisOnly),
    row('analysis job on a worker thread (analysis.start to done; worker under tsx)', job),
    row('npm run bonemet -- analyze bone (whole process, CLI bundle)', command),
  ]));
  console.log(`\nproposed: circumferential ${result.circumferentialInvolvementPct?.toFixed(1)}% (truth ${truth.lesions[0]!.circumferentialInvolvementPct.toFixed(1)}), axial ${result.axialInvolvementMm} mm (truth ${truth.lesions[0]!.axialInvolvementMm}), EA ratio ${result.rigidity.eaRatio?.toFixed(3)} (truth ${truth.lesions[0]!.eaRatio.toFixed(3)})`);
  reportFigures([
    { area: 'analysis', measure: 'bone analysis, 300-slice 512x512 femur (read + analyse)', value: s(t), against: `floor ${s(f)}: ${(t / f).toFixed(2)}x; CPU ${s(cpu(total))} (target < 2 s)` },
    { area: 'analysis', measure: 'bone analysis job on a worker', value: s(j), against: `floor: ${(j / f).toFixed(2)}x` },
    { area: 'analysis', measure: 'analyze bone, whole CLI process', value: s(wall(command)), against: `floor: ${(wall(command) / f).toFixed(2)}x; CPU ${s(cpu(command))}` },
  ]);
} finally {
  core.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
