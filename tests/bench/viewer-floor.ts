import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from '@playwright/test';
import { REPO_ROOT } from '../support/paths';

/** What the bare page took, in its own clock (ms since its navigation start). */
export interface FloorRun {
  /** The image drawn on the canvas: the floor a viewer's first image is compared with. */
  drawnMs: number;
  fetchMs: number;
  decodeMs: number;
}

// The bare page: dicom-parser (the parser Cornerstone's loader uses) inlined, one fetch of the
// instance, stored values to HU with the file's rescale, the file's window to grey levels, and
// putImageData on a canvas. Nothing else loads, so it is the least any viewer could take.
function floorScript(instancePath: string, token: string): string {
  return `(async () => {
  const started = performance.now();
  const response = await fetch(${JSON.stringify(instancePath)}, { headers: { authorization: 'Bearer ${token}' } });
  if (!response.ok) throw new Error('HTTP ' + response.status);
  const bytes = new Uint8Array(await response.arrayBuffer());
  const fetched = performance.now();
  const ds = dicomParser.parseDicom(bytes);
  const rows = ds.uint16('x00280010'), columns = ds.uint16('x00280011');
  const element = ds.elements.x7fe00010;
  const copy = bytes.slice(element.dataOffset, element.dataOffset + rows * columns * 2).buffer;
  const stored = ds.uint16('x00280103') === 1 ? new Int16Array(copy) : new Uint16Array(copy);
  const slope = ds.floatString('x00281053') ?? 1, intercept = ds.floatString('x00281052') ?? 0;
  const centre = ds.floatString('x00281050') ?? 40, width = ds.floatString('x00281051') ?? 400;
  const canvas = document.getElementById('image');
  canvas.width = columns;
  canvas.height = rows;
  const context = canvas.getContext('2d');
  const image = context.createImageData(columns, rows);
  const low = centre - width / 2;
  for (let i = 0; i < stored.length; i++) {
    const grey = Math.max(0, Math.min(255, ((stored[i] * slope + intercept - low) / width) * 255));
    image.data[4 * i] = image.data[4 * i + 1] = image.data[4 * i + 2] = grey;
    image.data[4 * i + 3] = 255;
  }
  context.putImageData(image, 0, 0);
  const drawn = performance.now();
  window.__floor = { drawnMs: drawn, fetchMs: fetched - started, decodeMs: drawn - fetched };
})().catch((error) => { window.__floor = { error: String(error) }; });`;
}

/**
 * Opens a bare page at the host's origin (its HTML given by Playwright, since the host serves only
 * the built app) that fetches one instance from the real host and draws it; a fresh context, so
 * nothing is cached but the operating system's file cache, as for the viewer's runs.
 * @param browser - the benchmark's Chromium
 * @param origin - the host's origin
 * @param token - the host's launch token
 * @param instanceId - the instance the viewer showed first
 */
export async function measureFloor(browser: Browser, origin: string, token: string, instanceId: number): Promise<FloorRun> {
  const parser = fs.readFileSync(path.join(REPO_ROOT, 'node_modules', 'dicom-parser', 'dist', 'dicomParser.min.js'), 'utf8');
  const html = `<!doctype html><title>floor</title><canvas id="image"></canvas><script>${parser}</script><script>${floorScript(`/instances/${instanceId}`, token)}</script>`;
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.route(`${origin}/bench-floor.html`, (route) => route.fulfill({ status: 200, contentType: 'text/html', body: html }));
    await page.goto(`${origin}/bench-floor.html`);
    const result = await page.waitForFunction(() => (window as unknown as { __floor?: FloorRun & { error?: string } }).__floor, null, { timeout: 60_000 });
    const floor = (await result.jsonValue()) as FloorRun & { error?: string };
    if (floor.error) throw new Error(`the floor page failed: ${floor.error}`);
    return floor;
  } finally {
    await context.close();
  }
}
