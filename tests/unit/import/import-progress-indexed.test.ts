import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/core/db/open-database';
import { runImport } from '../../../electron/core/importer/run-import';
import type { ImportProgress } from '../../../shared/import/import-job';
import { SHARED_DICOM, temporaryFolder } from '../../support/paths';

// The study list is searched again while an import runs only when the index grew (IndexGrowth,
// fed by filesIndexed): a folder imported again unchanged, or a tail of duplicates, must not ask
// for a search every half second for nothing.

const CT = path.join(SHARED_DICOM, 'ct-series-lidc-idri-0314-chest');
const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) fs.rmSync(folder, { recursive: true, force: true });
});

/** Every progress report of one import of `source` into the database of `dataDir`. */
async function progressOf(dataDir: string, source: string): Promise<ImportProgress[]> {
  const db = openDatabase(dataDir);
  try {
    const seen: ImportProgress[] = [];
    await runImport(db, [source], { onProgress: (progress) => seen.push(progress) });
    return seen;
  } finally {
    db.close();
  }
}

describe('import progress', () => {
  it('counts the files written to the index apart from the files seen: none on a re-import of an unchanged folder', async () => {
    const dataDir = temporaryFolder('progress-indexed');
    const source = temporaryFolder('progress-indexed-source');
    folders.push(dataDir, source);
    const files = fs.readdirSync(CT).filter((name) => name.endsWith('.dcm'));
    for (const name of files) fs.copyFileSync(path.join(CT, name), path.join(source, name));
    // A copy of a file already there: seen, a duplicate, never written.
    fs.copyFileSync(path.join(CT, files[0]!), path.join(source, 'zz-copy.dcm'));

    const first = await progressOf(dataDir, source);
    expect(first.at(-1)).toMatchObject({ filesDone: files.length + 1, filesIndexed: files.length });
    const again = await progressOf(dataDir, source);
    expect(again.at(-1)!.filesDone).toBe(files.length + 1);
    expect(again.map((progress) => progress.filesIndexed)).toEqual(again.map(() => 0));
  });
});
