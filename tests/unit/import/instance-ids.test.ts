import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createAppCore, coreInternals, type AppCore } from '../../../electron/core/app-core';
import { workerImportRunner } from '../../../electron/core/importer/import-runners';
import { openIndexedFile } from '../../../electron/core/index/indexed-file';
import { cacheRoot, cachedStudyFolder } from '../../../electron/core/pacs/cache/cache-folder';
import { removeCachedStudy } from '../../../electron/core/pacs/cache/evict-cache';
import { readStowFile } from '../../../electron/core/pacs/dicomweb/stow-rs';
import { SHARED_DICOM, temporaryFolder } from '../../support/paths';

// An instance's id is its image's name in the viewer (/instances/<id>, dicom://instance/<id>), and
// the viewer keeps an image it loaded under that name for as long as the page lives. An id once
// given must never name another instance: the page would show the earlier image, another
// patient's perhaps, under the new one.

const folders: string[] = [];
const cores: AppCore[] = [];
afterEach(() => {
  for (const core of cores.splice(0)) core.close();
  for (const folder of folders.splice(0)) fs.rmSync(folder, { recursive: true, force: true });
});

async function importInto(core: AppCore, target: string): Promise<void> {
  const { jobId } = await core.handlers['import.start']({ paths: [target] });
  await coreInternals(core).importJobs.wait(jobId);
}

/** Every instance's id, by SOP Instance UID. */
function idsBySop(core: AppCore): Map<string, number> {
  const rows = coreInternals(core).db.prepare('SELECT id, sop_instance_uid AS sop FROM instances').all() as { id: number; sop: string }[];
  return new Map(rows.map((row) => [row.sop, row.id]));
}

describe('instance ids', () => {
  it('a file replaced by another instance: the new instance gets an id never given before, and the old id names nothing', async () => {
    const dataDir = temporaryFolder('instance-ids-data');
    const studyFolder = fs.realpathSync(temporaryFolder('instance-ids-study'));
    folders.push(dataDir, studyFolder);
    const core = createAppCore({ dataDir, door: 'browser', version: 'test', roots: [studyFolder], importRunner: workerImportRunner() });
    cores.push(core);
    const file = path.join(studyFolder, 'image.dcm');
    fs.copyFileSync(path.join(SHARED_DICOM, 'pydicom', 'CT_small.dcm'), file);
    await importInto(core, studyFolder);
    const before = [...idsBySop(core)];
    expect(before).toHaveLength(1);
    const [ctSop, ctId] = before[0]!;

    // The same name now holds another patient's image (an MR); the folder is imported again.
    fs.rmSync(file);
    fs.copyFileSync(path.join(SHARED_DICOM, 'pydicom', 'MR_small.dcm'), file);
    await importInto(core, studyFolder);
    const after = idsBySop(core);
    expect(after.has(ctSop)).toBe(false);
    expect(after.size).toBe(1);
    expect([...after.values()][0]).not.toBe(ctId);
    expect(openIndexedFile(coreInternals(core).db, ctId)).toMatchObject({ ok: false, status: 404 });
  });

  it("a cached PACS study evicted: the next instances never get its ids", async () => {
    const dataDir = temporaryFolder('instance-ids-cache');
    folders.push(dataDir);
    const root = cacheRoot(dataDir);
    fs.mkdirSync(root, { recursive: true });
    const core = createAppCore({ dataDir, door: 'browser', version: 'test', roots: [SHARED_DICOM, fs.realpathSync(root)], importRunner: workerImportRunner() });
    cores.push(core);
    // A retrieved study as the cache holds it: its file under the cache folder, indexed from there.
    const ct = readStowFile(path.join(SHARED_DICOM, 'pydicom', 'CT_small.dcm'));
    const cached = cachedStudyFolder(root, ct.studyInstanceUid);
    fs.mkdirSync(cached, { recursive: true });
    fs.copyFileSync(path.join(SHARED_DICOM, 'pydicom', 'CT_small.dcm'), path.join(cached, 'ct.dcm'));
    await importInto(core, fs.realpathSync(cached));
    const evictedIds = [...idsBySop(core).values()];
    expect(evictedIds).toHaveLength(1);

    removeCachedStudy(coreInternals(core).db, fs.realpathSync(root), ct.studyInstanceUid);
    expect(idsBySop(core).size).toBe(0);
    await importInto(core, path.join(SHARED_DICOM, 'pydicom', 'MR_small.dcm'));
    const [mrId] = [...idsBySop(core).values()];
    expect(evictedIds).not.toContain(mrId);
  });
});
