import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/core/db/open-database';
import { runImport } from '../../../electron/core/importer/run-import';
import { searchStudies } from '../../../electron/core/index/study-queries';
import { PYDICOM_CHARSET_FILES, temporaryFolder } from '../../support/paths';

// pydicom's character set files, as real imports store them: 'Äneas^Rüdiger' (Latin-1),
// 'Διονυσιος' (Greek, ending in a final sigma), 'Buc^Jérôme' (Latin-1).
const FILES = ['chrGerm.dcm', 'chrGreek.dcm', 'chrFren.dcm'];
let folder: string;
let db: Database.Database;

beforeAll(async () => {
  folder = temporaryFolder('study-search-text');
  FILES.forEach((file, i) => {
    fs.mkdirSync(path.join(folder, String(i)));
    fs.copyFileSync(path.join(PYDICOM_CHARSET_FILES, file), path.join(folder, String(i), file));
  });
  db = openDatabase(path.join(folder, 'data'));
  expect((await runImport(db, FILES.map((_, i) => path.join(folder, String(i))))).indexed).toBe(FILES.length);
});
afterAll(() => {
  db.close();
  fs.rmSync(folder, { recursive: true, force: true });
});

const names = (query: Parameters<typeof searchStudies>[1]) => searchStudies(db, query).map((s) => s.patientName);

describe('the study search in names outside ASCII', () => {
  it.each([
    ['lower case for an upper-case letter with a diaeresis', 'äneas', 'Äneas^Rüdiger'],
    ['upper case for a lower-case letter with a diaeresis', 'RÜDIGER', 'Äneas^Rüdiger'],
    ['a decomposed umlaut (A + combining diaeresis, as some keyboards and file names give it)', 'A\u0308neas', 'Äneas^Rüdiger'],
    ['Greek capitals for a name in small letters ending in a final sigma', 'ΔΙΟΝΥΣΙΟΣ', 'Διονυσιος'],
    ['accented capitals', 'JÉRÔME', 'Buc^Jérôme'],
    ['full-width Latin letters (an East Asian input method)', 'ＢＵＣ', 'Buc^Jérôme'],
  ])('finds the patient typed in %s', (_what, typed, stored) => {
    expect(names({ text: typed })).toEqual([stored]);
    expect(names({ patientName: typed })).toEqual([stored]);
  });

  it('still matches ASCII in any case, and a "%" or "_" only as itself', () => {
    expect(names({ text: 'buc jÉ' })).toEqual(['Buc^Jérôme']);
    expect(names({ text: '%' })).toEqual([]);
    expect(names({ text: 'B_c' })).toEqual([]);
    expect(names({ text: 'zzz' })).toEqual([]);
  });
});
