import fs from 'node:fs';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createAppCore, type AppCore, coreInternals } from '../../../electron/core/app-core';
import { explainDatabaseError } from '../../../electron/core/db/database-errors';
import { dispatch } from '../../../electron/core/handlers/dispatch';
import { inProcessImportRunner } from '../../../electron/core/importer/import-runners';
import type { Handlers } from '@shared/ipc/contract';
import { AppError } from '@shared/errors';
import { temporaryFolder } from '../../support/paths';

// SQLite failures reach the user as what they mean for their change, through the one dispatch.
let dataDir: string | null = null;
let core: AppCore | null = null;
afterEach(() => {
  core?.close();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  core = null;
  dataDir = null;
});

describe('a database that cannot grow (a full disk, as SQLite sees it)', () => {
  it('refuses the change with io_error saying it was not saved, keeps what was saved, and goes on answering', async () => {
    dataDir = temporaryFolder('db-full');
    core = createAppCore({ dataDir, door: 'cli', version: 'test', roots: [dataDir], importRunner: inProcessImportRunner });
    const handlers = core.handlers as unknown as Handlers;
    expect(await dispatch(handlers, 'pacs.set', { url: 'http://localhost:8042/dicom-web' })).toMatchObject({ ok: true });
    // SQLite's own limit on the file's pages gives the SQLITE_FULL a full disk gives (VACUUM first:
    // free pages inside the file would take the change without growing it).
    coreInternals(core).db.exec('VACUUM');
    coreInternals(core).db.pragma(`max_page_count = ${coreInternals(core).db.pragma('page_count', { simple: true }) as number}`);
    const refused = await dispatch(handlers, 'pacs.set', { url: 'https://pacs.example/dicom-web', authHeader: `Bearer ${'x'.repeat(8000)}` });
    expect(refused).toEqual({ ok: false, error: { code: 'io_error', message: expect.stringMatching(/disk holding the BoneMet database is full, so this could not be written\. Free some space/) } });
    expect(await dispatch(handlers, 'pacs.get', {})).toMatchObject({ ok: true, value: { url: 'http://localhost:8042/dicom-web', authScheme: null } });
  });
});

describe('SQLite errors in words', () => {
  it('maps a foreign key, a unique key and a damaged file from real SQLite failures; leaves other errors alone', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    db.exec('CREATE TABLE lesion (id TEXT PRIMARY KEY); CREATE TABLE drawing (id TEXT PRIMARY KEY, lesion TEXT REFERENCES lesion(id))');
    const failure = (sql: string) => {
      try {
        db.exec(sql);
      } catch (error) {
        return explainDatabaseError(error) as AppError;
      }
      throw new Error(`${sql} did not fail`);
    };
    expect(failure("INSERT INTO drawing VALUES ('d1', 'no-such-lesion')")).toMatchObject({ code: 'not_found', message: expect.stringMatching(/no longer exists/) });
    db.exec("INSERT INTO lesion VALUES ('l1')");
    expect(failure("INSERT INTO lesion VALUES ('l1')")).toMatchObject({ code: 'conflict', message: expect.stringMatching(/UNIQUE constraint failed: lesion\.id\), so it was not saved/) });
    db.close();
    const plain = new Error('not SQLite');
    expect(explainDatabaseError(plain)).toBe(plain);

    const folder = temporaryFolder('db-damaged');
    try {
      const file = `${folder}/not-a-db.sqlite`;
      fs.writeFileSync(file, Buffer.alloc(8192, 0x41));
      const damaged = new Database(file);
      let mapped: unknown = null;
      try {
        damaged.prepare('SELECT * FROM sqlite_master').all();
      } catch (error) {
        mapped = explainDatabaseError(error);
      }
      damaged.close();
      expect(mapped).toMatchObject({ code: 'database_error', message: expect.stringMatching(/damaged \(SQLITE_NOTADB\)\. Restore a backup/) });
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });
});
