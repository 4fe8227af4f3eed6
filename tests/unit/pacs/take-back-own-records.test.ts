import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAnnotation } from '../../../electron/core/lesions/annotation-store';
import { auditTrail } from '../../../electron/core/lesions/audit-log';
import { deleteLesion, readLesion, saveLesion } from '../../../electron/core/lesions/lesion-store';
import { takeBackOwnRecords } from '../../../electron/core/pacs/take-back-own-records';
import { phantomFixture, type PhantomFixture } from '../export/dicom-export-fixture';

// The rules by which a restored database takes back its reader's records from a newer version of
// their findings on the PACS, on a real database: what the PACS holds newer comes back, what was
// saved or deleted here after the PACS's copy stays as it is here (a deletion stays a deletion).
let fixture: PhantomFixture;
beforeAll(async () => {
  fixture = await phantomFixture();
});
afterAll(() => fixture.cleanup());

/** A copy on the PACS: made after the fixture's records, before anything done here in this test. */
const ON_PACS_AT = '2026-06-01T12:00:00.000Z';

describe('taking back own records from the PACS after a restore', () => {
  it('takes back what the PACS holds newer, audited, and leaves what was changed or deleted here after its copy', () => {
    const [first, second] = fixture.lesions;
    const db = fixture.db;
    // Here after the restore: the first lesion deleted, the second edited (both after the PACS's copy was made).
    deleteLesion(db, first!.id, 'AB');
    const editedHere = saveLesion(db, { ...readLesion(db, second!.id)!, note: 'edited after the restore', updatedAt: new Date().toISOString() }, 'AB');
    // A third lesion, recorded after the backup: on the PACS only, with a drawing.
    const third = { ...second!, id: 'b0000000-0000-4000-8000-0000000000f3', trackingUid: '2.25.333', status: 'final' as const, note: 'urgent, after the backup', attachedAnnotationIds: ['a0000000-0000-4000-8000-0000000000f3'], createdAt: ON_PACS_AT, updatedAt: ON_PACS_AT };
    const thirdDrawing = { ...fixture.annotations[5]!, id: 'a0000000-0000-4000-8000-0000000000f3', lesionId: third.id, createdAt: ON_PACS_AT, updatedAt: ON_PACS_AT };
    const firstDrawing = fixture.annotations.find((a) => a.lesionId === first!.id)!;
    const held = {
      lesions: [{ ...first!, note: 'on the PACS', updatedAt: ON_PACS_AT }, { ...second!, status: 'final' as const, updatedAt: ON_PACS_AT }, third],
      annotations: [{ ...firstDrawing, text: 'moved on the PACS', updatedAt: ON_PACS_AT }, thirdDrawing],
    };

    const taken = db.transaction(() => takeBackOwnRecords(db, held, 'AB'))();

    expect(taken).toMatchObject({ lesions: 1, annotations: 1 });
    expect(readLesion(db, third.id)).toMatchObject({ id: third.id, reader: 'AB', status: 'final', note: 'urgent, after the backup' });
    expect(readAnnotation(db, thirdDrawing.id)).toMatchObject({ lesionId: third.id, reader: 'AB' });
    expect(auditTrail(db, third.id).at(-1)).toMatchObject({ action: 'create', reader: 'AB' });
    // Deleted here after the PACS's copy: still deleted, and its drawing is not moved back either.
    expect(readLesion(db, first!.id)).toBeNull();
    expect(readAnnotation(db, firstDrawing.id)?.text).not.toBe('moved on the PACS');
    // Edited here after the PACS's copy: the edit stays.
    expect(readLesion(db, second!.id)).toEqual(editedHere);
    expect(taken.left).toHaveLength(2);
    expect(taken.left.find((line) => line.includes(first!.id))).toContain('deleted here at');
    expect(taken.left.find((line) => line.includes(second!.id))).toContain('changed or deleted here after the PACS');
  });

  it('names and leaves a record the store refuses, and still takes back the others', () => {
    const db = fixture.db;
    const here = readLesion(db, fixture.lesions[1]!.id)!;
    const fourth = { ...here, id: 'b0000000-0000-4000-8000-0000000000f4', trackingUid: '2.25.444', attachedAnnotationIds: [], createdAt: ON_PACS_AT, updatedAt: ON_PACS_AT };
    // The PACS's copy of the lesion here names another tracking UID, which a lesion keeps for life.
    const renamed = { ...here, trackingUid: '2.25.999', updatedAt: '2020-01-01T00:00:00.000Z' };
    const olderHere = saveLesion(db, { ...here, updatedAt: '2019-01-01T00:00:00.000Z' }, 'AB');
    const taken = db.transaction(() => takeBackOwnRecords(db, { lesions: [renamed, fourth], annotations: [] }, 'AB'))();
    expect(taken.lesions).toBe(1);
    expect(readLesion(db, fourth.id)).toMatchObject({ id: fourth.id, reader: 'AB' });
    expect(readLesion(db, here.id)).toEqual(olderHere);
    expect(taken.left).toEqual([expect.stringContaining(`lesion ${here.id} (tracking UID 2.25.999) could not be stored here (A lesion keeps its tracking UID for life`)]);
  });

  it('writes nothing for records the PACS holds as they are here', () => {
    const third = readLesion(fixture.db, 'b0000000-0000-4000-8000-0000000000f3')!;
    const rows = fixture.db.prepare('SELECT COUNT(*) FROM audit_log').pluck().get();
    const taken = fixture.db.transaction(() => takeBackOwnRecords(fixture.db, { lesions: [third], annotations: [] }, 'AB'))();
    expect(taken).toEqual({ lesions: 0, annotations: 0, left: [] });
    expect(fixture.db.prepare('SELECT COUNT(*) FROM audit_log').pluck().get()).toBe(rows);
  });
});
