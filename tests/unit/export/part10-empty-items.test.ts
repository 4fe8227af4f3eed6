import fs from 'node:fs';
import path from 'node:path';
import type { DenaturalizedDataset } from 'dcmjs';
import { afterAll, describe, expect, it } from 'vitest';
import { deidentifyFile } from '../../../electron/core/export/deid/deidentify-file';
import { encodePart10Dict, parsePart10 } from '../../../electron/core/export/dicom/part10-io';
import { pydicomScript } from './dicom-tools';
import { SHARED_DICOM, temporaryFolder } from '../../support/paths';

// Sequence items with no element, as scanners and pydicom write them: an enhanced image's Shared
// Functional Groups Sequence (Type 1, one item) when every macro is per frame, or an empty item
// between two others. dcmjs 0.52 drops such items when it reads, so a de-identified copy had a
// Type 1 sequence of no item (dciodvfy: "Empty attribute (no value) Type 1 Required"). Written by
// pydicom, in explicit and implicit VR, with items of defined and undefined length; counted by pydicom.

const folder = temporaryFolder('empty-items');
afterAll(() => fs.rmSync(folder, { recursive: true, force: true }));

const WRITE = `
import sys, pydicom
from pydicom.dataset import Dataset
from pydicom.sequence import Sequence
ds = pydicom.dcmread(sys.argv[1])
ds.SharedFunctionalGroupsSequence = Sequence([Dataset()])
a, b = Dataset(), Dataset()
a.ReferencedSOPClassUID, a.ReferencedSOPInstanceUID = ds.SOPClassUID, '1.2.826.0.1.3680043.2.1125.1'
b.ReferencedSOPClassUID, b.ReferencedSOPInstanceUID = ds.SOPClassUID, '1.2.826.0.1.3680043.2.1125.2'
inner = Dataset()
inner.PlanePositionSequence = Sequence([Dataset()])
inner.FrameContentSequence = Sequence([Dataset(), Dataset()])
inner.FrameContentSequence[1].StackID = '1'
ds.ReferencedImageSequence = Sequence([a, Dataset(), b])
ds.PerFrameFunctionalGroupsSequence = Sequence([inner])
implicit = sys.argv[3] == 'implicit'
ds.file_meta.TransferSyntaxUID = pydicom.uid.ImplicitVRLittleEndian if implicit else pydicom.uid.ExplicitVRLittleEndian
ds.is_implicit_VR, ds.is_little_endian = implicit, True
ds.save_as(sys.argv[2], write_like_original=False)
`;

const COUNT = `
import sys, json, pydicom
ds = pydicom.dcmread(sys.argv[1])
pf = ds.PerFrameFunctionalGroupsSequence[0]
print(json.dumps({
  'shared': len(ds.SharedFunctionalGroupsSequence),
  'referenced': [len(i) for i in ds.ReferencedImageSequence],
  'planePosition': len(pf.PlanePositionSequence),
  'frameContent': [len(i) for i in pf.FrameContentSequence],
}))
`;

const python = pydicomScript;

const counts = (file: string) => JSON.parse(python(COUNT, file));
const SAME = { shared: 1, referenced: [2, 0, 2], planePosition: 1, frameContent: [0, 1] };

describe.each(['explicit', 'implicit'])('sequence items with no element (%s VR)', (syntax) => {
  const source = path.join(folder, `${syntax}.dcm`);
  python(WRITE, path.join(SHARED_DICOM, 'pydicom/MR_small.dcm'), source, syntax);

  it('are read in their places and written again', () => {
    expect(counts(source)).toEqual(SAME);
    const { meta, dict } = parsePart10(fs.readFileSync(source), source);
    const items = (tag: string, from: DenaturalizedDataset = dict) => (from[tag]?.Value ?? []) as DenaturalizedDataset[];
    expect(items('52009229')).toEqual([{}]);
    expect(items('00081140').map((i) => Object.keys(i).length)).toEqual([2, 0, 2]);
    const written = path.join(folder, `${syntax}-written.dcm`);
    fs.writeFileSync(written, encodePart10Dict(meta, dict));
    expect(counts(written)).toEqual(SAME);
  });

  it('are kept by the de-identified copy', () => {
    const out = deidentifyFile(fs.readFileSync(source), source, { mapUid: (u: string) => `2.25.${u.length}`, pseudonym: 'BONEMET-0044', dateShiftDays: null });
    const file = path.join(folder, `${syntax}-deidentified.dcm`);
    fs.writeFileSync(file, out.bytes);
    expect(counts(file)).toMatchObject({ shared: 1, planePosition: 1, frameContent: [0, 1] });
  });
});
