import { defineConfig } from '@playwright/test';
import { CHROMIUM_SWITCHES } from './electron/main/chromium-switches';

/**
 * End-to-end tests drive the browser mode (`serve`) in Debian's Chromium; each test starts
 * its own host on a fresh data folder (tests/e2e/fixtures/host.ts). Build first:
 * `npx electron-vite build && npx playwright test`.
 */
export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: 'test-results',
  timeout: 120_000,
  expect: { timeout: 30_000 },
  fullyParallel: true,
  // On CI one worker and one retry: mouse-drag tests (length, ellipse) have lost drag events when
  // two Chromiums shared the 2 cores; a retry is reported as flaky, never hidden.
  workers: process.env.CI ? 1 : 2,
  retries: process.env.CI ? 1 : 0,
  forbidOnly: Boolean(process.env.CI),
  reporter: [['list']],
  use: {
    browserName: 'chromium',
    headless: true,
    viewport: { width: 1440, height: 900 },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      // The app's own switches (electron/main/chromium-switches.ts): on these GPU-less machines
      // Chromium falls back as on a thin client, drawing in software, WebGL2 through SwiftShader.
      args: [
        '--headless=new',
        '--no-sandbox',
        ...CHROMIUM_SWITCHES.map((name) => `--${name}`),
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-dev-shm-usage',
      ],
    },
  },
});
