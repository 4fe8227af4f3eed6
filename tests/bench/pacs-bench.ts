import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from '@playwright/test';
import { openDatabase } from '../../electron/core/db/open-database';
import { generatePhantomStudy, GROUND_TRUTH_FILE } from '../../electron/core/phantom';
import { cacheRoot } from '../../electron/core/pacs/cache/cache-folder';
import { parseDicomWebTarget } from '../../electron/core/pacs/dicomweb/dicomweb-target';
import { DicomWebTransport } from '../../electron/core/pacs/dicomweb/dicomweb-transport';
import { readStowFile, stowRs } from '../../electron/core/pacs/dicomweb/stow-rs';
import { WADO_ACCEPT } from '../../electron/core/pacs/dicomweb/wado-rs';
import { retrieveStudy } from '../../electron/core/pacs/retrieve/retrieve-study';
import config from '../../playwright.config';
import { startBrowserHost } from '../e2e/fixtures/host';
import { hostRpc } from '../e2e/fixtures/host-api';
import { viewerHash } from '../e2e/fixtures/viewer';
import { startOrthanc, type OrthancServer } from '../support/orthanc-server';
import { temporaryFolder } from '../support/paths';
import { ensureRendererBuild, formatTable, machineSummary, median, numberFlag, reportFigures, type BenchFigure } from './bench-support';
import { partsDropped, partsToFiles } from './retrieve-floors';
import { seedIndexedInstances } from './seeded-index';
import { markOpen, READER_LOOKS_MS, readViewerMarks, recordViewerMarks } from './viewer-page';

// bench:pacs: a phantom CT (512x512x300 by default) STOWed into a fresh loopback Orthanc, then
// retrieved by us and by curl, and opened in headless Chromium while it arrives and once cached.
// Usage: tsx tests/bench/pacs-bench.ts [--runs 3] [--size 512] [--slices 300]
// Rows are producers in ROWS: publish and sync add theirs there, sharing the Orthanc and the study.

const runs = numberFlag('runs', 3);
const size = numberFlag('size', 512);
const slices = numberFlag('slices', 300);

/** What every row gets: the PACS, the study on it, a scratch folder. */
interface BenchContext {
  orthanc: OrthancServer;
  studyUid: string;
  work: string;
}

/** A group of rows: measures, prints its own detail, returns its figures for the table. */
type RowProducer = (ctx: BenchContext) => Promise<BenchFigure[]>;

const ms = (s: number) => (s * 1000).toFixed(0);
const seconds = (xs: number[]) => xs.map((x) => x.toFixed(2)).join(' / ');

/** Instances already in the index of the workstation that retrieves, in the second measure of ours. */
const SEEDED_INSTANCES = 100_000;

/**
 * The core's retrieve into a fresh cache: its seconds to the end and to the first slice indexed
 * (what the viewer waits for), with `seeded` instances in the index beforehand.
 */
