import fs from 'node:fs';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ANNOTATION_SCHEMA_VERSION, type Annotation } from '@shared/annotation/annotation';
import { openDatabase } from '../../../electron/core/db/open-database';
import { auditTrail } from '../../../electron/core/lesions/audit-log';
import { deleteAnnotation, listAnnotations, readAnnotation, saveAnnotation } from '../../../electron/core/lesions/annotation-store';
import { deleteLesion, listLesions, readLesion, saveLesion } from '../../../electron/core/lesions/lesion-store';
import { fromAnnotation, makeLesion, typed } from '../../support/lesion-fixtures';
import { temporaryFolder } from '../../support/paths';

let folder: string;
let db: Database.Database;
beforeEach(() => {
  folder = temporaryFolder('lesions');
  db = openDatabase(folder);
});
afterEach(() => {
  db.close();
  fs.rmSync(folder, { recursive: true, force: true });
});

const annotation = (overrides: Partial<Annotation> = {}): Annotation => ({
  schemaVersion: ANNOTATION_SCHEMA_VERSION,
  id: '9c1b2f4e-6a7d-4e8f-9a0b-1c2d3e4f5a6b',
  lesionId: null,
  studyInstanceUid: '1.2.3.4',
  seriesInstanceUid: '1.2.3.4.5',
  sopInstanceUid: '1.2.3.4.5.6',
  frameNumber: 1,
  frameOfReferenceUid: '1.2.3.9',
  viewPlaneNormal: null,
  viewUp: null,
  tool: 'Length',
  points: [[10.25, -20.5, -530], [40.75, -20.5, -530]],
  text: null,
  measurements: { lengthMm: 30.5 },
  reader: 'AB',
  createdAt: '2026-03-01T09:00:00Z',
  updatedAt: '2026-03-01T09:00:00Z',
  ...overrides,
});

