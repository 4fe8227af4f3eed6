import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { deidentifyFile } from '../../../electron/core/export/deid/deidentify-file';
import { SHARED_DICOM, temporaryFolder } from '../../support/paths';
import { dciodvfy, pydicomScript } from './dicom-tools';

// A text that mentions the source's identity goes, but the attribute stays, empty: pydicom's
// MR_small says Manufacturer TOSHIBA_MEC and Institution Name TOSHIBA, so its Manufacturer (General
// Equipment, Type 2) was removed and dciodvfy found "Missing attribute for Type 2 Required" in the
// copy that the source does not have.

const folder = temporaryFolder('mentions-present');
afterAll(() => fs.rmSync(folder, { recursive: true, force: true }));

const READ = `
import sys, json, pydicom
ds = pydicom.dcmread(sys.argv[1])
print(json.dumps({'present': 'Manufacturer' in ds, 'value': str(ds.get('Manufacturer', ''))}))
`;

const missingType2 = (file: string) => dciodvfy(file).errors.filter((e) => /Missing attribute for Type 2 Required/.test(e));

describe('an attribute whose text mentions the source identity', () => {
  it('is kept empty in the de-identified copy (Type 2 Manufacturer), and dciodvfy finds no Type 2 attribute missing', () => {
    const source = path.join(SHARED_DICOM, 'pydicom/MR_small.dcm');
    const copy = path.join(folder, 'mr-small-deid.dcm');
    fs.writeFileSync(copy, deidentifyFile(fs.readFileSync(source), source, { mapUid: (u: string) => `2.25.${u.length}`, pseudonym: 'BONEMET-0053', dateShiftDays: null }).bytes);
    expect(JSON.parse(pydicomScript(READ, copy))).toEqual({ present: true, value: '' });
    expect(missingType2(source)).toEqual([]);
    expect(missingType2(copy)).toEqual([]);
  });
});
