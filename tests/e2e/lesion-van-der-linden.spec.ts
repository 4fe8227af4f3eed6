import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import type { LesionScores } from '@shared/scoring/score-lesion';
import { keepScreenshot } from './fixtures/ct-viewer';
import { expect, REPO_ROOT, test } from './fixtures/host';
import { hostRpc } from './fixtures/host-api';
import { drawCorticalArc, loadPhantom, openPhantom, wheelToSlice } from './fixtures/phantom';

const run = promisify(execFile);

test('the large femoral lesion, measured with the mouse, is flagged by Van der Linden and survives a reload; the CLI scores it alike', async ({ page, host }) => {
  const phantom = await loadPhantom(host);
  const { truth } = phantom;
  const lesion = truth.lesions.find((l) => l.id === 'L1')!;
  const { first, last } = lesion.involvedSliceIndices;
  await openPhantom(page, host, phantom, Math.round((first + last) / 2));

  // Cortical involvement on an involved slice, then select it.
  await drawCorticalArc(page, truth, 'L1');
  const cortex = page.getByTestId('measurement').filter({ hasText: 'Cortex' });
  await expect(cortex.getByTestId('measurement-value')).toHaveText(/% of circumference/);
  await cortex.getByRole('button').click();
  await expect(cortex).toHaveAttribute('data-selected', 'true');

  // A new lesion: left femoral diaphysis by search and keyboard, lytic, moderate pain.
  await page.getByTestId('lesion-new').click();
  await page.getByTestId('bone-search').fill('left femur diaphysis');
  await page.getByTestId('bone-search').press('Enter');
  await expect(page.getByTestId('lesion-bone')).toContainText(/Femur.*[Dd]iaphysis|[Dd]iaphysis.*[Ff]emur|Femoral shaft/);
  await expect(page.getByTestId('lesion-laterality')).toHaveValue('left');
  await page.getByTestId('lesion-nature').selectOption('lytic');
  await page.getByTestId('clinical-mirels-pain').selectOption('moderate');
  await page.getByTestId('link-circumferentialInvolvementPct').click();
  await expect(page.getByTestId('measured-circumferentialInvolvementPct')).toHaveAttribute('data-source', 'annotation');

  // Axial extent: the first and last involved slices, reached with the wheel.
  await wheelToSlice(page, phantom.viewerSlice(first));
  await page.getByTestId('first-involved-slice').click();
  await wheelToSlice(page, phantom.viewerSlice(last));
  await page.getByTestId('last-involved-slice').click();
  await expect(page.getByTestId('measured-axialInvolvementMm')).toHaveAttribute('data-source', 'annotation');

  const circumference = Number(await page.getByTestId('input-circumferentialInvolvementPct').inputValue());
  const axial = Number(await page.getByTestId('input-axialInvolvementMm').inputValue());
  expect(Math.abs(circumference - lesion.circumferentialFraction * 100)).toBeLessThanOrEqual(5);
  expect(Math.abs(axial - lesion.axialExtentMm)).toBeLessThanOrEqual(2);
  const vdl = page.getByTestId('score-van-der-linden');
  await expect(vdl).toHaveAttribute('data-flagged', 'true');

  await page.getByTestId('lesion-save').click();
  await expect(page.getByTestId('lesion-item')).toHaveCount(1);
  await expect(page.getByTestId('lesion-save')).toHaveText('Save lesion');
  await expect(page.getByTestId('measurement-panel')).toHaveAttribute('data-save-state', 'saved');
  const shown = async () => ({
    urgency: await page.getByTestId('lesion-urgency').getAttribute('data-level'),
    vdl: await vdl.getAttribute('data-total'),
    vdlFlagged: await vdl.getAttribute('data-flagged'),
    mirels: await page.getByTestId('score-mirels').getAttribute('data-total'),
    harrington: await page.getByTestId('score-harrington').getAttribute('data-flagged'),
    circumference: await page.getByTestId('input-circumferentialInvolvementPct').inputValue(),
    axial: await page.getByTestId('input-axialInvolvementMm').inputValue(),
  });
  const before = await shown();
  // The list's badge carries the same urgency as the form.
  await expect(page.getByTestId('lesion-urgency-badge')).toHaveText(before.urgency!.replace('-', ' '));
  await keepScreenshot(page, 'lesion-van-der-linden');

  // The stored lesion and its annotation, linked.
  const [stored] = await hostRpc(host, 'lesions.list', { studyInstanceUid: phantom.studyUid });
  expect(stored!.lesion).toMatchObject({ boneId: 'femur', regionId: 'femur-diaphysis', laterality: 'left', nature: 'lytic', reader: 'E2E' });
  expect(stored!.lesion.clinical.mirelsPain).toBe('moderate');
  const [annotation] = await hostRpc(host, 'annotations.list', { studyInstanceUid: phantom.studyUid });
  expect(annotation!.lesionId).toBe(stored!.lesion.id);
  expect(annotation!.measurements.axialExtentMm).toBeCloseTo(axial, 1);

  await page.reload();
  await expect(page.getByTestId('lesion-item')).toHaveCount(1);
  // Away from the lesion first: clicking it must bring its slice back.
  await expect(page.getByTestId('measurement-panel')).toHaveAttribute('data-save-state', 'saved');
  await wheelToSlice(page, phantom.viewerSlice(first));
  await page.getByTestId('lesion-item').getByRole('button').click();
  // The viewer jumps to the lesion's slice, where its annotation is drawn again.
  const middleSlice = phantom.viewerSlice(Math.round((first + last) / 2));
  await expect(page.locator(`[data-testid="viewport"][data-slice-index="${middleSlice}"]`)).toHaveAttribute('data-viewport-status', 'rendered');
  await expect(page.locator('[data-testid="viewport"] svg polyline').first()).toBeAttached();
  await expect(cortex).toHaveCount(1);
  await expect(cortex.getByTestId('measurement-value')).toHaveText(new RegExp(`^${(annotation!.measurements.arcPercent!).toFixed(1)}% of circumference`));
  await expect(vdl).toHaveAttribute('data-flagged', 'true');
  expect(await shown()).toEqual(before);

  // The CLI scores the saved record exactly as the UI shows it.
  const file = path.join(host.dataDir, 'saved-lesions.json');
  fs.writeFileSync(file, JSON.stringify([stored!.lesion]));
  const { stdout } = await run(process.execPath, ['electron/cli/launch.mjs', 'score', '--in', file, '--json', '--data-dir', host.dataDir], { cwd: REPO_ROOT });
  const [cli] = JSON.parse(stdout.trim().split('\n').pop()!) as LesionScores[];
  expect(cli!.urgency.level).toBe(before.urgency);
  expect(String(cli!.vanDerLinden.flagged)).toBe(before.vdlFlagged);
  expect(String(cli!.mirels.total ?? `${cli!.mirels.range![0]}–${cli!.mirels.range![1]}`)).toBe(before.mirels);
  expect(String(cli!.harrington.flagged)).toBe(before.harrington);
  expect(cli).toEqual(stored!.scores);
});
