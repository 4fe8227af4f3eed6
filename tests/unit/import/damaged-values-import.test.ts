import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contract } from '@shared/ipc/contract';
import { openDatabase } from '../../../electron/core/db/open-database';
import { runImport } from '../../../electron/core/importer/run-import';
import { getStudy, searchStudies } from '../../../electron/core/index/study-queries';
import { mapDicomLayout } from '../../support/dicom-layout';
import { SHARED_DICOM, temporaryFolder } from '../../support/paths';
import { replaceValue } from '../fuzz/dicom-mutations';

// Regressions found by tests/unit/fuzz/import-fuzz.test.ts: one file's corrupt values must cost
// that file at most, never the import or the study list.

let dataDir: string;
let sourceDir: string;
let db: Database.Database;
beforeEach(() => {
  dataDir = temporaryFolder('damaged-values-data');
  sourceDir = fs.realpathSync(temporaryFolder('damaged-values-source')); // canonical, as an import stores paths
  db = openDatabase(dataDir);
});
afterEach(() => {
  db.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.rmSync(sourceDir, { recursive: true, force: true });
});

/** A copy of MR_small with a SOP Instance UID of its own and the given top-level values, written to the source folder. */
let serial = 0;
const damagedCopy = (name: string, values: Record<string, string>) => {
  const bytes = new Uint8Array(fs.readFileSync(path.join(SHARED_DICOM, 'pydicom/MR_small.dcm')));
  const layout = mapDicomLayout(bytes);
  const edits = { x00080018: `1.2.826.0.1.3680043.8.498.${++serial}`, ...values };
  // Last element first, so that the offsets of the others do not move.
  const targets = layout.elements.filter((e) => e.depth === 0 && e.tag in edits).sort((a, b) => b.dataOffset - a.dataOffset);
  const damaged = targets.reduce<Uint8Array>((out, element) => replaceValue(out, element, edits[element.tag as keyof typeof edits]!), bytes);
  fs.writeFileSync(path.join(sourceDir, name), damaged);
};

describe('importing files with values out of range', () => {
  it('finishes and indexes a file whose Instance or Series Number is out of range', async () => {
    fs.copyFileSync(path.join(SHARED_DICOM, 'pydicom/MR_small.dcm'), path.join(sourceDir, 'a-good.dcm'));
    damagedCopy('b-huge-instance-number.dcm', { x00200013: '99999999999999999999' });
    damagedCopy('c-huge-series-number.dcm', { x00200011: '18446744073709551616' });
    // Was: the whole import threw "cannot store REAL value in INTEGER column" (the index's tables are STRICT).
    const report = await runImport(db, [sourceDir]);
    expect(report).toMatchObject({ filesSeen: 3, indexed: 3, reported: [] });
    const numbers = db.prepare('SELECT instance_number FROM instances ORDER BY file_path').pluck().all();
    expect(numbers).toEqual([expect.any(Number), null, expect.any(Number)]);
  });

  it('reports a file with a corrupt Study Instance UID, and the study list stays within the contract', async () => {
    fs.copyFileSync(path.join(SHARED_DICOM, 'pydicom/MR_small.dcm'), path.join(sourceDir, 'a-good.dcm'));
    damagedCopy('b-corrupt-study-uid.dcm', { x0020000d: '1.2.840.1136\u00b6.1' });
    const report = await runImport(db, [sourceDir]);
    expect(report.indexed).toBe(1);
    expect(report.reported).toEqual([
      { path: path.join(sourceDir, 'b-corrupt-study-uid.dcm'), displayName: path.join(sourceDir, 'b-corrupt-study-uid.dcm'), reason: 'Study Instance UID (0020,000D) is not a valid DICOM UID ("1.2.840.1136\u00b6.1"): the header is corrupt' },
    ]);
    // Was: indexed, so studies.search answered a UID the renderer refuses, and the whole list failed to load.
    const studies = searchStudies(db, {});
    expect(contract['studies.search'].response.safeParse(studies).success).toBe(true);
    for (const study of studies) expect(contract['studies.get'].response.safeParse(getStudy(db, study.studyInstanceUid)).success).toBe(true);
  });
});
