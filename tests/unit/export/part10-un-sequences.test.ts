import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { deidentifyFile } from '../../../electron/core/export/deid/deidentify-file';
import { encodePart10Dict, parsePart10 } from '../../../electron/core/export/dicom/part10-io';
import { dciodvfy, dcmdump, pydicomScript } from './dicom-tools';
import { SHARED_DICOM, temporaryFolder } from '../../support/paths';

// A sequence relayed by a system that did not know its tag arrives as UN of undefined length, its
// items in Implicit VR (PS3.5 6.2.2, CP-246): pydicom reads it as the sequence it is, and the app
// imported such an image, but dcmjs 0.52 read the value as encapsulated pixel data and the export
// failed ("could not be read as DICOM Part 10"); of defined length, dcmjs read the items as Explicit
// VR and the copy's sequence held an empty item. Here a Real World Value Mapping Sequence at the top
// level, a Purpose of Reference Code Sequence inside an item of defined length (both of undefined
// length) and an Anatomic Region Sequence of defined length, relayed so (written by pydicom under a
// tag it does not know, then renamed), and GDCM's own sample of a private sequence relayed so
// (pydicom's UN_sequence.dcm).

const folder = temporaryFolder('un-sequences');
afterAll(() => fs.rmSync(folder, { recursive: true, force: true }));

const WRITE = `
import sys, struct, pydicom
from pydicom.dataset import Dataset
from pydicom.sequence import Sequence
ds = pydicom.dcmread(sys.argv[1])
def implicit(tag, value):
    if len(value) % 2: value += b' '
    return struct.pack('<HHL', tag >> 16, tag & 0xffff, len(value)) + value
def relayed(*elements):
    item = b''.join(implicit(t, v) for t, v in elements)
    return struct.pack('<HHL', 0xfffe, 0xe000, 0xffffffff) + item + struct.pack('<HHL', 0xfffe, 0xe00d, 0) + struct.pack('<HHL', 0xfffe, 0xe0dd, 0)
def nested(tag, sequence):
    # A sequence inside the relayed item: implicit, undefined length (its explicit header is longer).
    return struct.pack('<HHL', tag >> 16, tag & 0xffff, 0xffffffff) + sequence
# Written under tags pydicom does not know (so it keeps them UN), renamed below.
mapping = relayed((0x00283003, b'HU'), (0x00409211, struct.pack('<H', 4095)), (0x00409216, struct.pack('<h', -1024)), (0x00409224, struct.pack('<d', 0.0)), (0x00409225, struct.pack('<d', 1.0)))
equivalent = relayed((0x00080100, b'44491008'), (0x00080102, b'SCT'), (0x00080104, b'Fluoroscopy'))
purpose = relayed((0x00080100, b'121311'), (0x00080102, b'DCM'), (0x00080104, b'Localizer'))
purpose = purpose[:-16] + nested(0x00080121, equivalent) + purpose[-16:]
ds.add_new(0x00409095, 'UN', mapping)
# Of defined length (no sequence delimiter): a relayed Anatomic Region Sequence.
region = relayed((0x00080100, b'51185008'), (0x00080102, b'SCT'), (0x00080104, b'Thorax'))[:-8]
ds.add_new(0x00082217, 'UN', region)
reference = Dataset()
reference.ReferencedSOPClassUID = ds.SOPClassUID
reference.ReferencedSOPInstanceUID = '1.2.826.0.1.3680043.2.1125.7'
reference.add_new(0x0040a16f, 'UN', purpose)
ds.ReferencedImageSequence = Sequence([reference])
ds.save_as(sys.argv[2], write_like_original=False)
raw = open(sys.argv[2], 'rb').read()
for (group, placeholder, real, value, length) in ((0x0040, 0x9095, 0x9096, mapping, 0xffffffff), (0x0040, 0xa16f, 0xa170, purpose, 0xffffffff), (0x0008, 0x2217, 0x2218, region, len(region))):
    before = struct.pack('<HH', group, placeholder) + b'UN\\0\\0' + struct.pack('<L', len(value))
    assert raw.count(before) == 1
    raw = raw.replace(before, struct.pack('<HH', group, real) + b'UN\\0\\0' + struct.pack('<L', length))
open(sys.argv[2], 'wb').write(raw)
`;

