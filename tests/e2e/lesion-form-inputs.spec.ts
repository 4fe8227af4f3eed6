import { makeLesion, typed } from '../support/lesion-fixtures';
import { CT_FOLDER } from './fixtures/ct-viewer';
import { expect, test, TEST_READER } from './fixtures/host';
import { cliImport, hostRpc } from './fixtures/host-api';
import { settledStatus, viewerHash, viewportLocator } from './fixtures/viewer';

test('the form shows the inputs the bone\'s scores read, keeps other recorded values with a note, and lists lesions that could be worse first', async ({ page, host }) => {
  await cliImport(host.dataDir, [CT_FOLDER]);
  const [study] = await hostRpc(host, 'studies.search', {});
  const { series } = await hostRpc(host, 'studies.get', { studyInstanceUid: study!.studyInstanceUid });
  const [studyUid, seriesUid] = [study!.studyInstanceUid, series[0]!.seriesInstanceUid];
  const mine = { studyInstanceUid: studyUid, seriesInstanceUid: seriesUid, reader: TEST_READER.initials };
  // A femoral lesion with every input recorded and benign (routine, nothing missing), plus a spine input no femur score reads.
  const femur = makeLesion({
    ...mine, id: 'f0000000-0000-4000-8000-000000000001', trackingUid: '2.25.7101', createdAt: '2026-01-02T10:00:00Z', updatedAt: '2026-01-02T10:00:00Z',
    nature: 'blastic', lesionWidthMm: typed(5), boneDiameterMm: typed(30), largestDimensionMm: typed(8), axialInvolvementMm: typed(5), circumferentialInvolvementPct: typed(5),
    pathologicalFracture: false, clinical: { mirelsPain: 'mild', lesserTrochanterAvulsion: false, persistentPainAfterRadiotherapy: false, newNeurologicalDeficit: false },
    spine: { esccGrade: '2' },
  });
  // Marked later, routine as recorded, but neither its neurology nor its pathological fracture is recorded: it could be an emergency.
  const humerus = makeLesion({
    ...mine, id: 'f0000000-0000-4000-8000-000000000002', trackingUid: '2.25.7102', createdAt: '2026-01-02T11:00:00Z', updatedAt: '2026-01-02T11:00:00Z',
    boneId: 'humerus', regionId: 'humerus-diaphysis', nature: 'blastic', lesionWidthMm: typed(3), boneDiameterMm: typed(20), largestDimensionMm: typed(8),
    axialInvolvementMm: typed(5), circumferentialInvolvementPct: typed(5), pathologicalFracture: null, clinical: { mirelsPain: 'mild', persistentPainAfterRadiotherapy: false },
  });
  for (const lesion of [femur, humerus]) await hostRpc(host, 'lesions.save', { lesion });
  await page.goto(`${host.url}${viewerHash(studyUid, seriesUid, 30)}`);

  // The lesion that could be worse comes first, saying what to complete.
  const items = page.getByTestId('lesion-item');
  await expect(items).toHaveCount(2);
  await expect(items.first()).toHaveAttribute('data-lesion-id', humerus.id);
  await expect(items.first().getByTestId('lesion-incomplete')).toHaveText('could be emergency: complete these inputs: new neurological deficit, pathological fracture');
  await expect(items.nth(1).getByTestId('lesion-incomplete')).toHaveCount(0);

  // The femur: Mirels, Harrington and cortical inputs; its recorded ESCC grade stays visible, with the note.
  await items.nth(1).getByRole('button').click();
  await expect(page.getByTestId('mirels-size-definition')).toHaveValue('width-over-diameter');
  await expect(page.getByTestId('input-lesionWidthMm')).toHaveValue('5');
  await expect(page.getByTestId('input-boneDiameterMm')).toHaveValue('30');
  await expect(page.getByTestId('clinical-avulsion')).toBeVisible();
  await expect(page.getByTestId('clinical-sins-pain')).toHaveCount(0);
  await expect(page.getByTestId('spine-escc')).toHaveValue('2');
  await expect(page.getByTestId('ignored-inputs')).toContainText('ESCC grade (2): ESCC grades spinal lesions; Femur is not a vertebra or the sacrum');
  await expect(page.getByTestId('lesion-urgency')).toHaveAttribute('data-level', 'routine');

  // The reader chooses the CT definition of Mirels size: stored with the lesion, width and diameter then noted as unread.
  await page.getByTestId('mirels-size-definition').selectOption('circumferential-fraction');
  await expect(page.getByTestId('ignored-inputs')).toContainText('Lesion width (5 mm): Mirels size reads the circumferential fraction');
  await page.getByTestId('lesion-save').click();
  await expect.poll(async () => (await hostRpc(host, 'lesions.get', { id: femur.id })).lesion.mirelsSizeDefinition).toBe('circumferential-fraction');

  // A new lesion: a vertebra shows the spine inputs and no Mirels inputs, and the cortical involvement
  // (the urgent cortical rule names no bone); the sacrum is spine too.
  await page.getByTestId('lesion-new').click();
  await page.getByTestId('bone-search').fill('L2');
  await page.getByTestId('bone-search').press('Enter');
  await expect(page.getByTestId('spine-inputs')).toBeVisible();
  await expect(page.getByTestId('clinical-sins-pain')).toBeVisible();
  await expect(page.getByTestId('clinical-mirels-pain')).toHaveCount(0);
  await expect(page.getByTestId('mirels-size-definition')).toHaveCount(0);
  await expect(page.getByTestId('measured-lesionWidthMm')).toHaveCount(0);
  await expect(page.getByTestId('measured-axialInvolvementMm')).toBeVisible();
  // Harrington's criteria name no site (rule set v8); the lesser trochanter is the femur's alone.
  await expect(page.getByTestId('clinical-pain-after-rt')).toBeVisible();
  await expect(page.getByTestId('clinical-avulsion')).toHaveCount(0);
  await page.getByTestId('bone-search').fill('sacrum');
  await page.getByTestId('bone-search').press('Enter');
  await expect(page.getByTestId('spine-inputs')).toBeVisible();
  await page.getByTestId('spine-escc').selectOption('3');
  await expect(page.getByTestId('lesion-urgency')).toHaveAttribute('data-level', 'emergency');
});

