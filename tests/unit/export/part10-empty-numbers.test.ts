import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { deidentifyFile } from '../../../electron/core/export/deid/deidentify-file';
import { encodePart10Dict, parsePart10 } from '../../../electron/core/export/dicom/part10-io';
import { pydicomScript } from './dicom-tools';
import { SHARED_DICOM, temporaryFolder } from '../../support/paths';

// A binary number with no value (a Type 2 attribute left empty: length 0) is no number at all.
// dcmjs 0.52 reads one of its fixed-length VRs (FL, FD, SL, SS, UL, US, UV, AT) as the value 0,
// so a copy said Diffusion b-value 0 (a b0 image) where the scanner said nothing, and Pixel Padding
// Value 0 (every pixel 0 hidden as padding); an empty UV made the copy fail. Written by pydicom at
// the top level and in an item, beside values that are 0 and must stay so.

const folder = temporaryFolder('empty-numbers');
afterAll(() => fs.rmSync(folder, { recursive: true, force: true }));

const EMPTY = "(0x00189087, 'FD'), (0x00280120, 'US'), (0x00180013, 'FL'), (0x0018106E, 'UL'), (0x00186020, 'SL'), (0x00209165, 'AT'), (0x00720083, 'UV'), (0x00189219, 'SS')";

const WRITE = `
import sys, pydicom
from pydicom.dataset import Dataset
from pydicom.sequence import Sequence
ds = pydicom.dcmread(sys.argv[1])
for tag, vr in (${EMPTY}):
    ds.add_new(tag, vr, None)
ds.SmallestImagePixelValue = 0
diffusion = Dataset()
diffusion.add_new(0x00189087, 'FD', None)
diffusion.DiffusionGradientOrientation = [0.0, 0.0, 1.0]
diffusion.DiffusionDirectionality = 'DIRECTIONAL'
ds.MRDiffusionSequence = Sequence([diffusion])
syntax = sys.argv[3]
ds.file_meta.TransferSyntaxUID = {'implicit': pydicom.uid.ImplicitVRLittleEndian, 'explicit': pydicom.uid.ExplicitVRLittleEndian, 'big-endian': pydicom.uid.ExplicitVRBigEndian}[syntax]
ds.is_implicit_VR, ds.is_little_endian = syntax == 'implicit', syntax != 'big-endian'
ds.save_as(sys.argv[2], write_like_original=False)
`;

// VM and value of each, as pydicom reads them (absent: null).
const READ = `
import sys, json, pydicom
ds = pydicom.dcmread(sys.argv[1])
def of(d, tag):
    if tag not in d: return None
    e = d[tag]
    return [e.VM, str(e.value) if e.VM else None]
out = {f'{tag:08X}': of(ds, tag) for tag, vr in (${EMPTY})}
out['SmallestImagePixelValue'] = of(ds, 0x00280106)
item = ds.MRDiffusionSequence[0]
out['item'] = [of(item, 0x00189087), of(item, 0x00189089)]
print(json.dumps(out))
`;

const uids = new Map<string, string>();
const ctx = () => ({ mapUid: (u: string) => uids.get(u) ?? uids.set(u, `2.25.${uids.size + 1}`).get(u)!, pseudonym: 'BONEMET-0079', dateShiftDays: null });

describe.each(['explicit', 'implicit', 'big-endian'])('numbers with no value (%s VR)', (syntax) => {
  const source = path.join(folder, `${syntax}.dcm`);
  pydicomScript(WRITE, path.join(SHARED_DICOM, 'pydicom/MR_small.dcm'), source, syntax);
  const original = JSON.parse(pydicomScript(READ, source));

  it('the source holds them empty, beside values that are 0', () => {
    expect(original['00189087']).toEqual([0, null]);
    expect(original['00720083']).toEqual([0, null]);
    expect(original.SmallestImagePixelValue).toEqual([1, '0']);
    expect(original.item).toEqual([[0, null], [3, '[0.0, 0.0, 1.0]']]);
  });

  it('stay empty when read and written again', () => {
    const copy = path.join(folder, `${syntax}-copy.dcm`);
    const { meta, dict } = parsePart10(fs.readFileSync(source), source);
    fs.writeFileSync(copy, encodePart10Dict(meta, dict));
    expect(JSON.parse(pydicomScript(READ, copy))).toEqual(original);
  });

  it('stay empty in the de-identified copy', () => {
    const copy = path.join(folder, `${syntax}-deid.dcm`);
    fs.writeFileSync(copy, deidentifyFile(fs.readFileSync(source), source, ctx()).bytes);
    expect(JSON.parse(pydicomScript(READ, copy))).toEqual(original);
  });
});