const READ = `
import sys, json, pydicom
ds = pydicom.dcmread(sys.argv[1])
m = ds.RealWorldValueMappingSequence[0]
p = ds.ReferencedImageSequence[0].PurposeOfReferenceCodeSequence[0]
print(json.dumps({
  'mapping': [m.LUTExplanation, m.RealWorldValueLastValueMapped, m.RealWorldValueFirstValueMapped, m.RealWorldValueIntercept, m.RealWorldValueSlope],
  'firstVr': str(m['RealWorldValueFirstValueMapped'].VR).replace('VR.', ''),
  'purpose': [p.CodeValue, p.CodingSchemeDesignator, p.CodeMeaning, p.EquivalentCodeSequence[0].CodeMeaning],
  'references': len(ds.ReferencedImageSequence),
  'region': [ds.AnatomicRegionSequence[0].CodeValue, ds.AnatomicRegionSequence[0].CodeMeaning],
}))
`;

const EXPECTED = { mapping: ['HU', 4095, -1024, 0, 1], firstVr: 'SS', purpose: ['121311', 'DCM', 'Localizer', 'Fluoroscopy'], references: 1, region: ['51185008', 'Thorax'] };

const uids = new Map<string, string>();
const ctx = () => ({ mapUid: (u: string) => uids.get(u) ?? uids.set(u, `2.25.${uids.size + 1}`).get(u)!, pseudonym: 'BONEMET-0078', dateShiftDays: null });
/** dcmdump's data set (File Meta left out), where dcmtk reads a relayed sequence as SQ too. */
const dataSetDump = (file: string) => dcmdump(file).split('# Dicom-Data-Set')[1]!.split('\n').filter((line) => !line.startsWith('W:'));

describe('a sequence relayed as UN (CP-246)', () => {
  const source = path.join(folder, 'relayed.dcm');
  pydicomScript(WRITE, path.join(SHARED_DICOM, 'pydicom/CT_small.dcm'), source);

  it('the source is read by pydicom and dcmtk as the sequences they are, written as UN', () => {
    expect(JSON.parse(pydicomScript(READ, source))).toEqual(EXPECTED);
    const bytes = fs.readFileSync(source);
    for (const tag of ['40009690', '400070a1']) expect(bytes.includes(Buffer.from(`${tag}554e0000ffffffff`, 'hex'))).toBe(true);
    expect(dataSetDump(source).join('\n')).toMatch(/\(0040,a170\) SQ/);
  });

  it('is de-identified, the sequences kept as SQ with every value', () => {
    const copy = path.join(folder, 'relayed-deid.dcm');
    fs.writeFileSync(copy, deidentifyFile(fs.readFileSync(source), source, ctx()).bytes);
    expect(JSON.parse(pydicomScript(READ, copy))).toEqual(EXPECTED);
    const dump = dcmdump(copy);
    expect(dump).toMatch(/\(0040,9096\) SQ/);
    expect(dump).toMatch(/\(0040,a170\) SQ/);
    expect(dump).toMatch(/\(0008,2218\) SQ/);
    expect(dump).not.toContain('VR UN');
    const sourceErrors = new Set(dciodvfy(source).errors);
    expect(dciodvfy(copy).errors.filter((e) => !sourceErrors.has(e))).toEqual([]);
  });

  it("GDCM's private sequence relayed so is read, and written again as dcmtk reads it", () => {
    const sample = path.join(SHARED_DICOM, 'pydicom/UN_sequence.dcm');
    const copy = path.join(folder, 'un-sequence-copy.dcm');
    const { meta, dict } = parsePart10(fs.readFileSync(sample), sample);
    fs.writeFileSync(copy, encodePart10Dict(meta, dict));
    expect(dataSetDump(copy)).toEqual(dataSetDump(sample));
    expect(dataSetDump(copy).join('\n')).toContain('(0008,1155) UI [1.2.840.113619.2.327.3.185221411.476.1398588726.278.80]');
  });
});
