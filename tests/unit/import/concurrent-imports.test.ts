import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppCore, coreInternals, type AppCore } from '../../../electron/core/app-core';
import { workerImportRunner } from '../../../electron/core/importer/import-runners';
import { mapDicomLayout } from '../../support/dicom-layout';
import { SHARED_DICOM, temporaryFolder } from '../../support/paths';
import { withOwnInstanceUid } from '../fuzz/dicom-mutations';

// Two imports into one data folder at the same time, as the app and a CLI import run them: two
// cores, each import job on its worker thread with its own connection and header readers. Both
// must finish, and the index hold both.

const FILES_PER_FOLDER = 1500;
let work: string;
let dataDir: string;

beforeAll(() => {
  work = temporaryFolder('concurrent-imports');
  dataDir = path.join(work, 'data');
  // Small instances, each with its own SOP Instance UID, so that both imports write all the time.
  const name = 'pydicom/MR_small.dcm';
  const bytes = new Uint8Array(fs.readFileSync(path.join(SHARED_DICOM, name)));
  const source = { name, bytes, layout: mapDicomLayout(bytes) };
  for (const [folder, first] of [['a', 0], ['b', FILES_PER_FOLDER]] as const) {
    fs.mkdirSync(path.join(work, folder));
    for (let n = 0; n < FILES_PER_FOLDER; n++) fs.writeFileSync(path.join(work, folder, `${n}.dcm`), withOwnInstanceUid(source, first + n).bytes);
  }
}, 60_000);
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

describe('two imports into one data folder at once', () => {
  it('both finish, and the index holds every file of both', async () => {
    const cores: AppCore[] = ['app', 'cli'].map(() => createAppCore({ dataDir, door: 'cli', version: 'test', roots: [work], importRunner: workerImportRunner() }));
    try {
      const jobs = await Promise.all(cores.map((core, i) => core.handlers['import.start']({ paths: [path.join(work, i === 0 ? 'a' : 'b')] })));
      const finished = await Promise.all(jobs.map(({ jobId }, i) => coreInternals(cores[i]!).importJobs.wait(jobId)));
      // Was: one of them 'failed': "The BoneMet database is busy with another process (an import, or the CLI). Try again in a moment."
      expect(finished.map((status) => [status.state, status.error, status.report?.indexed, status.report?.reported.length])).toEqual([
        ['done', null, FILES_PER_FOLDER, 0],
        ['done', null, FILES_PER_FOLDER, 0],
      ]);
      const db = coreInternals(cores[0]!).db;
      expect(db.prepare('SELECT count(*) FROM instances').pluck().get()).toBe(2 * FILES_PER_FOLDER);
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      for (const core of cores) core.close();
    }
  }, 120_000);
});
