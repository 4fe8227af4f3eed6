import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/core/db/open-database';
import { runImport } from '../../../electron/core/importer/run-import';
import { SHARED_DICOM, temporaryFolder } from '../../support/paths';

// Paths as exports from other systems name them: non-ASCII names, and folders nested deeper than
// the system's path limit (PATH_MAX, 4096 bytes on Linux) lets a program name them.

let source: string;
let dataDir: string;
let db: Database.Database;

beforeEach(() => {
  source = fs.realpathSync(temporaryFolder('long-paths-source'));
  dataDir = temporaryFolder('long-paths-data');
  db = openDatabase(dataDir);
});
afterEach(() => {
  db.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
  // rm works down the tree by relative names, which no path limit stops.
  execFileSync('rm', ['-rf', source]);
});

describe('long and non-ASCII paths', () => {
  it('indexes a file under non-ASCII names by its exact path, and reports a folder deeper than the path limit with what to do', async () => {
    const named = path.join(source, 'Études 日本語 Ärzte', 'Серия 1', 'Bild ü.dcm');
    fs.mkdirSync(path.dirname(named), { recursive: true });
    fs.copyFileSync(path.join(SHARED_DICOM, 'pydicom/CT_small.dcm'), named);
    // 20 levels of 250-byte names: made by a shell stepping down by relative names, since no call may name the whole path.
    const level = 'x'.repeat(250);
    execFileSync('bash', ['-c', `cd "$1" && for i in $(seq 20); do mkdir "$2" && cd "$2"; done && cp "$3" deep.dcm`, '_', source, level, path.join(SHARED_DICOM, 'pydicom/MR_small.dcm')]);

    const report = await runImport(db, [source]);
    expect(db.prepare('SELECT file_path FROM instances').pluck().all()).toEqual([named]);
    expect(report.reported).toHaveLength(1);
    const [tooLong] = report.reported;
    expect(Buffer.byteLength(tooLong!.path)).toBeGreaterThan(4095);
    // Was: "folder could not be read: ENAMETOOLONG".
    expect(tooLong!.reason).toBe('folder could not be read: its path is longer than this system allows (ENAMETOOLONG): move or rename its folders to shorten it, then import again');
  });

  it('reports a file and a folder whose names are not UTF-8 (Latin-1 from an older system) with how to rename them, and imports the rest', async () => {
    // "Müller.dcm" and "Röntgen" as Latin-1 bytes: Node reads such a name with U+FFFD in place of
    // the byte, and that string names no file. Was: "the file was moved or deleted while the import
    // ran: import its folder again once it is back" and "folder could not be read: ENOENT".
    const latin1 = (name: string) => Buffer.concat([Buffer.from(`${source}/`), Buffer.from(name, 'latin1')]);
    fs.copyFileSync(path.join(SHARED_DICOM, 'pydicom/CT_small.dcm'), latin1('Müller.dcm'));
    fs.mkdirSync(latin1('Röntgen'));
    fs.copyFileSync(path.join(SHARED_DICOM, 'pydicom/MR_small.dcm'), latin1('Röntgen/1.dcm'));
    // 124 bytes in Latin-1, but 364 as Node spells it (U+FFFD is 3 bytes): asking for it by that name
    // is ENAMETOOLONG, which stopped the whole import ("Import failed: ENAMETOOLONG").
    fs.copyFileSync(path.join(SHARED_DICOM, 'pydicom/CT_small.dcm'), latin1(`${'é'.repeat(120)}.dcm`));
    const good = path.join(source, 'good.dcm');
    fs.copyFileSync(path.join(SHARED_DICOM, 'pydicom/CT_small.dcm'), good);

    const report = await runImport(db, [source]);
    expect(db.prepare('SELECT file_path FROM instances').pluck().all()).toEqual([good]);
    expect(report.reported.map((r) => [r.path, r.reason]).sort()).toEqual([
      [path.join(source, 'M\ufffdller.dcm'), NOT_UTF8('file')],
      [path.join(source, 'R\ufffdntgen'), NOT_UTF8('folder')],
      [path.join(source, `${'\ufffd'.repeat(120)}.dcm`), NOT_UTF8('file')],
    ]);
  });
});

const NOT_UTF8 = (what: 'file' | 'folder') =>
  `the ${what}'s name is not UTF-8 (written in another character set, such as Latin-1, by another system), so it cannot be opened by that name: ` +
  `rename it (convmv -f latin1 -t utf8 -r --notest converts a whole folder), then import again`;
