import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generatePhantomStudy, GROUND_TRUTH_FILE } from '../../electron/core/phantom';
import { startBrowserHost } from '../e2e/fixtures/host';
import { cliImport, hostRpc } from '../e2e/fixtures/host-api';
import { viewerHash } from '../e2e/fixtures/viewer';
import { temporaryFolder } from '../support/paths';
import { ensureRendererBuild, machineSummary, numberFlag, reportFigures } from './bench-support';
import { caseFigures, printCase, type ViewerCase } from './viewer-report';
import { recordNoResponseBodies } from './viewer-memory';
import { fps, viewerRun, type BenchSeries } from './viewer-run';

// bench:viewer: synthetic CTs (the project's phantom) imported with the CLI and opened in headless
// Chromium (the e2e launch flags, the renderer held to --limit-mb) against `serve`: first image by
// deep link and from the study browser, against a floor (a bare page fetching and drawing the same
// image), sagittal reformat, scroll rates, peak renderer and GPU process memory. Two cases: the
// 512x512x300 CT, then a 1,000-slice one (whole spine, chest-abdomen-pelvis staging).
// Usage: tsx tests/bench/viewer-bench.ts [--runs 3] [--size 512] [--slices 300] [--large-slices 1000]
//        [--large-runs N] [--limit-mb 4096] [--scroll 100] [--cached 50]   (--large-slices 0 skips it)
//        [--devtools-bodies]   (lets Chromium keep every response body for the driver, as runs before 2026-12-06 did)

const runs = numberFlag('runs', 3);
const size = numberFlag('size', 512);
const slices = numberFlag('slices', 300);
const largeSlices = numberFlag('large-slices', 1000);
const largeRuns = numberFlag('large-runs', runs);
const limitMb = numberFlag('limit-mb', 4096);
const scrollCount = numberFlag('scroll', 100);
// Scrolling back over slices already drawn tells drawing from loading.
const cachedCount = numberFlag('cached', 50);
// The renderer is held to this heap; the viewer sizes its image memory from it (memory-budget.ts).
const browserArgs = [`--js-flags=--max-old-space-size=${limitMb}`];
// The app runs without DevTools; the driver's network events must not keep the series' files (viewer-memory.ts).
const devtoolsBodies = process.argv.includes('--devtools-bodies');

/** Writes a phantom of `sliceCount` slices, imports it into a fresh host, and runs the viewer `count` times on it. */
async function benchCase(work: string, sliceCount: number, count: number): Promise<ViewerCase> {
  const folder = path.join(work, `ct-${sliceCount}`);
  let started = performance.now();
  await generatePhantomStudy({ outDir: folder, rows: size, columns: size, sliceCount });
  fs.rmSync(path.join(folder, GROUND_TRUTH_FILE)); // the folder holds the series only
  console.log(`\nPhantom CT ${size}x${size}x${sliceCount} written in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  const host = await startBrowserHost([work]);
  try {
    started = performance.now();
    const imported = await cliImport(host.dataDir, [folder]);
    if (imported.indexed !== sliceCount) throw new Error(`expected ${sliceCount} slices indexed, got ${imported.indexed}`);
    console.log(`Imported with the CLI in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    const [study] = await hostRpc(host, 'studies.search', {});
    const { series } = await hostRpc(host, 'studies.get', { studyInstanceUid: study!.studyInstanceUid });
    const bench: BenchSeries = { appUrl: host.url, hash: viewerHash(study!.studyInstanceUid, series[0]!.seriesInstanceUid), scrollCount, cachedCount };
    const done: ViewerCase = { size, slices: sliceCount, runs: [], scrollCount, cachedCount, limitMb };
    for (let r = 0; r < count; r++) {
      const run = await viewerRun(bench, browserArgs);
      done.runs.push(run);
      console.log(
        `run ${r + 1}: first image ${run.firstImageMs.toFixed(0)} ms (from the study browser ${run.fromBrowserMs.toFixed(0)} ms), floor ${run.floor.drawnMs.toFixed(0)} ms, ` +
          `sagittal ${run.sagittalMs.toFixed(0)} ms, scroll ${fps(run.scrollOpened).toFixed(1)} / ${fps(run.scrollCached).toFixed(1)} fps, ` +
          `renderer peak ${(run.rendererPeak / 1e6).toFixed(0)} MB, GPU process peak ${(run.gpuPeak / 1e6).toFixed(0)} MB`,
      );
    }
    return done;
  } finally {
    await host.stop();
    fs.rmSync(folder, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  ensureRendererBuild();
  if (!devtoolsBodies) recordNoResponseBodies();
  const loadAtStart = os.loadavg()[0]!;
  const work = temporaryFolder('viewer-bench');
  try {
    const standard = await benchCase(work, slices, runs);
    const large = largeSlices > 0 ? await benchCase(work, largeSlices, largeRuns) : null;
    const loadAtEnd = os.loadavg()[0]!;
    console.log(`\nViewer benchmark on ${machineSummary()}`);
    console.log(devtoolsBodies ? 'Chromium kept response bodies for the driver (--devtools-bodies): the renderer holds the files too.' : 'Chromium kept no response bodies for the driver, as in the app.');
    printCase(standard, 'Viewer benchmark');
    if (large) printCase(large, `The ${largeSlices.toLocaleString('en-GB')}-slice case`);
    const cores = os.cpus().length;
    console.log(`\nmachine load (1-min average) at start ${loadAtStart.toFixed(1)}, at end ${loadAtEnd.toFixed(1)}, on ${cores} cores`);
    if (Math.max(loadAtStart, loadAtEnd) > cores / 2) console.log('The machine was busy: timings are not comparable with runs on an idle machine.');
    reportFigures([...caseFigures(standard), ...(large ? caseFigures(large) : [])]);
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
