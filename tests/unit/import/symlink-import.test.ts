import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/core/db/open-database';
import { runImport } from '../../../electron/core/importer/run-import';
import { openIndexedFile } from '../../../electron/core/index/indexed-file';
import { SHARED_DICOM, temporaryFolder } from '../../support/paths';

// Symbolic links met by an import: followed once when they stay inside the imported folder,
// reported (never followed) when they lead out of it, and never stored as the path of an instance.
const CT = path.join(SHARED_DICOM, 'ct-series-lidc-idri-0314-chest');
const [ONE, TWO, THREE, FOUR] = ['000002.dcm', '000003.dcm', '000008.dcm', fs.readdirSync(CT).sort()[3]!];

let root: string;
let outside: string;
let dataDir: string;
let db: Database.Database;

beforeEach(() => {
  root = fs.realpathSync(temporaryFolder('links-root'));
  outside = fs.realpathSync(temporaryFolder('links-outside'));
  dataDir = temporaryFolder('links-data');
  db = openDatabase(dataDir);
});
afterEach(() => {
  db.close();
  for (const folder of [root, outside, dataDir]) fs.rmSync(folder, { recursive: true, force: true });
});

const place = (folder: string, relative: string, source: string) => {
  const target = path.join(folder, relative);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.copyFileSync(path.join(CT, source), target);
  return target;
};
const indexedPaths = () => db.prepare('SELECT file_path FROM instances ORDER BY file_path').pluck().all() as string[];
const reasonOf = (report: { reported: { path: string; reason: string }[] }, p: string) => report.reported.find((r) => r.path === p)?.reason;

describe('an import meeting symbolic links', () => {
  it('follows links inside the folder once, by real path, and reports links out of it, dangling links and loops', async () => {
    const one = place(root, 'a/one.dcm', ONE);
    const three = place(root, 'c/three.dcm', THREE);
    place(outside, 'two.dcm', TWO);
    place(outside, 'deeper/four.dcm', FOUR);
    fs.symlinkSync(one, path.join(root, 'a', 'one-again.dcm')); // a file link inside: the same file
    fs.symlinkSync(path.join(root, 'a'), path.join(root, 'b')); // a folder link inside: walked once
    fs.symlinkSync(root, path.join(root, 'c', 'back-to-root')); // a loop
    fs.symlinkSync(path.join(outside, 'two.dcm'), path.join(root, 'out-file.dcm'));
    fs.symlinkSync(path.join(outside, 'deeper'), path.join(root, 'out-folder'));
    fs.symlinkSync(path.join(root, 'nothing-here.dcm'), path.join(root, 'dangling.dcm'));

    const report = await runImport(db, [root]);
    expect(indexedPaths()).toEqual([one, three]);
    expect(report).toMatchObject({ filesSeen: 2, indexed: 2, duplicates: 0, duplicateFiles: [] });
    expect(reasonOf(report, path.join(root, 'out-file.dcm'))).toBe(`symbolic link to ${path.join(outside, 'two.dcm')}, outside the imported folder ${root}: not followed`);
    expect(reasonOf(report, path.join(root, 'out-folder'))).toBe(`symbolic link to ${path.join(outside, 'deeper')}, outside the imported folder ${root}: not followed`);
    expect(reasonOf(report, path.join(root, 'dangling.dcm'))).toBe('symbolic link to nothing (its target is gone)');
    expect(report.reported).toHaveLength(3);
  });

  it('follows a link the user names as the source, and stores the real path it leads to', async () => {
    const two = place(outside, 'two.dcm', TWO);
    const link = path.join(root, 'named.dcm');
    fs.symlinkSync(two, link);
    const report = await runImport(db, [link]);
    expect(report.indexed).toBe(1);
    expect(indexedPaths()).toEqual([two]);
  });

  it('does not follow a DICOMDIR entry that is a link out of the DICOMDIR folder', async () => {
    fs.cpSync(path.join(SHARED_DICOM, 'pydicom', 'dicomdirtests'), path.join(root, 'set'), { recursive: true });
    const listed = path.join(root, 'set', '77654033', 'CR1', '6154');
    fs.renameSync(listed, path.join(outside, '6154'));
    fs.symlinkSync(path.join(outside, '6154'), listed);
    const report = await runImport(db, [path.join(root, 'set', 'DICOMDIR')]);
    expect(reasonOf(report, listed)).toBe(
      `listed in the DICOMDIR ${path.join(root, 'set', 'DICOMDIR')}: symbolic link to ${path.join(outside, '6154')}, outside the imported folder ${path.join(root, 'set')}: not followed`,
    );
    expect(report.indexed).toBeGreaterThan(10);
    expect(indexedPaths().every((p) => p.startsWith(path.join(root, 'set') + path.sep))).toBe(true);
  });
});

describe('importing the folder again is the remedy for a changed file', () => {
  /** One file imported from the root folder: its path and instance id. */
  const importedOne = async () => {
    const one = place(root, 'one.dcm', ONE);
    await runImport(db, [root]);
    return { one, id: db.prepare('SELECT id FROM instances').pluck().get() as number };
  };

  it('a file moved within the folder: its instance follows it, and is served from there', async () => {
    const { one, id } = await importedOne();
    const moved = path.join(root, 'moved', 'one.dcm');
    fs.mkdirSync(path.dirname(moved));
    fs.renameSync(one, moved);
    expect(openIndexedFile(db, id)).toMatchObject({ ok: false, status: 404 });

    const again = await runImport(db, [root]);
    expect(again).toMatchObject({ indexed: 1, duplicates: 0 });
    expect(indexedPaths()).toEqual([moved]);
    expect(openIndexedFile(db, id)).toMatchObject({ ok: true, file: { path: moved } });
  });

  it('a file replaced by a link to a copy inside the folder: the copy holds the instance, never the link', async () => {
    const { one, id } = await importedOne();
    const copy = path.join(root, 'kept', 'one.dcm');
    fs.mkdirSync(path.dirname(copy));
    fs.renameSync(one, copy);
    fs.symlinkSync(copy, one);
    expect(openIndexedFile(db, id)).toMatchObject({ ok: false, status: 409 });

    await runImport(db, [root]);
    expect(indexedPaths()).toEqual([copy]);
    expect(openIndexedFile(db, id)).toMatchObject({ ok: true, file: { path: copy } });
  });

  it('a second copy of a file still in place stays a duplicate, listed with the file that holds it', async () => {
    const one = place(root, 'one.dcm', ONE);
    const copy = place(root, 'z-copy/one.dcm', ONE);
    const report = await runImport(db, [root]);
    const sop = db.prepare('SELECT sop_instance_uid FROM instances').pluck().get() as string;
    expect(report).toMatchObject({ indexed: 1, duplicates: 1, duplicateFiles: [{ path: copy, sopInstanceUid: sop, duplicateOf: one }] });
  });
});
