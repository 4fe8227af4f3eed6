import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from './fixtures/host';
import { cliImport, hostRpc } from './fixtures/host-api';
import { settledStatus, viewerHash, viewportLocator } from './fixtures/viewer';

// Debian's python3-pydicom holds pydicom's character-set files, among them PS3.5 Annex H and I examples.
const CHARSET_FILES = '/usr/lib/python3/dist-packages/pydicom/data/charset_files';

// Names in ISO 2022 code extensions (Korean IR 149, Japanese IR 13 + IR 87) read as text in the
// study list and over the image, never as escape bytes or replacement marks.
test('patient names in ISO 2022 character sets, decoded in the study list and the viewer overlay', async ({ page, host }) => {
  const names: [string, string][] = [
    ['chrI2.dcm', 'Hong, Gildong'],
    ['chrH32.dcm', 'ﾔﾏﾀﾞ, ﾀﾛｳ'],
    ['chrKoreanMulti.dcm', '김희중'],
  ];
  for (const [file] of names) {
    const folder = fs.mkdtempSync(path.join(host.dataDir, 'charset-'));
    fs.copyFileSync(path.join(CHARSET_FILES, file), path.join(folder, file));
    await cliImport(host.dataDir, [folder]);
  }
  await page.goto(host.url);
  await expect(page.getByTestId('study-patient-name')).toHaveCount(names.length);
  const listed = await page.getByTestId('study-patient-name').allTextContents();
  expect(listed.map((n) => n.trim()).sort()).toEqual(names.map(([, name]) => name).sort());
  for (const text of listed) expect(text).not.toMatch(/[\x1b\ufffd]|\$\)C|\$B/);

  // Over the image: chrH32's first group is half-width katakana (IR 13), then kanji and hiragana (IR 87).
  const studies = await hostRpc(host, 'studies.search', {});
  const japanese = studies.find((s) => s.patientName.endsWith('やまだ^たろう') && s.patientName.startsWith('ﾔ'))!;
  const { series } = await hostRpc(host, 'studies.get', { studyInstanceUid: japanese.studyInstanceUid });
  await page.goto(`${host.url}${viewerHash(japanese.studyInstanceUid, series[0]!.seriesInstanceUid)}`);
  expect(await settledStatus(viewportLocator(page, { seriesUid: series[0]!.seriesInstanceUid }))).toBe('rendered');
  await expect(page.getByTestId('overlay-patient-name')).toHaveText('ﾔﾏﾀﾞ, ﾀﾛｳ');
});
