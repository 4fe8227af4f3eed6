import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseArguments } from '../../../electron/cli/arguments';
import { lesionsCommand } from '../../../electron/cli/commands/lesion-commands';
import { importMeasurementReport } from '../../../electron/core/export/sr/import-measurement-report';
import { auditTrail } from '../../../electron/core/lesions/audit-log';
import { deleteAnnotation, readAnnotation, saveAnnotation } from '../../../electron/core/lesions/annotation-store';
import { deleteLesion, readLesion, saveLesion } from '../../../electron/core/lesions/lesion-store';
import type { PhantomFixture } from '../export/dicom-export-fixture';
import { srOfPhantom } from '../../support/sr-of-phantom';

// An SR the app wrote, imported after the lesions it holds were edited here: the import must
// not roll the newer edits back unless asked to.
let fixture: PhantomFixture;
let report: string;
beforeAll(async () => {
  ({ fixture, report } = await srOfPhantom());
});
afterAll(() => fixture.cleanup());

/** The error an import throws (undefined when it does not), for its code and message. */
function refusalOf(importing: () => unknown): Error | undefined {
  try {
    importing();
  } catch (error) {
    return error as Error;
  }
  return undefined;
}

const auditRows = () => fixture.db.prepare('SELECT COUNT(*) FROM audit_log').pluck().get() as number;

describe('importing an SR over newer edits', () => {
  it('imports an SR over the unchanged records it came from (nothing newer), as before', () => {
    const restored = importMeasurementReport(fixture.db, report, 'AB');
    expect(restored.lesions.map((l) => l.id)).toEqual(fixture.lesions.map((l) => l.id));
    expect(readLesion(fixture.db, fixture.lesions[0]!.id)).toEqual(fixture.lesions[0]);
  });

  it("refuses with 'conflict', naming them and writing nothing, when a lesion or annotation was saved after the report", () => {
    const [first] = fixture.lesions;
    const edited = saveLesion(fixture.db, { ...readLesion(fixture.db, first!.id)!, note: 'Grew since the SR', updatedAt: '2027-01-01T08:00:00Z' }, 'AB');
    const drawing = fixture.annotations.find((a) => a.lesionId !== first!.id)!;
    const moved = saveAnnotation(fixture.db, { ...readAnnotation(fixture.db, drawing.id)!, text: 'moved', updatedAt: '2027-01-01T08:00:00Z' }, 'AB');
    const rows = auditRows();
    const refusal = refusalOf(() => importMeasurementReport(fixture.db, report, 'AB'));
    expect(refusal).toMatchObject({ code: 'conflict' });
    const message = refusal!.message;
    expect(message).toContain(`lesion ${first!.id} (tracking UID ${first!.trackingUid})`);
    expect(message).toContain(`annotation ${drawing.id}`);
    expect(message).toContain('--replace');
    for (const other of fixture.lesions.slice(1)) expect(message).not.toContain(other.id);
    expect(readLesion(fixture.db, first!.id)).toEqual(edited);
    expect(readAnnotation(fixture.db, drawing.id)).toEqual(moved);
    expect(auditRows()).toBe(rows);
  });

  it('says so from the CLI, and overwrites the newer edits with --replace, audited', async () => {
    const [first] = fixture.lesions;
    const cli = (...argv: string[]) => lesionsCommand(parseArguments(['lesions', 'import-sr', report, ...argv, '--data-dir', fixture.dataDir]));
    await expect(cli()).rejects.toMatchObject({ code: 'conflict' });
    expect(readLesion(fixture.db, first!.id)!.note).toBe('Grew since the SR');
    await cli('--replace');
    expect(readLesion(fixture.db, first!.id)).toEqual(fixture.lesions[0]);
    expect(auditTrail(fixture.db, first!.id).at(-1)).toMatchObject({ action: 'update', reader: 'AB', before: { note: 'Grew since the SR' }, after: fixture.lesions[0] });
  });

  it('refuses to bring back a lesion deleted here after the report, naming it, and brings it back only with --replace', () => {
    const second = fixture.lesions[1]!;
    deleteLesion(fixture.db, second.id, 'AB');
    const rows = auditRows();
    const refusal = refusalOf(() => importMeasurementReport(fixture.db, report, 'AB'));
    expect(refusal).toMatchObject({ code: 'conflict' });
    expect(refusal!.message).toContain(`lesion ${second.id} (tracking UID ${second.trackingUid}), deleted`);
    expect(readLesion(fixture.db, second.id)).toBeNull();
    expect(auditRows()).toBe(rows);
    importMeasurementReport(fixture.db, report, 'AB', { replace: true });
    expect(readLesion(fixture.db, second.id)).toEqual(second);
    expect(auditTrail(fixture.db, second.id).at(-1)).toMatchObject({ action: 'create', reader: 'AB', before: null });
  });

  it("refuses another reader's import over AB's newer edits or deletion as forbidden, --replace or not, naming them and writing nothing", () => {
    const [first, second] = fixture.lesions;
    const edited = saveLesion(fixture.db, { ...readLesion(fixture.db, first!.id)!, note: 'Measured again', updatedAt: '2027-02-01T08:00:00Z' }, 'AB');
    deleteLesion(fixture.db, second!.id, 'AB');
    const rows = auditRows();
    for (const options of [{}, { replace: true }]) {
      const refusal = refusalOf(() => importMeasurementReport(fixture.db, report, 'EF', options));
      // The records are AB's: that decides before any question of which copy is newer.
      expect(refusal).toMatchObject({ code: 'forbidden' });
      expect(refusal!.message).toContain(`lesion ${first!.id}`);
      expect(refusal!.message).toContain(`lesion ${second!.id}`);
    }
    expect(readLesion(fixture.db, first!.id)).toEqual(edited);
    expect(readLesion(fixture.db, second!.id)).toBeNull();
    expect(auditRows()).toBe(rows);
  });

  it('names an annotation deleted here after the report among what the import would bring back', () => {
    const drawing = fixture.annotations.find((a) => readAnnotation(fixture.db, a.id) !== null)!;
    deleteAnnotation(fixture.db, drawing.id, 'AB');
    expect(() => importMeasurementReport(fixture.db, report, 'AB')).toThrow(expect.objectContaining({ code: 'conflict', message: expect.stringContaining(`annotation ${drawing.id}, deleted here`) }));
    expect(readAnnotation(fixture.db, drawing.id)).toBeNull();
  });
});
