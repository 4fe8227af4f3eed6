import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { deidentifyFile } from '../../../electron/core/export/deid/deidentify-file';
import { encodePart10Dict, parsePart10 } from '../../../electron/core/export/dicom/part10-io';
import { dciodvfy, dcmdump, pydicomScript } from './dicom-tools';
import { SHARED_DICOM, temporaryFolder } from '../../support/paths';

// The VRs PS3.5 added last: SV and UV (64-bit integers), OV, OL, OD and OF (64/32-bit words and
// floats). dcmjs 0.52 reads SV, OV and OL as UN and writes them as UN: a copy said UN where the
// source said SV, and the de-identified copy removed a Selector SV Value the profile keeps, as
// an element of unknown VR. Written by pydicom at the top level and in a sequence item, in Explicit
// and Implicit VR Little Endian and Explicit VR Big Endian; read back by pydicom and dcmdump.

const folder = temporaryFolder('newer-vrs');
afterAll(() => fs.rmSync(folder, { recursive: true, force: true }));

const WRITE = `
import sys, struct, pydicom
from pydicom.dataset import Dataset
from pydicom.sequence import Sequence
ds = pydicom.dcmread(sys.argv[1])
syntax = sys.argv[3]
order = '>' if syntax == 'big-endian' else '<'
def add(d):
    d.add_new(0x00720082, 'SV', [-5, 2**40 + 3])
    d.add_new(0x00720083, 'UV', [7, 2**63 + 9])
    d.add_new(0x00720081, 'OV', struct.pack(order + '2Q', 1, 2**62 + 5))
    d.add_new(0x00720075, 'OL', struct.pack(order + '3L', 1, 70000, 3))
    d.add_new(0x00720073, 'OD', struct.pack(order + '2d', 1.5, -2.25))
    d.add_new(0x00720067, 'OF', struct.pack(order + '3f', 0.5, 1.25, -3.0))
add(ds)
item = Dataset()
add(item)
item.LUTExplanation = 'SELECTORS'
ds.RealWorldValueMappingSequence = Sequence([item])
ds.file_meta.TransferSyntaxUID = {'implicit': pydicom.uid.ImplicitVRLittleEndian, 'explicit': pydicom.uid.ExplicitVRLittleEndian, 'big-endian': pydicom.uid.ExplicitVRBigEndian}[syntax]
ds.is_implicit_VR, ds.is_little_endian = syntax == 'implicit', syntax != 'big-endian'
ds.save_as(sys.argv[2], write_like_original=False)
`;

// Each selector as pydicom reads it: VR, VM and value (the bytes as stored, for the O* VRs).
const READ = `
import sys, json, pydicom
ds = pydicom.dcmread(sys.argv[1])
def selectors(d):
    out = {}
    for tag in (0x00720082, 0x00720083, 0x00720081, 0x00720075, 0x00720073, 0x00720067):
        if tag in d:
            e = d[tag]
            v = e.value.hex() if isinstance(e.value, bytes) else [str(x) for x in (e.value if e.VM > 1 else [e.value])]
            out[e.keyword] = [str(e.VR).replace('VR.', ''), e.VM, v]
    return out
print(json.dumps({'syntax': ds.file_meta.TransferSyntaxUID, 'top': selectors(ds), 'item': selectors(ds.RealWorldValueMappingSequence[0])}))
`;

const SYNTAX = { implicit: '1.2.840.10008.1.2', explicit: '1.2.840.10008.1.2.1', 'big-endian': '1.2.840.10008.1.2.2' } as const;

const uids = new Map<string, string>();
const ctx = () => ({ mapUid: (u: string) => uids.get(u) ?? uids.set(u, `2.25.${uids.size + 1}`).get(u)!, pseudonym: 'BONEMET-0077', dateShiftDays: null });
const selectors = (file: string) => JSON.parse(pydicomScript(READ, file));
/** dcmdump's lines for the selectors (group 0072), indented as nested: VR, value, length and VM. */
const dumped = (file: string) => dcmdump(file).split('\n').filter((line) => line.trim().startsWith('(0072,'));
const KEPT = ['SelectorSVValue', 'SelectorUVValue'];

describe.each(['implicit', 'explicit', 'big-endian'] as const)('SV, UV, OV, OL, OD and OF (%s source)', (syntax) => {
  const source = path.join(folder, `${syntax}.dcm`);
  pydicomScript(WRITE, path.join(SHARED_DICOM, 'pydicom/MR_small.dcm'), source, syntax);
  const original = selectors(source);

  it('the source holds all six at the top level and in an item', () => {
    expect(original.syntax).toBe(SYNTAX[syntax]);
    expect(original.top.SelectorSVValue).toEqual(['SV', 2, ['-5', '1099511627779']]);
    expect(original.top.SelectorUVValue).toEqual(['UV', 2, ['7', '9223372036854775817']]);
    expect(Object.keys(original.item)).toHaveLength(6);
  });

  it('read and written again, keep their VR, VM and bytes', () => {
    const copy = path.join(folder, `${syntax}-copy.dcm`);
    const { meta, dict } = parsePart10(fs.readFileSync(source), source);
    fs.writeFileSync(copy, encodePart10Dict(meta, dict));
    expect(selectors(copy)).toEqual(original);
    expect(dumped(copy)).toEqual(dumped(source));
  });

  it('de-identified, SV and UV (kept by the profile) keep their VR, VM and bytes', () => {
    const copy = path.join(folder, `${syntax}-deid.dcm`);
    fs.writeFileSync(copy, deidentifyFile(fs.readFileSync(source), source, ctx()).bytes);
    const read = selectors(copy);
    const only = (all: Record<string, unknown>) => Object.fromEntries(KEPT.map((k) => [k, all[k]]));
    expect(read.top).toEqual(only(original.top));
    expect(read.item).toEqual(only(original.item));
    const lines = (file: string) => dumped(file).filter((line) => /\(0072,008[23]\)/.test(line));
    expect(lines(copy)).toEqual(lines(source));
    expect(lines(copy)).toHaveLength(4);
    // dciodvfy finds no error in the copy that the source does not have.
    const sourceErrors = new Set(dciodvfy(source).errors);
    expect(dciodvfy(copy).errors.filter((e) => !sourceErrors.has(e))).toEqual([]);
  });
});
