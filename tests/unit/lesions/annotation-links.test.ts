import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANNOTATION_SCHEMA_VERSION, type Annotation } from '@shared/annotation/annotation';
import { createAppCore, type AppCore, coreInternals } from '../../../electron/core/app-core';
import { dispatch } from '../../../electron/core/handlers/dispatch';
import { inProcessImportRunner } from '../../../electron/core/importer/import-runners';
import { fromAnnotation, makeLesion, typed } from '../../support/lesion-fixtures';
import { temporaryFolder } from '../../support/paths';

// A drawing belongs to the lesion whose measured values cite it. The core keeps the annotation's
// link (column and record) in step inside the lesion's own transaction: no door, no second call.
let dataDir: string;
let core: AppCore;
const AB = { initials: 'AB', name: 'Anna Berg', role: 'radiologist' } as const;
const EF = { initials: 'EF', name: 'Eva Fors', role: 'radiologist' } as const;
const aid = (n: number) => `a7000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const lid = (n: number) => `f7000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

function drawing(n: number, reader: string, lesionId: string | null = null): Annotation {
  return {
    schemaVersion: ANNOTATION_SCHEMA_VERSION, id: aid(n), lesionId, studyInstanceUid: '1.2.3.4', seriesInstanceUid: '1.2.3.4.5',
    sopInstanceUid: '1.2.3.4.5.6', frameNumber: 1, frameOfReferenceUid: '1.2.3.9', viewPlaneNormal: null, viewUp: null, tool: 'Length',
    points: [[0, 0, 0], [30, 0, 0]], text: null, measurements: { length: 30 }, reader, createdAt: '2026-03-01T09:00:00Z', updatedAt: '2026-03-01T09:00:00Z',
  };
}
const stored = (n: number) => coreInternals(core).db.prepare('SELECT lesion_id, record FROM annotations WHERE id = ?').get(aid(n)) as { lesion_id: string | null; record: string };
const link = (n: number) => {
  const row = stored(n);
  // The column and the record always say the same.
  expect(JSON.parse(row.record).lesionId).toBe(row.lesion_id);
  return row.lesion_id;
};

beforeAll(async () => {
  dataDir = temporaryFolder('annotation-links');
  core = createAppCore({ dataDir, door: 'browser', version: 'test', roots: [dataDir], importRunner: inProcessImportRunner });
  await core.handlers['reader.set'](EF);
  await core.handlers['annotations.save']({ annotation: drawing(9, 'EF') });
  await core.handlers['reader.set'](AB);
  for (const n of [1, 2, 3]) await core.handlers['annotations.save']({ annotation: drawing(n, 'AB') });
});
afterAll(() => {
  core.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('the lesion-annotation link is kept by the core, with the lesion', () => {
  it('saving a lesion links the drawings its values cite, in the same transaction, audited', async () => {
    await core.handlers['lesions.save']({ lesion: makeLesion({ id: lid(1), trackingUid: '2.25.7001', largestDimensionMm: fromAnnotation(30, aid(1)), lesionWidthMm: fromAnnotation(30, aid(2)) }) });
    expect([link(1), link(2), link(3)]).toEqual([lid(1), lid(1), null]);
    expect((await core.handlers['audit.trail']({ entityId: aid(1) })).map((e) => `${e.action}:${e.reader}`)).toEqual(['create:AB', 'update:AB']);
  });

  it('a value typed instead of measured unlinks its drawing; citing another drawing links that one', async () => {
    await core.handlers['lesions.save']({ lesion: makeLesion({ id: lid(1), trackingUid: '2.25.7001', largestDimensionMm: typed(31), lesionWidthMm: fromAnnotation(30, aid(3)) }) });
    expect([link(1), link(2), link(3)]).toEqual([null, null, lid(1)]);
  });

  it("refuses a lesion citing another reader's drawing, and stores nothing of it", async () => {
    const before = (await core.handlers['lesions.get']({ id: lid(1) })).lesion;
    const attempt = await dispatch(core.handlers, 'lesions.save', { lesion: { ...before, largestDimensionMm: fromAnnotation(30, aid(9)), nature: 'lytic' } });
    expect(attempt).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringMatching(/drawn by EF/) } });
    expect((await core.handlers['lesions.get']({ id: lid(1) })).lesion).toEqual(before);
    expect([link(3), link(9)]).toEqual([lid(1), null]);
  });

  it('refuses two lesions citing one drawing, naming both', async () => {
    const second = makeLesion({ id: lid(2), trackingUid: '2.25.7002', boneId: 'humerus', regionId: null, lesionWidthMm: fromAnnotation(30, aid(3)) });
    expect(await dispatch(core.handlers, 'lesions.save', { lesion: second })).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringMatching(/2\.25\.7001, 2\.25\.7002|2\.25\.7002, 2\.25\.7001/) } });
    expect(await dispatch(core.handlers, 'lesions.get', { id: lid(2) })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('a drawing saved after the lesion that cites it is linked when it is saved', async () => {
    await core.handlers['lesions.save']({ lesion: makeLesion({ id: lid(3), trackingUid: '2.25.7003', boneId: 'tibia', regionId: null, axialInvolvementMm: fromAnnotation(40, aid(4)) }) });
    const saved = await core.handlers['annotations.save']({ annotation: drawing(4, 'AB') });
    expect(saved.lesionId).toBe(lid(3));
    expect(link(4)).toBe(lid(3));
  });

  it('an annotation save may not name a lesion that does not cite it; naming none keeps the derived link', async () => {
    expect(await dispatch(core.handlers, 'annotations.save', { annotation: drawing(2, 'AB', lid(1)) })).toMatchObject({ ok: false, error: { code: 'invalid_request', message: expect.stringMatching(/does not name/) } });
    // A moved drawing saved by a page that has not seen the link yet (lesionId null) stays linked.
    const moved = await core.handlers['annotations.save']({ annotation: { ...drawing(3, 'AB'), points: [[0, 0, 0], [32, 0, 0]] } });
    expect(moved.lesionId).toBe(lid(1));
    expect(link(3)).toBe(lid(1));
  });

  it('a drawing attached to the lesion (an area for its segmentation) is linked without a value; deleting it detaches it', async () => {
    await core.handlers['annotations.save']({ annotation: drawing(5, 'AB') });
    const lesion = (await core.handlers['lesions.get']({ id: lid(1) })).lesion;
    await core.handlers['lesions.save']({ lesion: { ...lesion, attachedAnnotationIds: [aid(5)] } });
    expect(link(5)).toBe(lid(1));
    await core.handlers['annotations.delete']({ id: aid(5) });
    expect((await core.handlers['lesions.get']({ id: lid(1) })).lesion.attachedAnnotationIds).toEqual([]);
    expect((await core.handlers['audit.trail']({ entityId: lid(1) })).at(-1)).toMatchObject({ entity: 'lesion', action: 'update', reader: 'AB' });
  });

  it('deleting the lesion leaves its drawings unlinked, in the column and the record', async () => {
    await core.handlers['lesions.delete']({ id: lid(1) });
    expect(link(3)).toBeNull();
  });
});