test('a drawing attached to a lesion without a value (an area for its segmentation) is linked by the lesion save, and detached again', async ({ page, host }) => {
  await cliImport(host.dataDir, [CT_FOLDER]);
  const [study] = await hostRpc(host, 'studies.search', {});
  const { series } = await hostRpc(host, 'studies.get', { studyInstanceUid: study!.studyInstanceUid });
  const [studyUid, seriesUid] = [study!.studyInstanceUid, series[0]!.seriesInstanceUid];
  await page.goto(`${host.url}${viewerHash(studyUid, seriesUid, 30)}`);
  const viewport = viewportLocator(page, { orientation: 'stack' });
  expect(await settledStatus(viewport)).toBe('rendered');
  const box = (await viewport.boundingBox())!;
  await page.keyboard.press('l');
  await page.mouse.move(box.x + 200, box.y + 200);
  await page.mouse.down();
  await page.mouse.move(box.x + 300, box.y + 240, { steps: 6 });
  await page.mouse.up();
  await expect(page.getByTestId('measurement-panel')).toHaveAttribute('data-save-state', 'saved');

  await page.getByTestId('lesion-new').click();
  await page.getByTestId('bone-search').fill('left femur');
  await page.getByTestId('bone-search').press('Enter');
  await page.getByTestId('measurement').getByRole('button').first().click();
  await page.getByTestId('attach-drawing').click();
  await expect(page.getByTestId('attached-drawing')).toHaveText(/Length/);
  await expect(page.getByTestId('attach-drawing')).toBeDisabled();
  await page.getByTestId('lesion-save').click();
  await expect.poll(async () => (await hostRpc(host, 'lesions.list', { studyInstanceUid: studyUid })).length).toBe(1);
  const [lesion] = await hostRpc(host, 'lesions.list', { studyInstanceUid: studyUid });
  await expect.poll(async () => (await hostRpc(host, 'annotations.list', { studyInstanceUid: studyUid }))[0]?.lesionId).toBe(lesion!.lesion.id);

  await page.getByTestId('detach-drawing').click();
  await page.getByTestId('lesion-save').click();
  await expect.poll(async () => (await hostRpc(host, 'annotations.list', { studyInstanceUid: studyUid }))[0]?.lesionId).toBeNull();
  expect((await hostRpc(host, 'lesions.get', { id: lesion!.lesion.id })).lesion.attachedAnnotationIds).toEqual([]);
});
