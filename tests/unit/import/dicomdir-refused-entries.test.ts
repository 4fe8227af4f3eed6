import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/core/db/open-database';
import { runImport } from '../../../electron/core/importer/run-import';
import { SHARED_DICOM, temporaryFolder } from '../../support/paths';

// A DICOMDIR imported on its own (the user picks it on a disc): every file it lists is either
// imported or reported with a reason, including the entries the importer refuses to follow.

let root: string;
let dataDir: string;
let db: Database.Database;

beforeEach(() => {
  root = fs.realpathSync(temporaryFolder('dicomdir-refused'));
  dataDir = temporaryFolder('dicomdir-refused-data');
  db = openDatabase(dataDir);
});
afterEach(() => {
  db.close();
  for (const folder of [root, dataDir]) fs.rmSync(folder, { recursive: true, force: true });
});

/** Overwrites one Referenced File ID of a DICOMDIR with another of the same length (padding included). */
function replaceFileId(dicomdir: string, from: string, to: string): void {
  expect(to.length).toBe(from.length);
  const bytes = fs.readFileSync(dicomdir);
  const at = bytes.indexOf(Buffer.from(from, 'latin1'));
  expect(at).toBeGreaterThan(0);
  expect(bytes.indexOf(Buffer.from(from, 'latin1'), at + 1)).toBe(-1);
  bytes.write(to, at, 'latin1');
  fs.writeFileSync(dicomdir, bytes);
}

describe('a DICOMDIR whose entries are refused', () => {
  it('reports an entry leading out of its folder and an entry that is not a File ID, naming each', async () => {
    const set = path.join(root, 'set');
    fs.cpSync(path.join(SHARED_DICOM, 'pydicom', 'dicomdirtests'), set, { recursive: true });
    fs.chmodSync(path.join(set, 'DICOMDIR'), 0o644);
    const dicomdir = path.join(set, 'DICOMDIR');
    replaceFileId(dicomdir, '77654033\\CR1\\6154 ', '..\\..\\OUTSIDE\\IM1 ');
    replaceFileId(dicomdir, '77654033\\CT2\\17106', '77654033\\CT2\\A B C');

    const report = await runImport(db, [dicomdir]);
    const reasons = report.reported.map((file) => `${file.path}: ${file.reason}`);
    // Was: neither entry appeared anywhere in the report; the import just held two files fewer.
    expect(reasons).toContain(
      `${set}/..\\..\\OUTSIDE\\IM1: listed in the DICOMDIR ${dicomdir} as "..\\..\\OUTSIDE\\IM1", which would lead out of the DICOMDIR's folder ${set}: not followed (import that file or its folder itself)`,
    );
    expect(reasons).toContain(
      `${set}/77654033\\CT2\\A B C: listed in the DICOMDIR ${dicomdir} as "77654033\\CT2\\A B C", which is not a valid File ID (PS3.10 8.2: letters, digits and underscores, separated by backslashes): not followed (import the DICOMDIR's folder to read every file in it)`,
    );
    expect(reasons).toHaveLength(2);
    // The other entries were followed as before.
    expect(report.dicomdirs).toBe(1);
    expect(report.indexed).toBeGreaterThan(10);
  });
});
