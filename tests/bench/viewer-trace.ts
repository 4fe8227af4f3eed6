import fs from 'node:fs';
import path from 'node:path';
import { chromium } from '@playwright/test';
import config from '../../playwright.config';
import { generatePhantomStudy, GROUND_TRUTH_FILE } from '../../electron/core/phantom';
import { startBrowserHost } from '../e2e/fixtures/host';
import { cliImport, hostRpc } from '../e2e/fixtures/host-api';
import { viewerHash } from '../e2e/fixtures/viewer';
import { temporaryFolder } from '../support/paths';
import { numberFlag } from './bench-support';
import { summariseTrace } from './viewer-trace-summary';

// Where the renderer's main thread spends the time between a deep link's navigation and its first
// image: the viewer bench's phantom CT opened in the bench's Chromium (same switches, fresh
// browser per run) under a Chromium performance trace, split by viewer-trace-summary.ts.
// Usage: tsx tests/bench/viewer-trace.ts [--runs 3] [--slices 300] [--keep-traces DIR]
// (TRACE_FROM / TRACE_TO = mark names look at a part of the window, e.g. from bonemet:viewer:cornerstone)
// Build with `npx electron-vite build --sourcemap` first to split the app's chunk into React and our code.

const runs = numberFlag('runs', 3);
const slices = numberFlag('slices', 300);
const keepAt = process.argv.indexOf('--keep-traces');
const keepDir = keepAt > 0 ? process.argv[keepAt + 1] : undefined;

const CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'disabled-by-default-devtools.timeline.frame',
  'v8',
  'v8.execute',
  'disabled-by-default-v8.compile',
  'disabled-by-default-v8.cpu_profiler',
  'disabled-by-default-v8.gc',
  'blink.user_timing',
  'loading',
  'toplevel',
];

/** The init script: a User Timing mark when the stack viewport first says it is rendered (the bench's first image). */
function markFirstImage(): void {
  new MutationObserver((_, observer) => {
    if (!document.querySelector('[data-testid="viewport"][data-orientation="stack"][data-viewport-status="rendered"]')) return;
    performance.mark('bench:first-image');
    observer.disconnect();
  }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-viewport-status'] });
}

async function main(): Promise<void> {
  const work = temporaryFolder('viewer-trace');
  const folder = path.join(work, `ct-${slices}`);
  await generatePhantomStudy({ outDir: folder, rows: 512, columns: 512, sliceCount: slices });
  fs.rmSync(path.join(folder, GROUND_TRUTH_FILE));
  const host = await startBrowserHost([work]);
  try {
    await cliImport(host.dataDir, [folder]);
    const [study] = await hostRpc(host, 'studies.search', {});
    const { series } = await hostRpc(host, 'studies.get', { studyInstanceUid: study!.studyInstanceUid });
    const url = `${host.url}${viewerHash(study!.studyInstanceUid, series[0]!.seriesInstanceUid)}`;
    const launch = config.use?.launchOptions ?? {};
    for (let r = 0; r < runs; r++) {
      const browser = await chromium.launch({ ...launch, args: [...(launch.args ?? []), '--js-flags=--max-old-space-size=4096'], headless: true });
      try {
        const context = await browser.newContext({ viewport: config.use?.viewport ?? { width: 1440, height: 900 } });
        const page = await context.newPage();
        await page.addInitScript(markFirstImage);
        await browser.startTracing(page, { categories: CATEGORIES });
        await page.goto(url);
        await page.locator('[data-testid="viewport"][data-orientation="stack"][data-viewport-status="rendered"]').waitFor({ timeout: 60_000 });
        await page.waitForTimeout(200);
        const trace = JSON.parse((await browser.stopTracing()).toString('utf8')) as { traceEvents: unknown[] };
        if (keepDir) fs.writeFileSync(path.join(keepDir, `viewer-trace-${r + 1}.json`), JSON.stringify(trace));
        console.log(`\nrun ${r + 1}`);
        console.log(summariseTrace(trace.traceEvents as never, path.resolve('out/renderer/assets')));
      } finally {
        await browser.close();
      }
    }
  } finally {
    await host.stop();
    fs.rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