describe('the lesion store', () => {
  it('saves, reads back equal, and keeps the urgency column in step with the record', () => {
    const lesion = makeLesion({ nature: 'lytic', axialInvolvementMm: fromAnnotation(34), circumferentialInvolvementPct: typed(20), reader: 'AB' });
    saveLesion(db, lesion, 'AB');
    expect(readLesion(db, lesion.id)).toEqual(lesion);
    expect(db.prepare('SELECT urgency FROM lesions WHERE id = ?').pluck().get(lesion.id)).toBe('urgent');
    saveLesion(db, { ...lesion, axialInvolvementMm: typed(12), updatedAt: '2026-03-01T10:00:00Z' }, 'AB');
    expect(db.prepare('SELECT urgency FROM lesions WHERE id = ?').pluck().get(lesion.id)).not.toBe('urgent');
  });

  it('audits every change with who, when, before and after', () => {
    const lesion = makeLesion({ reader: 'AB' });
    saveLesion(db, lesion, 'AB');
    const changed = { ...lesion, nature: 'blastic' as const, updatedAt: '2026-03-01T10:00:00Z' };
    saveLesion(db, changed, 'AB');
    deleteLesion(db, lesion.id, 'AB');
    const trail = auditTrail(db, lesion.id);
    expect(trail.map((e) => [e.action, e.reader])).toEqual([['create', 'AB'], ['update', 'AB'], ['delete', 'AB']]);
    expect(trail[1]!.before).toEqual(lesion);
    expect(trail[1]!.after).toEqual(changed);
    expect(trail[2]!.after).toBeNull();
    expect(readLesion(db, lesion.id)).toBeNull();
  });

  it('keeps the audit log append-only', () => {
    saveLesion(db, makeLesion({ reader: 'AB' }), 'AB');
    expect(() => db.prepare("UPDATE audit_log SET reader = 'ZZ'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
  });

  it('refuses an invalid record or a changed tracking UID, and stores nothing', () => {
    expect(() => saveLesion(db, { ...makeLesion({ reader: 'AB' }), boneId: 'wing' }, 'AB')).toThrow(/unknown bone/);
    const lesion = saveLesion(db, makeLesion({ reader: 'AB' }), 'AB');
    expect(() => saveLesion(db, { ...lesion, trackingUid: '2.25.999' }, 'AB')).toThrow(/tracking UID/);
    expect(readLesion(db, lesion.id)!.trackingUid).toBe(lesion.trackingUid);
    expect(auditTrail(db, lesion.id)).toHaveLength(1);
  });

  it("records a lesion only under the signed-in reader's initials, and stores nothing otherwise", () => {
    expect(() => saveLesion(db, makeLesion({ reader: 'CD' }), 'AB')).toThrow(expect.objectContaining({ code: 'forbidden' }));
    expect(listLesions(db)).toEqual([]);
    expect(auditTrail(db, makeLesion().id)).toEqual([]);
  });

  it("refuses to change or delete another reader's lesion, even when the change names the other reader", () => {
    const lesion = saveLesion(db, makeLesion({ reader: 'AB', nature: 'lytic' }), 'AB');
    const changed = { ...lesion, nature: 'blastic' as const, updatedAt: '2026-03-01T10:00:00Z' };
    expect(() => saveLesion(db, changed, 'CD')).toThrow(expect.objectContaining({ code: 'forbidden' }));
    expect(() => saveLesion(db, { ...changed, reader: 'CD' }, 'CD')).toThrow(expect.objectContaining({ code: 'forbidden' }));
    expect(() => deleteLesion(db, lesion.id, 'CD')).toThrow(expect.objectContaining({ code: 'forbidden' }));
    expect(readLesion(db, lesion.id)).toEqual(lesion);
    expect(db.prepare('SELECT reader FROM lesions WHERE id = ?').pluck().get(lesion.id)).toBe('AB');
    expect(auditTrail(db, lesion.id).map((e) => [e.action, e.reader])).toEqual([['create', 'AB']]);
  });

  it("lists one reader's lesions or everyone's, per study", () => {
    saveLesion(db, makeLesion({ id: '11111111-1111-4111-8111-111111111111', trackingUid: '2.25.1', reader: 'AB' }), 'AB');
    saveLesion(db, makeLesion({ id: '22222222-2222-4222-8222-222222222222', trackingUid: '2.25.2', reader: 'CD' }), 'CD');
    saveLesion(db, makeLesion({ id: '33333333-3333-4333-8333-333333333333', trackingUid: '2.25.3', reader: 'AB', studyInstanceUid: '1.2.9' }), 'AB');
    expect(listLesions(db, { studyInstanceUid: '1.2.3.4', reader: 'AB' }).map((l) => l.trackingUid)).toEqual(['2.25.1']);
    expect(listLesions(db, { studyInstanceUid: '1.2.3.4' }).map((l) => l.trackingUid)).toEqual(['2.25.1', '2.25.2']);
  });
});

describe('the annotation store', () => {
  it('round-trips world coordinates exactly and lists a study in drawing order', () => {
    const first = saveAnnotation(db, annotation(), 'AB');
    const second = saveAnnotation(db, annotation({ id: 'ab1b2f4e-6a7d-4e8f-9a0b-1c2d3e4f5a6b', tool: 'Probe', points: [[1e-7, 2.123456789, -3]] }), 'AB');
    expect(listAnnotations(db, '1.2.3.4')).toEqual([first, second]);
    expect(listAnnotations(db, '1.2.3.4', 'CD')).toEqual([]);
  });

  it("records an annotation only under the signed-in reader's initials, and never changes or deletes another's", () => {
    expect(() => saveAnnotation(db, annotation({ reader: 'CD' }), 'AB')).toThrow(expect.objectContaining({ code: 'forbidden' }));
    expect(listAnnotations(db, '1.2.3.4')).toEqual([]);
    const drawn = saveAnnotation(db, annotation(), 'AB');
    expect(() => saveAnnotation(db, { ...drawn, reader: 'CD', text: 'mine now' }, 'CD')).toThrow(expect.objectContaining({ code: 'forbidden' }));
    expect(() => deleteAnnotation(db, drawn.id, 'CD')).toThrow(expect.objectContaining({ code: 'forbidden' }));
    expect(readAnnotation(db, drawn.id)).toEqual(drawn);
    expect(listAnnotations(db, '1.2.3.4', 'AB')).toEqual([drawn]);
  });

  it("links an annotation only to a lesion that exists and is the signed-in reader's own", () => {
    const lesion = saveLesion(db, makeLesion({ reader: 'AB' }), 'AB');
    expect(() => saveAnnotation(db, annotation({ reader: 'CD', lesionId: lesion.id }), 'CD')).toThrow(expect.objectContaining({ code: 'forbidden' }));
    const drawn = saveAnnotation(db, annotation({ reader: 'CD' }), 'CD');
    expect(() => saveAnnotation(db, { ...drawn, lesionId: lesion.id }, 'CD')).toThrow(expect.objectContaining({ code: 'forbidden', message: expect.stringMatching(/AB's/) }));
    expect(() => saveAnnotation(db, { ...drawn, lesionId: '0e000000-0000-4000-8000-000000000000' }, 'CD')).toThrow(expect.objectContaining({ code: 'not_found' }));
    expect(readAnnotation(db, drawn.id)).toEqual(drawn);
    expect(auditTrail(db, drawn.id).map((e) => e.action)).toEqual(['create']);
    // The reader's own drawing is linked by the lesion citing it, not by naming the lesion.
    const own = saveAnnotation(db, annotation({ id: 'ab1b2f4e-6a7d-4e8f-9a0b-1c2d3e4f5a6b' }), 'AB');
    expect(() => saveAnnotation(db, { ...own, lesionId: lesion.id }, 'AB')).toThrow(expect.objectContaining({ code: 'invalid_request' }));
    saveLesion(db, { ...lesion, largestDimensionMm: fromAnnotation(10, own.id) }, 'AB');
    expect(readAnnotation(db, own.id)).toMatchObject({ lesionId: lesion.id });
  });

  it("saves a drawing stored linked to another reader's lesion (written before links were derived) with its link derived again", () => {
    const lesion = saveLesion(db, makeLesion({ reader: 'AB' }), 'AB');
    const linked = annotation({ reader: 'CD', lesionId: lesion.id });
    db.prepare('INSERT INTO annotations (id, lesion_id, study_uid, series_uid, sop_instance_uid, reader, record, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(linked.id, linked.lesionId, linked.studyInstanceUid, linked.seriesInstanceUid, linked.sopInstanceUid, 'CD', JSON.stringify(linked), linked.updatedAt);
    expect(() => saveAnnotation(db, { ...linked, text: 'moved' }, 'CD')).toThrow(expect.objectContaining({ code: 'forbidden' }));
    expect(saveAnnotation(db, { ...linked, lesionId: null, text: 'moved' }, 'CD')).toMatchObject({ lesionId: null, text: 'moved' });
    expect(db.prepare('SELECT lesion_id FROM annotations WHERE id = ?').pluck().get(linked.id)).toBeNull();
  });

  it('moves an updated annotation to the study and series its record names, so the listings find it there', () => {
    const drawn = saveAnnotation(db, annotation(), 'AB');
    const moved = saveAnnotation(db, { ...drawn, studyInstanceUid: '1.2.9', seriesInstanceUid: '1.2.9.5', updatedAt: '2026-03-01T10:00:00Z' }, 'AB');
    expect(listAnnotations(db, '1.2.3.4')).toEqual([]);
    expect(listAnnotations(db, '1.2.9', 'AB')).toEqual([moved]);
    expect(db.prepare('SELECT study_uid, series_uid, reader FROM annotations WHERE id = ?').get(drawn.id)).toEqual({ study_uid: '1.2.9', series_uid: '1.2.9.5', reader: 'AB' });
  });

  it('unlinks, not deletes, the annotations of a deleted lesion', () => {
    const drawn = saveAnnotation(db, annotation(), 'AB');
    const lesion = saveLesion(db, makeLesion({ reader: 'AB', largestDimensionMm: fromAnnotation(10, drawn.id) }), 'AB');
    expect(readAnnotation(db, drawn.id)).toMatchObject({ lesionId: lesion.id });
    deleteLesion(db, lesion.id, 'AB');
    expect(readAnnotation(db, drawn.id)).toMatchObject({ lesionId: null, points: drawn.points });
    expect(auditTrail(db, drawn.id).map((e) => e.action)).toEqual(['create', 'update', 'update']);
  });

  it('round-trips a Length drawn on a reformat plane, with no source image in the row', () => {
    const plane = annotation({ sopInstanceUid: null, frameNumber: null, viewPlaneNormal: [0, 1, 0], viewUp: [0, 0, 1], points: [[10.25, -20.5, -530], [10.25, -20.5, -488.5]], measurements: { length: 41.5 } });
    const saved = saveAnnotation(db, plane, 'AB');
    expect(readAnnotation(db, saved.id)).toEqual(plane);
    expect(db.prepare('SELECT sop_instance_uid FROM annotations WHERE id = ?').pluck().get(saved.id)).toBeNull();
    const lesion = saveLesion(db, makeLesion({ reader: 'AB', axialInvolvementMm: fromAnnotation(41.5, saved.id) }), 'AB');
    expect(readAnnotation(db, saved.id)).toMatchObject({ lesionId: lesion.id });
    // Deleting its lesion unlinks it like any other drawing.
    deleteLesion(db, lesion.id, 'AB');
    expect(readAnnotation(db, saved.id)).toMatchObject({ lesionId: null, viewPlaneNormal: [0, 1, 0] });
  });

  it('reads a version-1 row (written before reformat planes) as version 2, and saves it back as version 2', () => {
    const lesion = saveLesion(db, makeLesion({ reader: 'AB' }), 'AB');
    const { viewPlaneNormal: _n, viewUp: _u, ...rest } = annotation({ lesionId: lesion.id });
    const v1 = { ...rest, schemaVersion: 1 };
    db.prepare('INSERT INTO annotations (id, lesion_id, study_uid, series_uid, sop_instance_uid, reader, record, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(v1.id, v1.lesionId, v1.studyInstanceUid, v1.seriesInstanceUid, v1.sopInstanceUid, 'AB', JSON.stringify(v1), v1.updatedAt);
    expect(listAnnotations(db, '1.2.3.4')).toEqual([{ ...v1, schemaVersion: ANNOTATION_SCHEMA_VERSION, viewPlaneNormal: null, viewUp: null }]);
    deleteLesion(db, lesion.id, 'AB');
    const stored = JSON.parse(db.prepare('SELECT record FROM annotations WHERE id = ?').pluck().get(v1.id) as string) as Annotation;
    expect(stored).toMatchObject({ schemaVersion: 2, lesionId: null, viewPlaneNormal: null, sopInstanceUid: '1.2.3.4.5.6' });
  });

  it('refuses an annotation placed on both an image and a plane, and stores nothing', () => {
    expect(() => saveAnnotation(db, annotation({ viewPlaneNormal: [1, 0, 0], viewUp: [0, 0, 1] }), 'AB')).toThrow(/exactly one/);
    expect(listAnnotations(db, '1.2.3.4')).toEqual([]);
  });

  it('refuses points that are not finite coordinates', () => {
    expect(() => saveAnnotation(db, { ...annotation(), points: [[1, 2, Number.NaN]] }, 'AB')).toThrow();
    expect(() => saveAnnotation(db, { ...annotation(), points: [[1, 2]] }, 'AB')).toThrow();
    expect(listAnnotations(db, '1.2.3.4')).toEqual([]);
  });
});
