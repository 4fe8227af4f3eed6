import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAppCore, type AppCore, coreInternals } from '../../../electron/core/app-core';
import { importDisplayNames, storeUploadedFile, uploadBatchDir } from '../../../electron/core/files/upload-batch';
import { inProcessImportRunner } from '../../../electron/core/importer/import-runners';
import { SHARED_DICOM, temporaryFolder } from '../../support/paths';

// The core names each import source and each file it did not index for the user; the renderer
// shows those names and no longer reads the host's upload layout (<dataDir>/uploads/<uuid>/).
let dataDir: string;
let sourceDir: string;
let core: AppCore;

beforeEach(() => {
  dataDir = temporaryFolder('names-data');
  sourceDir = temporaryFolder('names-source');
  core = createAppCore({ dataDir, door: 'browser', version: 'test', roots: [sourceDir], importRunner: inProcessImportRunner });
});
afterEach(() => {
  core.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.rmSync(sourceDir, { recursive: true, force: true });
});

const drop = async (batchId: string, name: string, content: Buffer | string) =>
  (await storeUploadedFile(dataDir, batchId, name, Readable.from([Buffer.from(content)]), 1 << 20)).path;

describe('imports name their sources and files for the user', () => {
  it('names dropped files by their own names and their batch "uploaded files", live and in the history', async () => {
    const batchId = randomUUID();
    await drop(batchId, 'CT_small.dcm', fs.readFileSync(path.join(SHARED_DICOM, 'pydicom/CT_small.dcm')));
    const notes = await drop(batchId, 'scan notes.txt', 'written by hand, not DICOM');
    const { jobId } = await core.handlers['import.start']({ uploadBatchId: batchId });
    const status = await coreInternals(core).importJobs.wait(jobId);
    expect(status.report).toMatchObject({ indexed: 1 });
    // Stored under a sanitised name: the name shown is the one in the batch.
    expect(status.report!.reported).toEqual([{ path: notes, displayName: 'scan_notes.txt', reason: expect.stringMatching(/not DICOM/) }]);

    const [run] = await core.handlers['import.history']({});
    expect(run!.sources).toEqual([{ path: uploadBatchDir(dataDir, batchId), displayName: 'uploaded files' }]);
    expect(run!.report.reported.map((file) => file.displayName)).toEqual(['scan_notes.txt']);
  });

  it('names files and folders a user picked by their paths', async () => {
    const junk = path.join(sourceDir, 'uploads', randomUUID(), 'readme.txt');
    fs.mkdirSync(path.dirname(junk), { recursive: true });
    fs.writeFileSync(junk, 'not DICOM either');
    const { jobId } = await core.handlers['import.start']({ paths: [sourceDir] });
    const status = await coreInternals(core).importJobs.wait(jobId);
    // A folder of the user's that happens to look like the host's layout is not an upload.
    expect(status.report!.reported).toEqual([{ path: junk, displayName: junk, reason: expect.any(String) }]);
    const [run] = await core.handlers['import.history']({});
    expect(run!.sources).toEqual([{ path: sourceDir, displayName: sourceDir }]);
  });

  it('names the files of reports stored before they carried names, when the history is read', async () => {
    const batch = uploadBatchDir(dataDir, randomUUID());
    const oldReport = {
      filesSeen: 3, indexed: 0, unchanged: 0, duplicates: 0, dicomdirs: 0,
      reported: [
        { path: path.join(batch, 'scan.txt'), reason: 'text document, not DICOM' },
        { path: '/data/ct/README.txt', reason: 'text document, not DICOM' },
        { path: path.join(dataDir, 'uploads', 'not-a-batch', 'x.dcm'), reason: 'empty file (0 bytes)' },
      ],
      patients: 0, studies: 0, series: 0, instances: 0, seconds: 0.1,
    };
    coreInternals(core).db
      .prepare('INSERT INTO import_runs (started_at, sources, report) VALUES (?, ?, ?)')
      .run('2025-11-02T10:20:00.000Z', JSON.stringify([batch, '/data/ct']), JSON.stringify(oldReport));

    const [run] = await core.handlers['import.history']({});
    expect(run!.sources.map((source) => source.displayName)).toEqual(['uploaded files', '/data/ct']);
    expect(run!.report.reported.map((file) => file.displayName)).toEqual(['scan.txt', '/data/ct/README.txt', path.join(dataDir, 'uploads', 'not-a-batch', 'x.dcm')]);
    expect(run!.report.duplicateFiles).toEqual([]);
  });

  it('knows an upload through a data folder reached by a symbolic link', () => {
    const link = `${dataDir}-link`;
    fs.symlinkSync(dataDir, link);
    try {
      const batchId = randomUUID();
      const nameOf = importDisplayNames(link);
      // The import records real paths: the file lies under the real data folder.
      expect(nameOf(path.join(fs.realpathSync(dataDir), 'uploads', batchId, 'a.dcm'))).toBe('a.dcm');
      expect(nameOf(path.join(link, 'uploads', batchId))).toBe('uploaded files');
      expect(nameOf(path.join(link, 'uploads'))).toBe(path.join(link, 'uploads'));
      expect(nameOf(path.join(link, 'bonemet.sqlite'))).toBe(path.join(link, 'bonemet.sqlite'));
    } finally {
      fs.rmSync(link);
    }
  });
});
