import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from '@playwright/test';
import { generatePhantomStudy, GROUND_TRUTH_FILE } from '../../electron/core/phantom';
import config from '../../playwright.config';
import { startBrowserHost } from '../e2e/fixtures/host';
import { cliImport, hostRpc } from '../e2e/fixtures/host-api';
import { viewerHash } from '../e2e/fixtures/viewer';
import { temporaryFolder } from '../support/paths';
import { ensureRendererBuild, formatTable, machineSummary, median, numberFlag, reportFigures } from './bench-support';
import { measureFloor, type FloorRun } from './viewer-floor';
import { browserProcesses, processGone } from './viewer-memory';
import { markOpen, readViewerMarks, recordViewerMarks, scrollSlices, type ScrollRun } from './viewer-page';

// bench:viewer: a synthetic CT (the project's phantom) imported with the CLI, opened by deep link in
// headless Chromium (the e2e launch flags) against `serve`: first image, sagittal reformat, scroll
// rate, peak renderer memory, and the floor (a bare page fetching and drawing the same image).
// Usage: tsx tests/bench/viewer-bench.ts [--runs 3] [--size 512] [--slices 300] [--scroll 100] [--cached 50]

const runs = numberFlag('runs', 3);
const size = numberFlag('size', 512);
const slices = numberFlag('slices', 300);
const scrollCount = numberFlag('scroll', 100);
// Scrolling back over slices already drawn tells rendering from loading; half the way keeps a run
// within about three minutes on a loaded two-core machine.
const cachedCount = numberFlag('cached', 50);
const rawVolumeBytes = size * size * slices * 2;

const mb = (bytes: number) => bytes / 1e6;

/** One opening of the series in a new tab (fresh context: nothing cached but the OS file cache). */
interface ViewerRun {
  firstImageMs: number;
  sagittalMs: number;
  scrollOpened: ScrollRun;
  scrollCached: ScrollRun;
  rendererPeak: number;
  instanceId: number;
}

async function openSeries(browser: Browser, link: string): Promise<ViewerRun> {
  const context = await browser.newContext({ viewport: config.use?.viewport ?? { width: 1440, height: 900 } });
  let rendererPid = 0;
  try {
    const page = await context.newPage();
    await page.addInitScript(recordViewerMarks);
    await page.goto(link);
    const stack = page.locator('[data-testid="viewport"][data-orientation="stack"]');
    await stack.and(page.locator('[data-viewport-status="rendered"]')).waitFor({ timeout: 60_000 });
    const firstImageMs = (await page.evaluate(readViewerMarks)).stack!;
    const instanceId = (await page.evaluate(() => window.__bonemetViewer!.currentImage('vp-0')!.instanceId));
    // At once, as a reader starts scrolling (slices load as they come), then back over the same ones.
    const scrollOpened = await page.evaluate(scrollSlices, { count: scrollCount, direction: 1 });
    const scrollCached = await page.evaluate(scrollSlices, { count: cachedCount, direction: -1 });
    await page.keyboard.press('m');
    const sagittal = page.locator('[data-testid="viewport"][data-orientation="sagittal"]');
    await sagittal.and(page.locator('[data-viewport-status="rendered"], [data-viewport-status="error"]')).waitFor({ timeout: 120_000 });
    if ((await sagittal.getAttribute('data-viewport-status')) !== 'rendered') throw new Error(`no sagittal reformat: ${await sagittal.getAttribute('data-viewport-error')}`);
    const marks = await page.evaluate(readViewerMarks);
    // The renderer holding this series is the largest one of this browser now.
    const renderer = (await browserProcesses(browser)).filter((p) => p.type === 'renderer').sort((a, b) => b.rss - a.rss)[0]!;
    rendererPid = renderer.pid;
    return { firstImageMs, sagittalMs: marks.sagittal! - marks.mprKey!, scrollOpened, scrollCached, rendererPeak: renderer.peak, instanceId };
  } finally {
    await context.close();
    if (rendererPid) await processGone(rendererPid);
  }
}

/**
 * Opens the series from a loaded app (the study browser showing, as a reader clicks on from there),
 * in a fresh context: the deep link's time without the page load and the app's start.
 * @param browser - the benchmark's Chromium
 * @param appUrl - the URL `serve` printed
 * @param hash - the series' deep link
 */