describe('a measured value follows the drawing it was measured on', () => {
  // The reader links a 20 mm Length as the largest dimension, then drags its end to 34 mm: the
  // lesion, its scores, the worklist and every export must say 34 mm, the length the drawing shows.
  const femur = () =>
    makeLesion({
      id: lid(20), trackingUid: '2.25.7020', largestDimensionMm: fromAnnotation(20, aid(20)), circumferentialInvolvementPct: typed(10),
      clinical: { lesserTrochanterAvulsion: false, persistentPainAfterRadiotherapy: false },
    });
  const lengthOf = (mm: number): Annotation => ({ ...drawing(20, 'AB'), points: [[0, 0, 0], [mm, 0, 0]], measurements: { length: mm } });

  it('a cited drawing saved with a new figure changes the lesion value, its scores and its worklist row, audited', async () => {
    await core.handlers['annotations.save']({ annotation: lengthOf(20) });
    await core.handlers['lesions.save']({ lesion: femur() });
    expect((await core.handlers['lesions.get']({ id: lid(20) })).scores.harrington.flagged).toBe(false);

    await core.handlers['annotations.save']({ annotation: lengthOf(34) });
    const { lesion, scores } = await core.handlers['lesions.get']({ id: lid(20) });
    expect(lesion.largestDimensionMm).toEqual(fromAnnotation(34, aid(20)));
    expect(scores.harrington.flagged).toBe(true);
    expect(scores.urgency.reasons).toContainEqual(expect.stringMatching(/Harrington/));
    const row = (await core.handlers['worklist.get']({})).rows.find((r) => r.lesionId === lid(20));
    expect(row?.urgency.level).toBe('surgical-opinion');
    expect((await core.handlers['audit.trail']({ entityId: lid(20) })).at(-1)).toMatchObject({ entity: 'lesion', action: 'update', reader: 'AB' });
  });

  it('a lesion saved from a form still holding the old figure keeps the drawing\'s', async () => {
    const saved = await core.handlers['lesions.save']({ lesion: { ...femur(), nature: 'lytic' } });
    expect(saved.lesion.largestDimensionMm).toEqual(fromAnnotation(34, aid(20)));
    expect(saved.lesion.nature).toBe('lytic');
    expect((await core.handlers['lesions.get']({ id: lid(20) })).lesion.largestDimensionMm?.value).toBe(34);
  });
});
