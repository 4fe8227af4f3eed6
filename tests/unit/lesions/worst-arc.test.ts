import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANNOTATION_SCHEMA_VERSION, type Annotation } from '@shared/annotation/annotation';
import { createAppCore, type AppCore, coreInternals } from '../../../electron/core/app-core';
import { scoreLesion } from '@shared/scoring/score-lesion';
import { URGENCY_RULE_SET } from '@shared/scoring/urgency-rules';
import { withWorstArc } from '@shared/lesion/worst-arc';
import { drawingFigures, worstArcMessage } from '../../../renderer/src/features/lesions/lesion-arcs';
import type { AnnotationSnapshot } from '../../../renderer/src/services/viewer/annotation-snapshot';
import { inProcessImportRunner } from '../../../electron/core/importer/import-runners';
import { fromAnnotation, makeLesion } from '../../support/lesion-fixtures';
import { temporaryFolder } from '../../support/paths';

// Van der Linden reads the circumferential involvement on the WORST axial slice: a lesion whose
// value is linked to one of its arcs while another of its arcs measures more is scored from the
// worst arc (provenance naming it), in the core, so the form, CLI, worklist and exports agree.
let dataDir: string;
let core: AppCore;
const AB = { initials: 'AB', name: 'Anna Berg', role: 'radiologist' } as const;
const aid = (n: number) => `a8100000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const lid = (n: number) => `f8100000-0000-4000-8000-${String(n).padStart(12, '0')}`;

/** A cortical-involvement arc on slice n of the series, measuring pct of the circumference. */
function arc(n: number, pct: number): Annotation {
  return {
    schemaVersion: ANNOTATION_SCHEMA_VERSION, id: aid(n), lesionId: null, studyInstanceUid: '1.2.3.4', seriesInstanceUid: '1.2.3.4.5',
    sopInstanceUid: `1.2.3.4.5.${n}`, frameNumber: 1, frameOfReferenceUid: '1.2.3.9', viewPlaneNormal: null, viewUp: null, tool: 'CorticalInvolvement',
    points: [[0, 0, n], [10, 0, n], [0, 10, n]], text: null, measurements: { arcPercent: pct }, reader: 'AB', createdAt: '2026-03-01T09:00:00Z', updatedAt: '2026-03-01T09:00:00Z',
  };
}
const openCore = () => createAppCore({ dataDir, door: 'browser', version: 'test', roots: [dataDir], importRunner: inProcessImportRunner });
const saveArc = (n: number, pct: number) => core.handlers['annotations.save']({ annotation: arc(n, pct) });
const get = async (id: string) => core.handlers['lesions.get']({ id });

beforeAll(async () => {
  dataDir = temporaryFolder('worst-arc');
  core = openCore();
  await core.handlers['reader.set'](AB);
  for (const [n, pct] of [[1, 40], [2, 70], [3, 45], [4, 30], [5, 65]] as const) await saveArc(n, pct);
});
afterAll(() => {
  core.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe("a lesion's circumferential involvement is its worst arc's", () => {
  it('linking a smaller arc while a larger one of the lesion is attached scores the larger, naming it; the linked arc stays the lesion\'s', async () => {
    const saved = await core.handlers['lesions.save']({
      lesion: makeLesion({ id: lid(1), trackingUid: '2.25.8101', circumferentialInvolvementPct: fromAnnotation(40, aid(1)), attachedAnnotationIds: [aid(2), aid(3)] }),
    });
    expect(saved.lesion.circumferentialInvolvementPct).toEqual(fromAnnotation(70, aid(2)));
    expect([...saved.lesion.attachedAnnotationIds].sort()).toEqual([aid(1), aid(3)]);
    const { lesion, scores } = await get(lid(1));
    expect(lesion.circumferentialInvolvementPct).toEqual(fromAnnotation(70, aid(2)));
    // > 50% of the circumference: Van der Linden's high-risk criterion is met (40% would not meet it).
    expect(JSON.stringify(scores.vanDerLinden)).toMatch(/70/);
    const links = coreInternals(core).db.prepare('SELECT id FROM annotations WHERE lesion_id = ? ORDER BY id').pluck().all(lid(1));
    expect(links).toEqual([aid(1), aid(2), aid(3)]);
  });

  it('the linked arc redrawn smaller than another of the lesion\'s arcs gives way to that arc', async () => {
    await saveArc(2, 20);
    expect((await get(lid(1))).lesion.circumferentialInvolvementPct).toEqual(fromAnnotation(45, aid(3)));
  });

  it('an attached arc redrawn larger becomes the scored one', async () => {
    await saveArc(1, 80);
    expect((await get(lid(1))).lesion.circumferentialInvolvementPct).toEqual(fromAnnotation(80, aid(1)));
  });

  it('a lesion stored before the rule (a smaller arc linked) is read and scored from its worst arc', async () => {
    const lesion = makeLesion({ id: lid(2), trackingUid: '2.25.8102', boneId: 'humerus', regionId: null, circumferentialInvolvementPct: fromAnnotation(30, aid(4)) });
    await core.handlers['lesions.save']({ lesion });
    let db = coreInternals(core).db;
    // As the previous version stored it: the record with the 65% arc attached, its worklist row scored at 30% under summary 1.
    const row30 = db.prepare('SELECT * FROM lesion_worklist WHERE lesion_id = ?').get(lid(2)) as Record<string, unknown>;
    db.prepare('UPDATE lesions SET record = ? WHERE id = ?').run(JSON.stringify({ ...lesion, attachedAnnotationIds: [aid(5)] }), lid(2));
    const columns = Object.keys(row30);
    db.prepare(`INSERT OR REPLACE INTO lesion_worklist (${columns.join(', ')}) VALUES (${columns.map((c) => '@' + c).join(', ')})`).run({ ...row30, rule_set: `${URGENCY_RULE_SET} | worklist summary 1` });
    // The next start of the app (this version) opens that database.
    core.close();
    core = openCore();
    await core.handlers['reader.set'](AB);
    db = coreInternals(core).db;
    expect((await get(lid(2))).lesion.circumferentialInvolvementPct).toEqual(fromAnnotation(65, aid(5)));
    const listed = await core.handlers['lesions.list']({ studyInstanceUid: '1.2.3.4' });
    expect(listed.find((l) => l.lesion.id === lid(2))?.lesion.circumferentialInvolvementPct?.value).toBe(65);
    // Its worklist row, stored under the summary before this rule, is scored again at start or by the worklist: the 65% urgency, not the 30% one.
    const at65 = scoreLesion({ ...lesion, circumferentialInvolvementPct: fromAnnotation(65, aid(5)) }).urgency;
    expect(scoreLesion(lesion).urgency).not.toEqual(at65);
    const row = (await core.handlers['worklist.get']({})).rows.find((r) => r.lesionId === lid(2));
    expect(row?.urgency).toMatchObject({ level: at65.level, worstCase: at65.worstCase });
  });

  it('a typed value is the reader\'s and is left alone', async () => {
    const saved = await core.handlers['lesions.save']({ lesion: makeLesion({ id: lid(3), trackingUid: '2.25.8103', boneId: 'tibia', regionId: null, circumferentialInvolvementPct: { value: 10, provenance: { source: 'typed' } } }) });
    expect(saved.lesion.circumferentialInvolvementPct?.value).toBe(10);
  });
});

describe('the lesion form scores the worst arc before saving, and says so', () => {
  const snapshot = (n: number, pct: number): AnnotationSnapshot => ({
    annotationUid: aid(n), toolName: 'CorticalInvolvement', frameOfReferenceUid: '1.2.3.9', image: { seriesInstanceUid: '1.2.3.4.5', sopInstanceUid: `1.2.3.4.5.${n}`, frame: null },
    viewPlaneNormal: null, viewUp: null, points: [], stats: { arcPercent: pct }, text: null,
  });

  it('a smaller arc linked in the form takes the worst arc of the lesion, the linked one kept attached', () => {
    const draft = makeLesion({ circumferentialInvolvementPct: fromAnnotation(40, aid(1)), attachedAnnotationIds: [aid(2)] });
    const shown = withWorstArc(draft, drawingFigures([snapshot(1, 40), snapshot(2, 70), snapshot(6, 90)]));
    // The 90% arc is not this lesion's: only its own arcs count.
    expect(shown.circumferentialInvolvementPct).toEqual(fromAnnotation(70, aid(2)));
    expect(shown.attachedAnnotationIds).toEqual([aid(1)]);
  });

  it('names the larger arc and its slice, or the others when the scored one is the worst', () => {
    const arcs = [
      { annotationId: aid(1), arcPercent: 40, slice: 'slice 10', scored: true },
      { annotationId: aid(2), arcPercent: 70, slice: 'slice 12', scored: false },
    ];
    expect(worstArcMessage(arcs)).toBe('Another arc of this lesion measures 70% (slice 12): saving scores it, as Van der Linden reads the worst axial slice.');
    expect(worstArcMessage(arcs.map((a) => ({ ...a, scored: !a.scored })))).toBe(
      "Scored from the worst of this lesion's 2 arcs, as Van der Linden reads the worst axial slice: 70% (slice 12); another arc measures 40% (slice 10).",
    );
    expect(worstArcMessage(arcs.slice(0, 1))).toBeNull();
  });
});
