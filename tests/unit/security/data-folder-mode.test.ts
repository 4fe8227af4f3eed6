import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createAppCore } from '../../../electron/core/app-core';
import { inProcessImportRunner } from '../../../electron/core/importer/import-runners';
import { startHost } from '../../../electron/host/host-server';
import { temporaryFolder } from '../../support/paths';

// The data folder holds patient names and IDs, every lesion, the audit log with the system accounts,
// dropped DICOM files and the PACS cache. Other accounts of the machine must not read it.
const work = temporaryFolder('data-folder-mode');
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

describe('a data folder the app creates', () => {
  it('is open to this account only, whatever the umask, and so are the database and dropped files in it', async () => {
    const previous = process.umask(0o022);
    const dataDir = path.join(work, 'new', 'BoneMet Review');
    const core = createAppCore({ dataDir, door: 'browser', version: 'test', roots: [work], importRunner: inProcessImportRunner });
    const host = await startHost({ core, dataDir, rendererDir: work });
    try {
      const batch = '5a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
      const dropped = await fetch(`http://127.0.0.1:${host.port}/uploads/${batch}?name=a.dcm`, { method: 'POST', headers: { authorization: `Bearer ${host.token}` }, body: 'x' });
      expect(dropped.status).toBe(200);
      expect((fs.statSync(dataDir).mode & 0o777).toString(8)).toBe('700');
      // What sits inside is reached only through the folder.
      expect(fs.existsSync(path.join(dataDir, 'bonemet.sqlite'))).toBe(true);
      expect(fs.existsSync(path.join(dataDir, 'uploads', batch, 'a.dcm'))).toBe(true);
    } finally {
      await host.close();
      core.close();
      process.umask(previous);
    }
  });

  it('that already exists keeps the permissions its owner gave it (a team folder shared on purpose)', () => {
    const shared = path.join(work, 'shared');
    fs.mkdirSync(shared, { mode: 0o770 });
    fs.chmodSync(shared, 0o770);
    const core = createAppCore({ dataDir: shared, door: 'browser', version: 'test', roots: [work], importRunner: inProcessImportRunner });
    core.close();
    expect((fs.statSync(shared).mode & 0o777).toString(8)).toBe('770');
  });
});

describe('a data folder path that names something other than a folder', () => {
  it('is refused with a typed error that names it and says what to do', () => {
    const file = path.join(work, 'a-file');
    fs.writeFileSync(file, 'not a folder');
    expect(() => createAppCore({ dataDir: file, door: 'browser', version: 'test', roots: [work], importRunner: inProcessImportRunner })).toThrow(
      expect.objectContaining({ name: 'AppError', code: 'invalid_request', message: `The data folder ${file} is a file, not a folder: choose another with --data-dir or BONEMET_DATA_DIR.` }),
    );
    expect(() => createAppCore({ dataDir: path.join(file, 'inside'), door: 'browser', version: 'test', roots: [work], importRunner: inProcessImportRunner })).toThrow(
      expect.objectContaining({ code: 'invalid_request', message: `The data folder ${path.join(file, 'inside')} lies under a file, not a folder: choose another with --data-dir or BONEMET_DATA_DIR.` }),
    );
    expect(fs.readFileSync(file, 'utf8')).toBe('not a folder');
  });
});
