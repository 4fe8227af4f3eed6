import { expect, test } from '@playwright/test';

// The browser of every end-to-end test and benchmark is started with the app's own Chromium switches
// (playwright.config.ts, electron/main/chromium-switches.ts) on a machine without a GPU. It must
// behave as a thin client's does: 2D drawing and compositing in software, WebGL2 through SwiftShader
// for the reformat. Started with SwiftShader posing as a GPU instead, it composited every frame
// through emulated GL, and the viewer's figures were a machine no reader has.

/** chrome://gpu's "Graphics Feature Status" lines, as "Feature: status". */
async function featureStatus(page: import('@playwright/test').Page): Promise<string[]> {
  await page.goto('chrome://gpu');
  const text = async () => page.evaluate(() => document.querySelector('info-view')?.shadowRoot?.textContent ?? '');
  await expect.poll(async () => /Graphics Feature Status/.test(await text())).toBe(true);
  const section = (await text()).split('Graphics Feature Status')[1]!.split('Version Information')[0]!;
  return section.split('*').map((line) => line.replace(/\s+/g, ' ').trim()).filter((line) => line.includes(':'));
}

test('Chromium started as the app starts it composites in software and gives WebGL2 through SwiftShader, as a GPU-less workstation does', async ({ page }) => {
  const status = await featureStatus(page);
  expect(status).toContain('Compositing: Software only. Hardware acceleration disabled');
  expect(status.find((line) => line.startsWith('WebGL:'))).toMatch(/^WebGL: Software only/);
  const renderer = await page.evaluate(() => {
    const gl = document.createElement('canvas').getContext('webgl2');
    if (!gl) return null;
    return String(gl.getParameter(gl.getExtension('WEBGL_debug_renderer_info')!.UNMASKED_RENDERER_WEBGL));
  });
  expect(renderer).toMatch(/SwiftShader/);
});
