import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportReport } from '@shared/import/import-job';
import { bundleChildScript } from '../../support/child-script';
import { SHARED_DICOM, temporaryFolder } from '../../support/paths';

// Files and folders the importing account may not read (chmod 000). Root reads everything, so
// under root the import runs as 'nobody' (setpriv); under any other account, as that account.

const NOBODY = 65534;
const asRoot = process.getuid?.() === 0;
let work: string;
let importer: string;

beforeAll(async () => {
  work = temporaryFolder('unreadable');
  fs.chmodSync(work, 0o777); // the other account writes its data folder here
  importer = await bundleChildScript('tests/support/import-in-process.ts', work);
});
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

function importAsAnotherAccount(dataDir: string, source: string): ImportReport {
  const command = asRoot
    ? ['setpriv', [`--reuid=${NOBODY}`, `--regid=${NOBODY}`, '--clear-groups', process.execPath, importer, dataDir, source]] as const
    : [process.execPath, [importer, dataDir, source]] as const;
  const run = spawnSync(command[0], command[1], { cwd: work, encoding: 'utf8', env: { ...process.env, HOME: work } });
  if (run.status !== 0) throw new Error(`importer exited ${run.status}: ${run.stderr}`);
  return JSON.parse(run.stdout) as ImportReport;
}

describe('files and folders the importing account cannot read', () => {
  it('are reported with what to do, and imported once readable', (context) => {
    if (asRoot && spawnSync('setpriv', ['--version']).status !== 0) context.skip('running as root without setpriv: no account here is refused a read');
    const source = path.join(work, 'source');
    fs.mkdirSync(path.join(source, 'locked-folder'), { recursive: true });
    fs.copyFileSync(path.join(SHARED_DICOM, 'pydicom/CT_small.dcm'), path.join(source, 'locked.dcm'));
    fs.copyFileSync(path.join(SHARED_DICOM, 'pydicom/MR_small.dcm'), path.join(source, 'open.dcm'));
    fs.copyFileSync(path.join(SHARED_DICOM, 'pydicom/reportsi.dcm'), path.join(source, 'locked-folder', 'inside.dcm'));
    fs.chmodSync(path.join(source, 'locked.dcm'), 0o000);
    fs.chmodSync(path.join(source, 'locked-folder'), 0o000);
    const dataDir = path.join(work, 'data');

    const first = importAsAnotherAccount(dataDir, source);
    expect(first.indexed).toBe(1);
    // Was: "could not be read: EACCES" and "folder could not be read: EACCES".
    expect(first.reported.map((file) => [path.basename(file.path), file.reason]).sort()).toEqual([
      ['locked-folder', 'folder could not be read: permission denied (EACCES): give your account read access to it, then import again'],
      ['locked.dcm', 'could not be read: permission denied (EACCES): give your account read access to it, then import again'],
    ]);

    fs.chmodSync(path.join(source, 'locked.dcm'), 0o644);
    fs.chmodSync(path.join(source, 'locked-folder'), 0o755);
    const second = importAsAnotherAccount(dataDir, source);
    expect(second).toMatchObject({ indexed: 2, unchanged: 1, reported: [] });
  });
});
