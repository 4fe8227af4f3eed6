import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeLesion, typed } from '../../support/lesion-fixtures';
import { SHARED_DICOM, temporaryFolder } from '../../support/paths';
import { pydicomScript } from './dicom-tools';
import { filesUnder } from './export-files';
import { runCli } from './hostile-dataset';

// Source headers with a value longer than its VR allows (PS3.5 6.2): an Instance Number of 20
// digits (IS: 12 characters), a Patient's Name of 69 characters (PN: 64). dcmjs refuses to write
// either with a bare Error, which the exports passed on as "bonemet: Value exceeds max length, vr:
// IS, value: 12345678901234567890, length: 20", failing the whole research dataset.

const BIG_IS_STUDY = '2.25.61120250001';
const LONG_PN_STUDY = '2.25.61120250002';
const LONG_NAME = 'VERYLONGFAMILYNAME-DOUBLE-BARRELLED^GIVENNAME-ANOTHER^MIDDLE^DR^PHD-X';

// CT_small twice, each its own study, with one value written raw (pydicom would refuse to convert it).
const WRITE = `
import sys, pydicom
from pydicom.dataelem import RawDataElement
from pydicom.tag import Tag
source, folder, big_is_study, long_pn_study, long_name = sys.argv[1:6]
for n, (study, tag, vr, value) in enumerate([(big_is_study, 0x00200013, 'IS', b'12345678901234567890'), (long_pn_study, 0x00100010, 'PN', long_name.encode())]):
    ds = pydicom.dcmread(source)
    ds.StudyInstanceUID = study
    ds.SeriesInstanceUID = study + '.1'
    ds.SOPInstanceUID = ds.file_meta.MediaStorageSOPInstanceUID = study + '.1.1'
    ds._dict[Tag(tag)] = RawDataElement(Tag(tag), vr, len(value), value, 0, False, True)
    ds.save_as(folder + '/source-' + str(n) + '.dcm')
`;
const READ_INSTANCE_NUMBER = `
import sys, pydicom
print(pydicom.dcmread(sys.argv[1]).get_item(0x00200013).value.decode())
`;

let dataDir: string;
beforeAll(() => {
  dataDir = temporaryFolder('overlong-values');
  const sources = path.join(dataDir, 'sources');
  fs.mkdirSync(sources);
  pydicomScript(WRITE, path.join(SHARED_DICOM, 'pydicom/CT_small.dcm'), sources, BIG_IS_STUDY, LONG_PN_STUDY, LONG_NAME);
  const imported = runCli(dataDir, 'import', sources, '--json');
  expect(imported.code, imported.stderr).toBe(0);
  expect(runCli(dataDir, 'reader', 'set', 'AB', 'Anna', 'Berg').code).toBe(0);
}, 120_000);
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

describe('source values longer than their VR allows', () => {
  it('a research dataset keeps a 20-digit Instance Number as the source has it', () => {
    const out = path.join(dataDir, 'dataset');
    const exported = runCli(dataDir, 'export', 'dataset', '--study', BIG_IS_STUDY, '--out', out, '--json');
    expect(exported.stderr).not.toMatch(/Value exceeds max length/);
    expect(exported.code, exported.stderr).toBe(0);
    const images = filesUnder(out).filter((file) => /IM\d+\.dcm$/.test(file));
    expect(images).toHaveLength(1);
    expect(pydicomScript(READ_INSTANCE_NUMBER, images[0]!).trim()).toBe('12345678901234567890');
  });

  it('an SR repeating a 69-character Patient\'s Name is refused with the element, the value and what to do', () => {
    const lesion = makeLesion({ id: 'e6000000-0000-4000-8000-000000000001', trackingUid: '2.25.6112025001', studyInstanceUid: LONG_PN_STUDY, seriesInstanceUid: `${LONG_PN_STUDY}.1`, nature: 'lytic', largestDimensionMm: typed(25) });
    const records = path.join(dataDir, 'lesion.json');
    fs.writeFileSync(records, JSON.stringify(lesion));
    const added = runCli(dataDir, 'lesions', 'add', '--study', LONG_PN_STUDY, '--in', records);
    expect(added.code, added.stderr).toBe(0);
    const sr = runCli(dataDir, 'export', 'sr', '--study', LONG_PN_STUDY, '--out', path.join(dataDir, 'sr'), '--no-pacs');
    expect(sr.stderr).toContain(
      `The DICOM file cannot be written: PatientName (0010,0010) is "${LONG_NAME}", ${LONG_NAME.length} characters, longer than a PN value may be (PS3.5 6.2). It comes from a source image's header: correct it there (or on the PACS), import it again, then export again.`,
    );
    expect(sr.code).not.toBe(0);
  });
});