async function openFromStudyBrowser(browser: Browser, appUrl: string, hash: string): Promise<number> {
  const context = await browser.newContext({ viewport: config.use?.viewport ?? { width: 1440, height: 900 } });
  try {
    const page = await context.newPage();
    await page.addInitScript(recordViewerMarks);
    await page.goto(appUrl);
    await page.getByTestId('study-row').first().waitFor({ timeout: 60_000 });
    await page.evaluate(markOpen, hash);
    await page.locator('[data-testid="viewport"][data-orientation="stack"][data-viewport-status="rendered"]').waitFor({ timeout: 60_000 });
    const marks = await page.evaluate(readViewerMarks);
    return marks.stack! - marks.open!;
  } finally {
    await context.close();
  }
}

async function main(): Promise<void> {
  ensureRendererBuild();
  const loadAtStart = os.loadavg()[0]!;
  const work = temporaryFolder('viewer-bench');
  const folder = path.join(work, 'ct');
  let browser: Browser | null = null;
  let host: Awaited<ReturnType<typeof startBrowserHost>> | null = null;
  try {
    let started = performance.now();
    await generatePhantomStudy({ outDir: folder, rows: size, columns: size, sliceCount: slices });
    fs.rmSync(path.join(folder, GROUND_TRUTH_FILE)); // the folder holds the series only
    console.log(`Phantom CT ${size}x${size}x${slices} written in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    host = await startBrowserHost([work]);
    started = performance.now();
    const imported = await cliImport(host.dataDir, [folder]);
    if (imported.indexed !== slices) throw new Error(`expected ${slices} slices indexed, got ${imported.indexed}`);
    console.log(`Imported with the CLI in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    const [study] = await hostRpc(host, 'studies.search', {});
    const { series } = await hostRpc(host, 'studies.get', { studyInstanceUid: study!.studyInstanceUid });
    const hash = viewerHash(study!.studyInstanceUid, series[0]!.seriesInstanceUid);
    const link = `${host.url}${hash}`;
    const { origin, searchParams } = new URL(host.url);

    browser = await chromium.launch({ ...config.use?.launchOptions, headless: true });
    const opened: ViewerRun[] = [];
    const floors: FloorRun[] = [];
    const inApp: number[] = [];
    // Viewer and floor alternate, so that both see the same load on a shared machine.
    for (let r = 0; r < runs; r++) {
      const run = await openSeries(browser, link);
      opened.push(run);
      floors.push(await measureFloor(browser, origin, searchParams.get('token')!, run.instanceId));
      inApp.push(await openFromStudyBrowser(browser, host.url, hash));
      console.log(
        `run ${r + 1}: first image ${run.firstImageMs.toFixed(0)} ms (from the study browser ${inApp[r]!.toFixed(0)} ms), floor ${floors[r]!.drawnMs.toFixed(0)} ms, sagittal ${run.sagittalMs.toFixed(0)} ms, ` +
          `scroll ${fps(run.scrollOpened).toFixed(1)} / ${fps(run.scrollCached).toFixed(1)} fps, renderer peak ${mb(run.rendererPeak).toFixed(0)} MB`,
      );
    }
    const gpu = (await browserProcesses(browser)).find((p) => p.type === 'GPU');
    report(opened, floors, inApp, gpu?.peak ?? null);
    console.log(`machine load (1-min average) at start ${loadAtStart.toFixed(1)}, at end ${os.loadavg()[0]!.toFixed(1)}, on ${os.cpus().length} cores`);
  } finally {
    await browser?.close();
    await host?.stop();
    fs.rmSync(work, { recursive: true, force: true });
  }
}

/** Frames per second over a scroll: frames Cornerstone drew over the time it took. */
function fps(run: ScrollRun): number {
  return run.renders / (run.ms / 1000);
}

function report(opened: ViewerRun[], floors: FloorRun[], inApp: number[], gpuPeak: number | null): void {
  const first = median(opened.map((r) => r.firstImageMs));
  const fromBrowser = median(inApp);
  const floor = median(floors.map((f) => f.drawnMs));
  const sagittal = median(opened.map((r) => r.sagittalMs));
  const scrollOpened = median(opened.map((r) => fps(r.scrollOpened)));
  const scrollCached = median(opened.map((r) => fps(r.scrollCached)));
  const peak = median(opened.map((r) => r.rendererPeak));
  const rawMb = mb(rawVolumeBytes);
  const each = (xs: number[], digits = 0) => xs.map((x) => x.toFixed(digits)).join(' / ');
  console.log(`\nViewer benchmark: phantom CT ${size}x${size}x${slices} (raw ${rawMb.toFixed(0)} MB), ${opened.length} runs, each in a new tab; ${machineSummary()}\n`);
  console.log(
    formatTable(
      ['measure', 'median', 'runs'],
      [
        ['first image: deep link to rendered (ms)', first.toFixed(0), each(opened.map((r) => r.firstImageMs))],
        ['first image: from the study browser (ms)', fromBrowser.toFixed(0), each(inApp)],
        ['floor: bare page fetch + decode + draw (ms)', floor.toFixed(0), each(floors.map((f) => f.drawnMs))],
        ['  of which fetch / decode+draw (ms)', `${median(floors.map((f) => f.fetchMs)).toFixed(0)} / ${median(floors.map((f) => f.decodeMs)).toFixed(0)}`, ''],
        ['sagittal reformat: M to rendered (ms)', sagittal.toFixed(0), each(opened.map((r) => r.sagittalMs))],
        [`scroll ${scrollCount} slices just opened (fps)`, scrollOpened.toFixed(1), each(opened.map((r) => fps(r.scrollOpened)), 1)],
        [`scroll back over ${cachedCount} of them, cached (fps)`, scrollCached.toFixed(1), each(opened.map((r) => fps(r.scrollCached)), 1)],
        ['peak renderer memory, VmHWM (MB)', mb(peak).toFixed(0), each(opened.map((r) => mb(r.rendererPeak)))],
      ],
    ),
  );
  console.log('');
  console.log(`first image / floor:            ${(first / floor).toFixed(1)}x (from the study browser: ${(fromBrowser / floor).toFixed(1)}x)`);
  console.log(`peak renderer / raw volume:     ${(peak / rawVolumeBytes).toFixed(2)}x (${mb(peak).toFixed(0)} MB / ${rawMb.toFixed(0)} MB)`);
  if (gpuPeak) console.log(`GPU process peak (SwiftShader's textures live there), whole run: ${mb(gpuPeak).toFixed(0)} MB, ${(gpuPeak / rawVolumeBytes).toFixed(2)}x the raw volume`);
  const frames = (runs: ScrollRun[]) => [...new Set(runs.map((s) => s.renders))].join(', ');
  console.log(`frames drawn per scroll: ${frames(opened.map((r) => r.scrollOpened))} over ${scrollCount} slices, ${frames(opened.map((r) => r.scrollCached))} over ${cachedCount} cached`);
  reportFigures([
    { area: 'viewer', measure: `first image, ${size}x${size}x${slices} CT`, value: `${first.toFixed(0)} ms`, against: `floor ${floor.toFixed(0)} ms: ${(first / floor).toFixed(1)}x` },
    { area: 'viewer', measure: 'first image, from the study browser', value: `${fromBrowser.toFixed(0)} ms`, against: `floor: ${(fromBrowser / floor).toFixed(1)}x` },
    { area: 'viewer', measure: 'sagittal reformat rendered', value: `${sagittal.toFixed(0)} ms`, against: 'from the M key' },
    { area: 'viewer', measure: `scroll ${scrollCount} slices, just opened`, value: `${scrollOpened.toFixed(1)} fps`, against: `back over ${cachedCount} cached: ${scrollCached.toFixed(1)} fps` },
    { area: 'viewer', measure: 'peak renderer memory (VmHWM)', value: `${mb(peak).toFixed(0)} MB`, against: `raw volume ${rawMb.toFixed(0)} MB: ${(peak / rawVolumeBytes).toFixed(2)}x` },
    { area: 'viewer', measure: 'floor: bare page fetch + draw', value: `${floor.toFixed(0)} ms`, against: 'same host, same image' },
  ]);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
