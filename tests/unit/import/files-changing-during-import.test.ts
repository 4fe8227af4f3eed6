import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/core/db/open-database';
import { runImport } from '../../../electron/core/importer/run-import';
import { SHARED_DICOM, temporaryFolder } from '../../support/paths';

// Files that vanish or change between the walk that finds them and the reader that opens them,
// as when a disc is ejected or a copy still runs while the import does.

let source: string;
let dataDir: string;
let db: Database.Database;

beforeEach(() => {
  source = fs.realpathSync(temporaryFolder('changing-source'));
  dataDir = temporaryFolder('changing-data');
  db = openDatabase(dataDir);
});
afterEach(() => {
  db.close();
  for (const folder of [source, dataDir]) fs.rmSync(folder, { recursive: true, force: true });
});

const CT = path.join(SHARED_DICOM, 'ct-series-lidc-idri-0314-chest');

describe('files that vanish while the import runs', () => {
  it('are reported as moved or deleted, whether the walk or the header reader met the gap, and indexed by the next import once back', async () => {
    const names = fs.readdirSync(CT).filter((name) => name.endsWith('.dcm')).sort().slice(0, 3);
    for (const name of names) fs.copyFileSync(path.join(CT, name), path.join(source, name));
    const away = path.join(dataDir, 'away');
    // The first file found that must be read starts the header readers: by then the walk has measured
    // it, and maybe others (the folder's listing order decides). All go then; the walk meets the rest gone.
    const report = await runImport(db, [source], { willScan: () => fs.renameSync(source, away) });
    expect(report.indexed).toBe(0);
    // Was: "could not be read: ENOENT" (from the header reader) and a bare "not found" (from the walk).
    expect(report.reported.map((file) => [path.basename(file.path), file.reason]).sort()).toEqual(
      names.map((name) => [name, 'the file was moved or deleted while the import ran: import its folder again once it is back']),
    );

    fs.renameSync(away, source);
    const again = await runImport(db, [source]);
    expect(again).toMatchObject({ indexed: 3, reported: [] });
  });
});
