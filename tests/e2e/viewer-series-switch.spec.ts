import path from 'node:path';
import { expect, SHARED_DICOM, test } from './fixtures/host';
import { cliImport, hostRpc } from './fixtures/host-api';
import { settledStatus, viewerHash, viewportLocator } from './fixtures/viewer';

/** pydicom's MR study of three series: a localiser, a three-plane pilot and a 7-image angiogram. */
const MR_STUDY = path.join(SHARED_DICOM, 'pydicom/dicomdirtests/98892003');

test('a series left for another and opened again comes back on the slice and with the window the reader left it in', async ({ page, host }) => {
  await cliImport(host.dataDir, [MR_STUDY]);
  const [study] = await hostRpc(host, 'studies.search', {});
  const { series } = await hostRpc(host, 'studies.get', { studyInstanceUid: study!.studyInstanceUid });
  const angio = series.find((s) => s.description.startsWith('ANGIO'))!;
  const localiser = series.find((s) => s.description.startsWith('FAST LOCALIZER'))!;
  await page.goto(`${host.url}${viewerHash(study!.studyInstanceUid, angio.seriesInstanceUid, 5)}`);
  const shown = (uid: string) => viewportLocator(page, { seriesUid: uid, orientation: 'stack' });
  expect(await settledStatus(shown(angio.seriesInstanceUid))).toBe('rendered');
  const windowText = page.getByTestId('overlay-window');
  const fileWindow = await windowText.textContent();

  // The reader windows the angiogram with the mouse and goes down a slice.
  const box = (await shown(angio.seriesInstanceUid).boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 + 80, box.y + box.height / 2 - 50, { steps: 8 });
  await page.mouse.up();
  await expect(windowText).not.toHaveText(fileWindow!);
  await page.keyboard.press('ArrowDown');
  await expect(shown(angio.seriesInstanceUid)).toHaveAttribute('data-slice-index', '6');
  const readWindow = await windowText.textContent();

  // To the localiser and back through the series strip.
  const strip = page.getByTestId('strip-series');
  await strip.filter({ hasText: 'FAST LOCALIZER' }).click();
  expect(await settledStatus(shown(localiser.seriesInstanceUid))).toBe('rendered');
  await strip.filter({ hasText: 'ANGIO' }).click();
  expect(await settledStatus(shown(angio.seriesInstanceUid))).toBe('rendered');
  await expect(shown(angio.seriesInstanceUid)).toHaveAttribute('data-slice-index', '6');
  await expect(windowText).toHaveText(readWindow!);
});
