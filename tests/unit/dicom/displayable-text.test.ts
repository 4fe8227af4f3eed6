import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hidesText } from '@shared/dicom/displayable-text';
import { formatPatientName } from '@shared/dicom/person-name';
import { openDatabase } from '../../../electron/core/db/open-database';
import { runImport } from '../../../electron/core/importer/run-import';
import { searchStudies } from '../../../electron/core/index/study-queries';
import { textOf } from '../../../electron/core/pacs/dicomweb/dicom-json';
import { SHARED_DICOM, temporaryFolder } from '../../support/paths';

// A right-to-left override (U+202E) in a name reverses what follows it on the same line: "Removed
// 3 instances of <name> from the index", the export's subject line. No DICOM text value may hold
// it, nor a control character (PS3.5 6.2): they are dropped where text enters the app.
const RLO = '\u202e';
let work: string;

beforeAll(() => {
  work = temporaryFolder('displayable-text');
  fs.mkdirSync(path.join(work, 'study'));
  const made = spawnSync('/usr/bin/python3', ['-c', `import pydicom, sys
ds = pydicom.dcmread(sys.argv[1])
ds.SpecificCharacterSet = 'ISO_IR 192'
ds.PatientName = 'DOE^JOHN\\u202e56 DI'
ds.PatientID = '12\\x0034\\x07'
ds.StudyDescription = 'CT\\nCHEST\\u2066'
ds.save_as(sys.argv[2])`, path.join(SHARED_DICOM, 'pydicom', 'CT_small.dcm'), path.join(work, 'study', 'hostile-text.dcm')], { encoding: 'utf8' });
  expect(made.status, made.stderr).toBe(0);
});
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

describe('bidi overrides and control characters in text values', () => {
  it('are dropped from what the import indexes (line breaks become spaces)', async () => {
    const db = openDatabase(path.join(work, 'data'));
    try {
      await runImport(db, [path.join(work, 'study')]);
      const [study] = searchStudies(db, {});
      expect({ name: study!.patientName, id: study!.patientId, description: study!.description }).toEqual({ name: 'DOE^JOHN56 DI', id: '1234', description: 'CT CHEST' });
    } finally {
      db.close();
    }
  });

  it('are dropped from what a PACS answers, and from a name as shown', () => {
    expect(textOf({ '00100010': { vr: 'PN', Value: [{ Alphabetic: `DOE^JOHN${RLO}` }] } }, '00100010')).toBe('DOE^JOHN');
    expect(textOf({ '00100020': { vr: 'LO', Value: ['12\u000034'] } }, '00100020')).toBe('1234');
    expect(formatPatientName(`DOE^JOHN${RLO}\u0007`)).toBe('DOE, JOHN');
  });

  it('are told apart from text that holds none: a name in any script, with its LRM, hides nothing', () => {
    expect([`RAD-WS-${RLO}1`, 'Gus\u2067 Hale', 'Anna\tBerg', 'Anna\u0000'].map(hidesText)).toEqual([true, true, true, true]);
    expect(['Åsa Öberg-Nilsson', '山田 太郎', 'שרה\u200F כהן', 'Berg^Anna'].map(hidesText)).toEqual([false, false, false, false]);
  });
});
