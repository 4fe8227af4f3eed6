import { openCt, test } from './fixtures/ct-viewer';
import { expect } from './fixtures/host';

// A modal dialog holds the keyboard: Tab and Shift+Tab go round its own controls and never reach
// the toolbar or the form behind it, where a key would act unseen; Escape closes it and gives the
// focus back to where it was.
test('Tab and Shift+Tab stay inside an open dialog, and closing it gives the focus back', async ({ page, ct }) => {
  await openCt(page, ct, 10);
  const help = page.getByTestId('help-open');
  await help.click();
  const dialog = page.getByTestId('viewer-help');
  await expect(dialog).toBeVisible();
  const inside = () => dialog.evaluate((element) => element.contains(document.activeElement));
  for (const key of ['Tab', 'Tab', 'Tab', 'Shift+Tab', 'Shift+Tab', 'Shift+Tab', 'Shift+Tab']) {
    await page.keyboard.press(key);
    expect(await inside(), `focus after ${key}`).toBe(true);
  }
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(help).toBeFocused();
});
