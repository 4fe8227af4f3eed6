import { chromium } from '@playwright/test';
import config from '../../playwright.config';
import { SLICES_PER_UPLOAD_WAIT } from '../../renderer/src/services/viewer/texture-upload-pacing';
import { browserProcesses } from '../support/chromium-processes';
import { expect, test } from './fixtures/host';
import { hostRpc } from './fixtures/host-api';
import { useImportedCt } from './fixtures/phantom';
import { settledStatus, viewerHash, viewportLocator } from './fixtures/viewer';

// Without a GPU, a reformat's volume lives as a texture in Chromium's GPU process (SwiftShader).
// Uploaded all at once, its slices were staged there beside the texture, and the process peaked
// about as far again above where it settled. Paced (texture-upload-pacing.ts), it holds the
// texture and a few slices in transit.
const SIDE = 512;
const SLICES = 200;
/** The texture: 16-bit (half float) voxels. */
const TEXTURE_BYTES = SIDE * SIDE * SLICES * 2;
/**
 * How far above where it settles the GPU process may peak while the texture uploads: measured
 * 10 to 15 MB paced, about 100 MB (the whole volume staged) unpaced, for these 200 slices.
 */
const IN_TRANSIT_BYTES = TEXTURE_BYTES / 4;

const ct = useImportedCt('reformat-gpu-memory', SIDE, SLICES);

test('a reformat costs the GPU process its texture, not a second copy of the volume in transit', async () => {
  test.setTimeout(180_000);
  // A browser of its own: the GPU process's peak must be this reformat's alone.
  const browser = await chromium.launch(config.use!.launchOptions);
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const [study] = await hostRpc(ct.host, 'studies.search', {});
    const { series } = await hostRpc(ct.host, 'studies.get', { studyInstanceUid: study!.studyInstanceUid });
    const seriesUid = series[0]!.seriesInstanceUid;
    await page.goto(`${ct.host.url}${viewerHash(study!.studyInstanceUid, seriesUid)}`);
    expect(await settledStatus(viewportLocator(page, { seriesUid, orientation: 'stack' }))).toBe('rendered');
    const gpuBefore = (await browserProcesses(browser)).find((p) => p.type === 'GPU')!;

    await page.keyboard.press('m');
    const sagittal = viewportLocator(page, { seriesUid, orientation: 'sagittal' });
    expect(await settledStatus(sagittal, 120_000)).toBe('rendered');
    const gpuAfter = (await browserProcesses(browser)).find((p) => p.pid === gpuBefore.pid)!;
    const inTransit = gpuAfter.peak - gpuAfter.rss;
    const mb = (bytes: number) => `${Math.round(bytes / 2 ** 20)} MB`;
    expect(inTransit, `the GPU process peaked ${mb(inTransit)} above where it settled, for a ${mb(TEXTURE_BYTES)} texture (paced every ${SLICES_PER_UPLOAD_WAIT} slices)`).toBeLessThan(IN_TRANSIT_BYTES);
    // And it holds the texture: the bound is not met by a reformat that uploaded nothing.
    expect(gpuAfter.rss - gpuBefore.rss).toBeGreaterThan(TEXTURE_BYTES * 0.8);
  } finally {
    await browser.close();
  }
});
