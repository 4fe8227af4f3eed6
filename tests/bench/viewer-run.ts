import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from '@playwright/test';
import config from '../../playwright.config';
import { measureFloor, type FloorRun } from './viewer-floor';
import { browserProcesses, processGone } from '../support/chromium-processes';
import { markOpen, READER_LOOKS_MS, readViewerMarks, readViewerSteps, recordViewerMarks, scrollSlices, type ScrollRun } from './viewer-page';

/** Where one series of the benchmark lives on a running host. */
export interface BenchSeries {
  /** The URL `serve` printed (with its token). */
  appUrl: string;
  /** The viewer's deep link to the series (`#/study/.../series/...`). */
  hash: string;
  /** Slices scrolled just after opening, then back over `cachedCount` of them. */
  scrollCount: number;
  cachedCount: number;
}

/** Everything one run measured (ms, bytes; each run in a browser of its own). */
export interface ViewerRun {
  firstImageMs: number;
  /** When the deep link's page reached each step of opening the viewer (viewer-timing.ts), ms since navigation. */
  steps: Record<string, number>;
  fromBrowserMs: number;
  /** The deep link's first image when the app was opened twice before in the same profile (its scripts' compiled code kept). */
  reopenedMs: number;
  floor: FloorRun;
  sagittalMs: number;
  scrollOpened: ScrollRun;
  scrollCached: ScrollRun;
  /** VmHWM of the renderer that held the series, after the reformat. */
  rendererPeak: number;
  /** VmHWM of the GPU process (SwiftShader's textures live there), after the reformat. */
  gpuPeak: number;
  /** The same two processes with the app open on the study browser, before any series (their resident size). */
  emptyRenderer: number;
  emptyGpu: number;
}

/** Frames per second over a scroll: frames Cornerstone drew over the time it took. */
export function fps(run: ScrollRun): number {
  return run.renders / (run.ms / 1000);
}

const viewport = () => config.use?.viewport ?? { width: 1440, height: 900 };

/** Opens the series by deep link in a new tab: first image, scrolls, sagittal reformat, memory. */
async function openSeries(browser: Browser, series: BenchSeries) {
  const context = await browser.newContext({ viewport: viewport() });
  let rendererPid = 0;
  try {
    const page = await context.newPage();
    await page.addInitScript(recordViewerMarks);
    await page.goto(`${series.appUrl}${series.hash}`);
    const stack = page.locator('[data-testid="viewport"][data-orientation="stack"]');
    await stack.and(page.locator('[data-viewport-status="rendered"]')).waitFor({ timeout: 60_000 });
    const firstImageMs = (await page.evaluate(readViewerMarks)).stack!;
    const instanceId = await page.evaluate(() => window.__bonemetViewer!.currentImage('vp-0')!.instanceId);
    // At once, as a reader starts scrolling (slices load as they come), then back over the same ones.
    const scrollOpened = await page.evaluate(scrollSlices, { count: series.scrollCount, direction: 1 });
    const scrollCached = await page.evaluate(scrollSlices, { count: series.cachedCount, direction: -1 });
    // Read once the scrolls are done: the tools load after the first image (their steps come later).
    const steps = await page.evaluate(readViewerSteps);
    await page.keyboard.press('m');
    const sagittal = page.locator('[data-testid="viewport"][data-orientation="sagittal"]');
    await sagittal.and(page.locator('[data-viewport-status="rendered"], [data-viewport-status="error"]')).waitFor({ timeout: 180_000 });
    if ((await sagittal.getAttribute('data-viewport-status')) !== 'rendered') throw new Error(`no sagittal reformat: ${await sagittal.getAttribute('data-viewport-error')}`);
    const marks = await page.evaluate(readViewerMarks);
    const processes = await browserProcesses(browser);
    // The renderer holding this series is the largest one of this browser.
    const renderer = processes.filter((p) => p.type === 'renderer').sort((a, b) => b.rss - a.rss)[0]!;
    rendererPid = renderer.pid;
    const gpu = processes.find((p) => p.type === 'GPU');
    return { firstImageMs, steps, instanceId, scrollOpened, scrollCached, sagittalMs: marks.sagittal! - marks.mprKey!, rendererPeak: renderer.peak, gpuPeak: gpu?.peak ?? 0 };
  } finally {
    await context.close();
    if (rendererPid) await processGone(rendererPid);
  }
}

