import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAppCore, type AppCore, coreInternals } from '../../../electron/core/app-core';
import { workerImportRunner } from '../../../electron/core/importer/import-runners';
import { SHARED_DICOM, temporaryFolder } from '../../support/paths';

let dataDir: string;
let sourceDir: string;
let core: AppCore;

beforeEach(() => {
  dataDir = temporaryFolder('jobs-data');
  sourceDir = temporaryFolder('jobs-source');
  core = createAppCore({ dataDir, door: 'cli', version: 'test', roots: [sourceDir], importRunner: workerImportRunner() });
});
afterEach(() => {
  core.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.rmSync(sourceDir, { recursive: true, force: true });
});

const copy = (relative: string, as = path.basename(relative)) => {
  const target = path.join(sourceDir, as);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.copyFileSync(path.join(SHARED_DICOM, relative), target);
  return target;
};
const importAll = async (paths = [sourceDir]) => {
  const { jobId } = await core.handlers['import.start']({ paths });
  return coreInternals(core).importJobs.wait(jobId);
};

describe('import jobs in a worker thread', () => {
  it('indexes, skips unchanged files, re-reads changed ones and counts duplicates', async () => {
    copy('pydicom/CT_small.dcm');
    copy('pydicom/MR_small.dcm');
    copy('pydicom/CT_small.dcm', 'copy/CT_small_again.dcm');
    fs.writeFileSync(path.join(sourceDir, 'empty.dcm'), '');
    const first = await importAll();
    expect(first.state).toBe('done');
    expect(first.report).toMatchObject({ filesSeen: 4, indexed: 2, duplicates: 1, unchanged: 0, studies: 2, instances: 2 });
    expect(first.report!.reported).toEqual([{ path: path.join(sourceDir, 'empty.dcm'), displayName: path.join(sourceDir, 'empty.dcm'), reason: 'empty file (0 bytes)' }]);

    const second = await importAll();
    expect(second.report).toMatchObject({ filesSeen: 4, indexed: 0, unchanged: 4, studies: 2 });
    expect(second.report!.reported).toHaveLength(1);

    // Replace one file's content: the index follows the file, not the old instance.
    fs.copyFileSync(path.join(SHARED_DICOM, 'pydicom/JPEG2000.dcm'), path.join(sourceDir, 'CT_small.dcm'));
    fs.utimesSync(path.join(sourceDir, 'CT_small.dcm'), new Date(), new Date(Date.now() + 5000));
    const third = await importAll();
    // The CT instance that file held now stands on its duplicate copy, which is read again.
    expect(third.report).toMatchObject({ filesSeen: 4, indexed: 2, unchanged: 2, duplicates: 0 });
    const modalities = (await core.handlers['studies.search']({})).flatMap((s) => s.modalities).sort();
    expect(modalities).toEqual(['CT', 'MR', 'NM']);
    const ctStudy = (await core.handlers['studies.search']({ modality: 'CT' }))[0]!;
    const [ctSeries] = (await core.handlers['studies.get']({ studyInstanceUid: ctStudy.studyInstanceUid })).series;
    const [instance] = await core.handlers['series.instances']({ seriesInstanceUid: ctSeries!.seriesInstanceUid });
    expect(instance!.sopInstanceUid).toBeTruthy();
    expect(coreInternals(core).db.prepare('SELECT file_path FROM instances WHERE id = ?').pluck().get(instance!.id)).toBe(path.join(sourceDir, 'copy', 'CT_small_again.dcm'));
  });

  it('reports progress and the import in the history', async () => {
    copy('pydicom/CT_small.dcm');
    const status = await importAll();
    expect(status.progress).toMatchObject({ filesDone: 1, filesTotal: 1, totalKnown: true });
    const history = await core.handlers['import.history']({});
    expect(history[0]!.report.indexed).toBe(1);
    expect(history[0]!.sources).toEqual([{ path: sourceDir, displayName: sourceDir }]);
  });

  it('stops when cancelled and keeps what it had indexed', async () => {
    const files = 3000;
    for (let i = 0; i < files; i++) copy('pydicom/CT_small.dcm', `many/${String(i).padStart(4, '0')}.dcm`);
    const { jobId } = await core.handlers['import.start']({ paths: [sourceDir] });
    // Cancelled once some files are in, so that there is something it must keep.
    while (coreInternals(core).importJobs.status(jobId).progress.filesDone === 0 && coreInternals(core).importJobs.status(jobId).state === 'running') await new Promise((resolve) => setImmediate(resolve));
    coreInternals(core).importJobs.cancel(jobId);
    const status = await coreInternals(core).importJobs.wait(jobId);
    expect(status.state).toBe('cancelled');
    const kept = status.report!.filesSeen;
    expect(kept).toBeGreaterThan(0);
    expect(kept).toBeLessThan(files);
    const again = await importAll();
    expect(again.state).toBe('done');
    expect(again.report!.filesSeen).toBe(files);
    // What the cancelled run recorded is not read again; the rest is.
    expect(again.report!.unchanged).toBe(kept);
    expect(again.report!.indexed + again.report!.duplicates).toBe(files - kept);
  });

  it('refuses paths outside the import roots before any file is read', async () => {
    await expect(core.handlers['import.start']({ paths: ['/etc'] })).rejects.toThrow(/outside the folders/);
    await expect(core.handlers['import.start']({ paths: [path.join(sourceDir, '..', '..', 'etc')] })).rejects.toThrow(/outside the folders|No such/);
  });

  it('removes a study from the index without touching its files, and a later import finds it again', async () => {
    const file = copy('pydicom/CT_small.dcm');
    await importAll();
    const [study] = await core.handlers['studies.search']({});
    const removed = await core.handlers['studies.remove']({ studyInstanceUid: study!.studyInstanceUid });
    expect(removed.removedInstances).toBe(1);
    expect(fs.existsSync(file)).toBe(true);
    expect(await core.handlers['studies.search']({})).toEqual([]);
    const again = await importAll();
    expect(again.report!.indexed).toBe(1);
  });
});
