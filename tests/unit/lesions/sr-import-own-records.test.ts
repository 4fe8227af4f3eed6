import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importMeasurementReport } from '../../../electron/core/export/sr/import-measurement-report';
import { readAnnotation } from '../../../electron/core/lesions/annotation-store';
import { deleteLesion, readLesion } from '../../../electron/core/lesions/lesion-store';
import { editMeasurementReport } from '../../support/edit-measurement-report';
import { REPO_ROOT } from '../../support/paths';
import type { PhantomFixture } from '../export/dicom-export-fixture';
import { srOfPhantom } from '../../support/sr-of-phantom';

// `lesions import-sr` restores the importing reader's own records only. A report is a file anyone
// can edit, timestamps included: whoever a stored, deleted or reported record belongs to, another
// reader's import of it is refused as forbidden, naming the records, and writes nothing.
let fixture: PhantomFixture;
let report: string;
const FUTURE = '2099-01-01T00:00:00.000Z';
beforeAll(async () => {
  ({ fixture, report } = await srOfPhantom());
});
afterAll(() => fixture.cleanup());

function refusalOf(importing: () => unknown): Error & { code?: string } {
  try {
    importing();
  } catch (error) {
    return error as Error & { code?: string };
  }
  throw new Error('the import was not refused');
}

const auditRows = () => fixture.db.prepare('SELECT COUNT(*) FROM audit_log').pluck().get() as number;
const storedRecords = () => ({ lesions: fixture.lesions.map((l) => readLesion(fixture.db, l.id)), annotations: fixture.annotations.map((a) => readAnnotation(fixture.db, a.id)) });

/** The real CLI on the fixture's data folder. */
const cli = (...args: string[]) => spawnSync(process.execPath, [path.join(REPO_ROOT, 'electron/cli/launch.mjs'), ...args, '--data-dir', fixture.dataDir], { encoding: 'utf8' });

describe("importing an SR holding another reader's records", () => {
  it("refuses another reader's import of an unedited report as forbidden, naming every record, and writes nothing", () => {
    const before = storedRecords();
    const rows = auditRows();
    const refusal = refusalOf(() => importMeasurementReport(fixture.db, report, 'EF'));
    expect(refusal.code).toBe('forbidden');
    for (const lesion of fixture.lesions) expect(refusal.message).toContain(`lesion ${lesion.id} (tracking UID ${lesion.trackingUid}, AB's)`);
    for (const annotation of fixture.annotations) expect(refusal.message).toContain(`annotation ${annotation.id} (AB's)`);
    expect(storedRecords()).toEqual(before);
    expect(auditRows()).toBe(rows);
  });

  it('refuses a report edited to change them with later timestamps, with or without --replace', () => {
    const edited = path.join(fixture.dataDir, 'edited-note.dcm');
    editMeasurementReport(report, edited, { note: 'Rewritten by EF', updatedAt: FUTURE });
    const before = storedRecords();
    const rows = auditRows();
    for (const replace of [false, true]) {
      const refusal = refusalOf(() => importMeasurementReport(fixture.db, edited, 'EF', { replace }));
      expect(refusal.code).toBe('forbidden');
      expect(refusal.message).toContain(`lesion ${fixture.lesions[0]!.id}`);
    }
    expect(storedRecords()).toEqual(before);
    expect(readLesion(fixture.db, fixture.lesions[0]!.id)!.note).toBe(fixture.lesions[0]!.note);
    expect(auditRows()).toBe(rows);
  });

  it('refuses, from the CLI, a report edited to name the importing reader on records stored here as another reader\'s', () => {
    const relabelled = path.join(fixture.dataDir, 'relabelled.dcm');
    editMeasurementReport(report, relabelled, { reader: 'EF', note: 'Now EF\'s', updatedAt: FUTURE });
    const before = storedRecords();
    const rows = auditRows();
    expect(cli('reader', 'set', 'EF', 'Eva', 'Fors').status).toBe(0);
    const result = cli('lesions', 'import-sr', relabelled, '--replace');
    expect(result.status, result.stderr).toBe(1);
    expect(result.stderr).toMatch(/Nothing imported/);
    for (const lesion of fixture.lesions) expect(result.stderr).toContain(`lesion ${lesion.id} (tracking UID ${lesion.trackingUid}, AB's)`);
    expect(storedRecords()).toEqual(before);
    expect(auditRows()).toBe(rows + 1); // the sign-in as EF, nothing of the import
  });

  it('refuses a report that would bring back a lesion another reader deleted, even relabelled and dated later', () => {
    const second = fixture.lesions[1]!;
    deleteLesion(fixture.db, second.id, 'AB');
    const relabelled = path.join(fixture.dataDir, 'relabelled-after-delete.dcm');
    editMeasurementReport(report, relabelled, { reader: 'EF', updatedAt: FUTURE });
    const rows = auditRows();
    const refusal = refusalOf(() => importMeasurementReport(fixture.db, relabelled, 'EF', { replace: true }));
    expect(refusal.code).toBe('forbidden');
    expect(refusal.message).toContain(`lesion ${second.id} (tracking UID ${second.trackingUid}, AB's, deleted here)`);
    expect(readLesion(fixture.db, second.id)).toBeNull();
    expect(auditRows()).toBe(rows);
  });

  it("still restores the importing reader's own report", () => {
    importMeasurementReport(fixture.db, report, 'AB', { replace: true });
    expect(readLesion(fixture.db, fixture.lesions[1]!.id)).toEqual(fixture.lesions[1]);
  });
});
