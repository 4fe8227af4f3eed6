import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { deidentifyFile } from '../../../electron/core/export/deid/deidentify-file';
import { pydicomScript } from './dicom-tools';
import { SHARED_DICOM, temporaryFolder } from '../../support/paths';

// An Implicit VR file does not say whether a pixel value attribute (Smallest Image Pixel Value,
// Pixel Padding Value...) is US or SS: Pixel Representation does. dcmjs 0.52 reads every one as
// US, and LUT Data (US or OW) as UN: the de-identified copy, written in Explicit VR, said US 63536
// where the CT said -2000, and its VOI LUT lost its data. Read back here by pydicom.

const folder = temporaryFolder('implicit-pixel-values');
afterAll(() => fs.rmSync(folder, { recursive: true, force: true }));

const WRITE = `
import sys, pydicom
from pydicom.dataset import Dataset
from pydicom.sequence import Sequence
ds = pydicom.dcmread(sys.argv[1])
ds.PixelRepresentation = 1
for keyword, value in (('SmallestImagePixelValue', -100), ('LargestImagePixelValue', 2000), ('PixelPaddingValue', -2000)):
    setattr(ds, keyword, value)
    ds[keyword].VR = 'SS'
lut = Dataset()
lut.LUTDescriptor = [4, 0, 16]
lut.add_new(0x00283006, 'OW', bytes.fromhex('010002000300ffff'))
lut.LUTExplanation = 'BONE'
ds.VOILUTSequence = Sequence([lut])
ds.file_meta.TransferSyntaxUID = pydicom.uid.ImplicitVRLittleEndian
ds.is_implicit_VR, ds.is_little_endian = True, True
ds.save_as(sys.argv[2], write_like_original=False)
`;

const READ = `
import sys, json, pydicom
ds = pydicom.dcmread(sys.argv[1])
lut = ds.VOILUTSequence[0]
print(json.dumps({
  'syntax': ds.file_meta.TransferSyntaxUID,
  'values': {k: [str(ds[k].VR).replace('VR.', ''), ds[k].value] for k in ('SmallestImagePixelValue', 'LargestImagePixelValue', 'PixelPaddingValue') if k in ds},
  'descriptor': [str(lut['LUTDescriptor'].VR).replace('VR.', ''), list(lut.LUTDescriptor)],
  'lutData': lut['LUTData'].value.hex() if 'LUTData' in lut else None,
}))
`;

const READ_PADDING = `
import sys, pydicom
ds = pydicom.dcmread(sys.argv[1])
print(str(ds['PixelPaddingValue'].VR).replace('VR.', ''), ds.PixelPaddingValue, ds.PixelRepresentation)
`;

const python = pydicomScript;

const ctx = () => ({ mapUid: (u: string) => `2.25.${u.length}`, pseudonym: 'BONEMET-0051', dateShiftDays: null });

function deidentified(source: string, name: string): string {
  const file = path.join(folder, name);
  fs.writeFileSync(file, deidentifyFile(fs.readFileSync(source), source, ctx()).bytes);
  return file;
}

describe('pixel value attributes of an Implicit VR image, de-identified', () => {
  it('keep their sign (SS when Pixel Representation is 1) and a LUT keeps its data', () => {
    const source = path.join(folder, 'implicit-signed.dcm');
    python(WRITE, path.join(SHARED_DICOM, 'pydicom/MR_small.dcm'), source);
    const copy = JSON.parse(python(READ, deidentified(source, 'implicit-signed-deid.dcm')));
    expect(copy.syntax).toBe('1.2.840.10008.1.2.1');
    expect(copy.values).toEqual({ SmallestImagePixelValue: ['SS', -100], LargestImagePixelValue: ['SS', 2000], PixelPaddingValue: ['SS', -2000] });
    // The descriptor's first and third values are unsigned whatever the pixels are (PS3.3 C.11.2.1.1).
    expect(copy.descriptor).toEqual(['US', [4, 0, 16]]);
    expect(copy.lutData).toBe('010002000300ffff');
  });

  it('keep the Pixel Padding Value of a real implicit CT (-2000)', () => {
    const source = path.join(SHARED_DICOM, 'dicomparser/CT1_UNC.implicit_little_endian.dcm');
    expect(python(READ_PADDING, source)).toBe('SS -2000 1\n');
    expect(python(READ_PADDING, deidentified(source, 'ct1-deid.dcm'))).toBe('SS -2000 1\n');
  });
});
