import fs from 'node:fs';
import path from 'node:path';
import { expect, test as base } from '@playwright/test';
import { startBrowserHost } from './fixtures/host';

// A failed automatic backup is told to the user in the app (nobody reads a desktop app's
// console), and the app goes on working.
base('a failed automatic backup shows as a message, once, and the app goes on', async ({ page }) => {
  // A file where the backups folder must go: the backup at start-up cannot be written.
  const host = await startBrowserHost(undefined, { prepare: (dataDir) => fs.writeFileSync(path.join(dataDir, 'backups'), 'not a folder') });
  try {
    await page.goto(host.url);
    const message = page.getByTestId('error-message');
    await expect(message).toContainText(/automatic backup of the database failed: .*ENOTDIR.*What is saved is unharmed/);
    await page.getByTestId('dismiss-message').click();
    await expect(message).toHaveCount(0);
    // Coming back to the window asks again; the same problem is not told twice.
    await page.evaluate(() => window.dispatchEvent(new Event('focus')));
    await expect.poll(() => page.evaluate(() => performance.getEntriesByType('resource').filter((e) => e.name.endsWith('/rpc/app.info')).length)).toBeGreaterThanOrEqual(2);
    await expect(message).toHaveCount(0);
    await expect(page.getByTestId('welcome-panel')).toBeVisible(); // the empty study browser, working
  } finally {
    await host.stop();
  }
});