/** How long the study browser is left open before its memory is read: the viewer warms up when idle. */
const EMPTY_APP_SETTLE_MS = 3_000;

/**
 * The memory floor: the app open on the study browser (its viewer warmed up, no series opened),
 * in a fresh browser, as the renderer and GPU process hold it.
 */
async function measureEmptyApp(browser: Browser, series: BenchSeries): Promise<{ renderer: number; gpu: number }> {
  const context = await browser.newContext({ viewport: viewport() });
  try {
    const page = await context.newPage();
    await page.goto(series.appUrl);
    await page.getByTestId('study-row').first().waitFor({ timeout: 60_000 });
    await page.waitForTimeout(EMPTY_APP_SETTLE_MS);
    const processes = await browserProcesses(browser);
    const renderer = processes.filter((p) => p.type === 'renderer').sort((a, b) => b.rss - a.rss)[0]!;
    return { renderer: renderer.rss, gpu: processes.find((p) => p.type === 'GPU')?.rss ?? 0 };
  } finally {
    await context.close();
  }
}

/**
 * Opens the series from a loaded app (the study browser showing, as a reader clicks on from
 * there), in a fresh context: the time from the click to the rendered image.
 */
async function openFromStudyBrowser(browser: Browser, series: BenchSeries): Promise<number> {
  const context = await browser.newContext({ viewport: viewport() });
  try {
    const page = await context.newPage();
    await page.addInitScript(recordViewerMarks);
    await page.goto(series.appUrl);
    await page.getByTestId('study-row').first().waitFor({ timeout: 60_000 });
    await page.waitForTimeout(READER_LOOKS_MS);
    await page.evaluate(markOpen, series.hash);
    await page.locator('[data-testid="viewport"][data-orientation="stack"][data-viewport-status="rendered"]').waitFor({ timeout: 60_000 });
    const marks = await page.evaluate(readViewerMarks);
    return marks.stack! - marks.open!;
  } finally {
    await context.close();
  }
}

/** Openings of the app before the measured one: Chromium keeps a script's compiled code from its second loading on. */
const WARMING_OPENINGS = 2;

/**
 * The deep link as a workstation that has run the app before opens it: a browser profile on disk
 * (a context of a launched browser is off the record), the link opened WARMING_OPENINGS times
 * (its HTTP cache and V8's code cache), then timed once more.
 * @param browserArgs - the run's extra Chromium switches
 */
async function openAgain(series: BenchSeries, browserArgs: string[]): Promise<number> {
  const launch = config.use?.launchOptions ?? {};
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'bonemet-bench-profile-'));
  const context = await chromium.launchPersistentContext(profile, { ...launch, args: [...(launch.args ?? []), ...browserArgs], headless: true, viewport: viewport() });
  try {
    let firstImageMs = 0;
    for (let opening = 0; opening <= WARMING_OPENINGS; opening++) {
      const page = await context.newPage();
      await page.addInitScript(recordViewerMarks);
      await page.goto(`${series.appUrl}${series.hash}`);
      await page.locator('[data-testid="viewport"][data-orientation="stack"][data-viewport-status="rendered"]').waitFor({ timeout: 60_000 });
      firstImageMs = (await page.evaluate(readViewerMarks)).stack!;
      await page.close();
    }
    return firstImageMs;
  } finally {
    await context.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
}

/**
 * One run in a browser of its own (so that its GPU process's peak is this run's): the series by
 * deep link, the floor page on the same image, the series opened from the study browser, and the
 * deep link again once the app has been opened before.
 * @param series - the series and how far to scroll
 * @param browserArgs - extra Chromium switches (the renderer's memory limit)
 */
export async function viewerRun(series: BenchSeries, browserArgs: string[]): Promise<ViewerRun> {
  const reopenedMs = await openAgain(series, browserArgs);
  const launch = config.use?.launchOptions ?? {};
  const browser = await chromium.launch({ ...launch, args: [...(launch.args ?? []), ...browserArgs], headless: true });
  try {
    const empty = await measureEmptyApp(browser, series);
    const opened = await openSeries(browser, series);
    const { origin, searchParams } = new URL(series.appUrl);
    const floor = await measureFloor(browser, origin, searchParams.get('token')!, opened.instanceId);
    const fromBrowserMs = await openFromStudyBrowser(browser, series);
    return { ...opened, floor, fromBrowserMs, reopenedMs, emptyRenderer: empty.renderer, emptyGpu: empty.gpu };
  } finally {
    await browser.close();
  }
}