async function timeOurRetrieve(target: ReturnType<typeof parseDicomWebTarget>, studyUid: string, seeded: number): Promise<{ seconds: number; firstSlice: number; bytes: number }> {
  const dataDir = temporaryFolder('pacs-bench-core');
  const db = openDatabase(dataDir);
  try {
    if (seeded > 0) seedIndexedInstances(db, seeded);
    const transport = new DicomWebTransport(target);
    const started = performance.now();
    let firstSlice = Number.NaN;
    const result = await retrieveStudy({ db, cacheRoot: cacheRoot(dataDir), transport }, { studyInstanceUid: studyUid }, {
      onProgress: (progress) => {
        if (Number.isNaN(firstSlice) && progress.series.some((s) => s.indexed > 0)) firstSlice = (performance.now() - started) / 1000;
      },
    });
    const seconds = (performance.now() - started) / 1000;
    if (result.instances !== slices) throw new Error(`retrieved ${result.instances} instances, expected ${slices}`);
    return { seconds, firstSlice, bytes: result.bytes };
  } finally {
    db.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Ours (the core's retrieve, fresh cache each run) against curl writing the same WADO-RS study to disk. */
const retrieveRows: RowProducer = async ({ orthanc, studyUid, work }) => {
  const ours: number[] = [];
  const bare: number[] = [];
  const cli: number[] = [];
  const dropped: number[] = [];
  const toFiles: number[] = [];
  const firstSlice: number[] = [];
  const oursLarge: number[] = [];
  const firstSliceLarge: number[] = [];
  let bytes = 0;
  const target = parseDicomWebTarget({ url: orthanc.dicomWebUrl });
  for (let r = 0; r < runs; r++) {
    // Alternating, so that both see the same load on a shared machine.
    const out = path.join(work, 'curl.multipart');
    let started = performance.now();
    const curl = spawnSync('curl', ['-sS', '--fail', '-o', out, '-H', `Accept: ${WADO_ACCEPT}`, `${orthanc.dicomWebUrl}/studies/${studyUid}`]);
    if (curl.status !== 0) throw new Error(`curl failed: ${curl.stderr}`);
    bare.push((performance.now() - started) / 1000);
    fs.rmSync(out);
    started = performance.now();
    await partsDropped(target, studyUid, slices);
    dropped.push((performance.now() - started) / 1000);
    const filesDir = path.join(work, 'parts');
    started = performance.now();
    const written = await partsToFiles(target, studyUid, slices, filesDir);
    toFiles.push((performance.now() - started) / 1000);
    fs.rmSync(filesDir, { recursive: true, force: true });
    if (written !== slices) throw new Error(`the bare Node retrieve wrote ${written} files, expected ${slices}`);
    const fresh = await timeOurRetrieve(target, studyUid, 0);
    ours.push(fresh.seconds);
    firstSlice.push(fresh.firstSlice);
    bytes = fresh.bytes;
    const large = await timeOurRetrieve(target, studyUid, SEEDED_INSTANCES);
    oursLarge.push(large.seconds);
    firstSliceLarge.push(large.firstSlice);
    // The same through the command line, as a whole process (Node's start and the core's opening included).
    const cliDir = temporaryFolder('pacs-bench-cli');
    const bonemet = (args: string[]) => spawnSync(process.execPath, ['electron/cli/launch.mjs', ...args, '--data-dir', cliDir], { encoding: 'utf8' });
    bonemet(['pacs', 'set', '--url', orthanc.dicomWebUrl]);
    started = performance.now();
    const run = bonemet(['pacs', 'retrieve', studyUid, '--json']);
    cli.push((performance.now() - started) / 1000);
    if (run.status !== 0) throw new Error(`pacs retrieve failed: ${run.stderr}`);
    fs.rmSync(cliDir, { recursive: true, force: true });
    console.log(`run ${r + 1}: ours ${ours[r]!.toFixed(2)} s, curl ${bare[r]!.toFixed(2)} s, Node dropping the parts ${dropped[r]!.toFixed(2)} s, Node writing them ${toFiles[r]!.toFixed(2)} s, CLI process ${cli[r]!.toFixed(2)} s; first slice indexed at ${ms(firstSlice[r]!)} ms; with ${SEEDED_INSTANCES} instances indexed before: ${oursLarge[r]!.toFixed(2)} s, first slice at ${ms(firstSliceLarge[r]!)} ms`);
  }
  const [o, b, c, d, f] = [median(ours), median(bare), median(cli), median(dropped), median(toFiles)];
  const mb = bytes / 1e6;
  console.log(formatTable(['measure', 'median', 'runs'], [
    [`retrieve ${slices} slices (${mb.toFixed(0)} MB), core, to indexed (s)`, o.toFixed(2), seconds(ours)],
    ['curl: WADO-RS study to one file (s)', b.toFixed(2), seconds(bare)],
    ['Node, our multipart reader, parts dropped (s)', d.toFixed(2), seconds(dropped)],
    ['Node, our multipart reader, a file per part (s)', f.toFixed(2), seconds(toFiles)],
    ['pacs retrieve --json, whole process (s)', c.toFixed(2), seconds(cli)],
    ['ours: first slice indexed (ms)', ms(median(firstSlice)), firstSlice.map(ms).join(' / ')],
    [`ours, ${SEEDED_INSTANCES} instances indexed before (s)`, median(oursLarge).toFixed(2), seconds(oursLarge)],
    [`ours, ${SEEDED_INSTANCES} instances indexed before: first slice indexed (ms)`, ms(median(firstSliceLarge)), firstSliceLarge.map(ms).join(' / ')],
  ]));
  return [
    { area: 'pacs', measure: `retrieve ${size}x${size}x${slices} CT into the cache, indexed`, value: `${o.toFixed(2)} s (${(mb / o).toFixed(0)} MB/s)`, against: `curl ${b.toFixed(2)} s: ${(o / b).toFixed(2)}x (target <= 1.5x)` },
    { area: 'pacs', measure: `the same into an index already holding ${SEEDED_INSTANCES} instances`, value: `${median(oursLarge).toFixed(2)} s`, against: `curl: ${(median(oursLarge) / b).toFixed(2)}x; empty index: ${(median(oursLarge) / o).toFixed(2)}x` },
    { area: 'pacs', measure: `first slice indexed, empty index / ${SEEDED_INSTANCES} instances indexed`, value: `${ms(median(firstSlice))} / ${ms(median(firstSliceLarge))} ms`, against: 'what the viewer waits for' },
    { area: 'pacs', measure: 'the same, `pacs retrieve` as a whole process', value: `${c.toFixed(2)} s`, against: `curl: ${(c / b).toFixed(2)}x` },
    { area: 'pacs', measure: 'floor: Node reading the same answer, parts dropped', value: `${d.toFixed(2)} s`, against: `curl: ${(d / b).toFixed(2)}x; ours: ${(o / d).toFixed(2)}x this` },
    { area: 'pacs', measure: 'floor: Node writing each part to a file of its own', value: `${f.toFixed(2)} s`, against: `curl: ${(f / b).toFixed(2)}x; ours: ${(o / f).toFixed(2)}x this` },
  ];
};

/** Init script: when the first stack image renders, the retrieve's progress shown at that moment. */
function recordProgressAtFirstImage(): void {
  const w = window as unknown as { __progressAtFirstImage?: string };
  new MutationObserver(() => {
    if (w.__progressAtFirstImage !== undefined || !document.querySelector('[data-testid="viewport"][data-viewport-status="rendered"]')) return;
    const progress = document.querySelector('[data-testid="retrieve-banner"] [data-testid="retrieve-progress"]');
    w.__progressAtFirstImage = progress ? `${progress.getAttribute('data-done')}/${progress.getAttribute('data-total')}` : 'done';
  }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-viewport-status'] });
}

/** Open from the PACS tab (retrieving) against opening the same study once cached (from This workstation). */
const firstImageRows: RowProducer = async ({ orthanc, studyUid }) => {
  ensureRendererBuild();
  const browser: Browser = await chromium.launch({ ...config.use?.launchOptions, headless: true });
  const retrieving: number[] = [];
  const cached: number[] = [];
  const progress: string[] = [];
  try {
    for (let r = 0; r < Math.min(runs, 3); r++) {
      const host = await startBrowserHost([os.tmpdir()]);
      try {
        await hostRpc(host, 'pacs.set', { url: orthanc.dicomWebUrl });
        let context = await browser.newContext({ viewport: config.use?.viewport ?? { width: 1440, height: 900 } });
        let page = await context.newPage();
        await page.addInitScript(recordViewerMarks);
        await page.addInitScript(recordProgressAtFirstImage);
        await page.goto(host.url);
        await page.getByTestId('source-pacs').click();
        await page.getByTestId('pacs-search-submit').click();
        const open = page.locator(`[data-testid="pacs-study-row"][data-study-uid="${studyUid}"] [data-testid="pacs-open"]`);
        await open.waitFor({ timeout: 60_000 });
        await page.waitForTimeout(READER_LOOKS_MS);
        // The open is timed from the click as the page receives it, as the cached study's is from the
        // address change it makes: Playwright's own checks before a click took 30-40 ms of the page's time.
        await page.evaluate(() =>
          document.addEventListener(
            'click',
            (event) => {
              if ((event.target as Element).closest('[data-testid="pacs-open"]')) (window as unknown as { __benchMarks: { open: number } }).__benchMarks.open = performance.now();
            },
            { capture: true },
          ),
        );
        await open.click();
        await page.locator('[data-testid="viewport"][data-orientation="stack"][data-viewport-status="rendered"]').waitFor({ timeout: 120_000 });
        const marks = await page.evaluate(readViewerMarks);
        retrieving.push(marks.stack! - marks.open!);
        progress.push(await page.evaluate(() => (window as unknown as { __progressAtFirstImage: string }).__progressAtFirstImage));
        // Wait for the retrieve to end, then open the cached study from a loaded app in a new tab.
        await page.getByTestId('retrieve-banner').waitFor({ state: 'detached', timeout: 120_000 });
        await context.close();
        const { series } = await hostRpc(host, 'studies.get', { studyInstanceUid: studyUid });
        context = await browser.newContext({ viewport: config.use?.viewport ?? { width: 1440, height: 900 } });
        page = await context.newPage();
        await page.addInitScript(recordViewerMarks);
        await page.goto(host.url);
        await page.getByTestId('study-row').first().waitFor({ timeout: 60_000 });
        await page.waitForTimeout(READER_LOOKS_MS);
        await page.evaluate(markOpen, viewerHash(studyUid, series[0]!.seriesInstanceUid));
        await page.locator('[data-testid="viewport"][data-orientation="stack"][data-viewport-status="rendered"]').waitFor({ timeout: 60_000 });
        const again = await page.evaluate(readViewerMarks);
        cached.push(again.stack! - again.open!);
        await context.close();
        console.log(`run ${r + 1}: first image while retrieving ${retrieving[r]!.toFixed(0)} ms (retrieve at ${progress[r]} then), cached ${cached[r]!.toFixed(0)} ms`);
      } finally {
        await host.stop();
      }
    }
  } finally {
    await browser.close();
  }
  const [w, c] = [median(retrieving), median(cached)];
  return [
    { area: 'pacs', measure: 'first image, Open on the PACS tab (retrieving)', value: `${w.toFixed(0)} ms (at ${progress.join(', ')} instances)`, against: `cached ${c.toFixed(0)} ms: ${(w / c).toFixed(2)}x (target <= 2x)` },
  ];
};

/** Every row of the PACS benchmark, in order. */
const ROWS: RowProducer[] = [retrieveRows, firstImageRows];

async function main(): Promise<void> {
  const loadAtStart = os.loadavg()[0]!;
  const work = temporaryFolder('pacs-bench');
  let orthanc: OrthancServer | null = null;
  try {
    const folder = path.join(work, 'ct');
    let started = performance.now();
    await generatePhantomStudy({ outDir: folder, rows: size, columns: size, sliceCount: slices });
    fs.rmSync(path.join(folder, GROUND_TRUTH_FILE));
    console.log(`Phantom CT ${size}x${size}x${slices} written in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    orthanc = await startOrthanc();
    const target = parseDicomWebTarget({ url: orthanc.dicomWebUrl });
    const files = fs.readdirSync(folder).sort().map((f) => path.join(folder, f));
    started = performance.now();
    let studyUid = '';
    for (let i = 0; i < files.length; i += 50) {
      const batch = files.slice(i, i + 50).map(readStowFile);
      studyUid = batch[0]!.studyInstanceUid;
      const sent = await stowRs(target, batch);
      if (sent.failed.length > 0) throw new Error(`Orthanc refused ${sent.failed.length} instances`);
    }
    console.log(`STOWed into Orthanc in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    const figures: BenchFigure[] = [];
    for (const row of ROWS) figures.push(...(await row({ orthanc, studyUid, work })));
    console.log(`\nPACS benchmark on ${machineSummary()}; load (1-min) at start ${loadAtStart.toFixed(1)}, at end ${os.loadavg()[0]!.toFixed(1)}\n`);
    console.log(formatTable(['area', 'measure', 'value', 'against'], figures.map((f) => [f.area, f.measure, f.value, f.against])));
    reportFigures(figures);
  } finally {
    await orthanc?.stop();
    fs.rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
