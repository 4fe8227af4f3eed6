import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { deidentifyFile } from '../../../electron/core/export/deid/deidentify-file';
import { encodePart10Dict, parsePart10 } from '../../../electron/core/export/dicom/part10-io';
import { SHARED_DICOM, temporaryFolder } from '../../support/paths';
import { pydicomScript } from './dicom-tools';

// De-identification of source files in the less common encodings an outside checker brings: the
// image keeps its transfer syntax where it is not re-encoded, so every pixel rule must hold in it.

const ctx = () => {
  const map = new Map<string, string>();
  return { mapUid: (u: string) => map.get(u) ?? (map.set(u, `2.25.${map.size + 1}`), `2.25.${map.size}`), pseudonym: 'BONEMET-0009', dateShiftDays: null };
};

describe('de-identifying a source file in a less common encoding', () => {
  it('clears the bits outside Bits Stored of a big-endian image, where an embedded overlay sits', () => {
    const source = path.join(SHARED_DICOM, 'pydicom/MR_small_bigendian.dcm');
    const { meta, dict } = parsePart10(fs.readFileSync(source), source);
    expect(meta['00020010']!.Value).toEqual(['1.2.840.10008.1.2.2']);
    // 12 bits stored of 16, signed; the first 64 samples keep an overlay bit (bit 14) above their value.
    const pixels = new Uint8Array((dict['7FE00010']!.Value![0] as ArrayBuffer).slice(0));
    const view = new DataView(pixels.buffer);
    for (let i = 0; i < pixels.length / 2; i++) view.setInt16(2 * i, Math.max(-2048, Math.min(2047, view.getInt16(2 * i, false))), false);
    for (let i = 0; i < 64; i++) view.setUint16(2 * i, (view.getUint16(2 * i, false) & 0x0fff) | 0x4000, false);
    const bytes = encodePart10Dict(meta, {
      ...dict,
      '00280101': { vr: 'US', Value: [12] },
      '00280102': { vr: 'US', Value: [11] },
      '7FE00010': { vr: 'OW', Value: [pixels.buffer] },
    });
    const out = deidentifyFile(bytes, 'big-endian', ctx());
    const written = parsePart10(out.bytes, 'out');
    expect(written.meta['00020010']!.Value).toEqual(['1.2.840.10008.1.2.2']);
    const samples = new DataView(written.dict['7FE00010']!.Value![0] as ArrayBuffer);
    const outside = [];
    for (let i = 0; i < samples.byteLength / 2; i++) {
      const v = samples.getInt16(2 * i, false);
      if (v < -2048 || v > 2047) outside.push(i);
    }
    expect(outside).toEqual([]);
    // The values themselves are kept: the stored 12 bits, sign-extended.
    expect(samples.getInt16(200, false)).toBe(view.getInt16(200, false));
  });

  it('withholds an image whose Burned In Annotation says YES padded with a NUL, as some writers pad, or in lower case', () => {
    const folder = temporaryFolder('burned-in-padding');
    afterAll(() => fs.rmSync(folder, { recursive: true, force: true }));
    for (const [name, bytes] of [['nul', 'YES\\x00'], ['lower', 'yes '], ['plain', 'YES ']] as const) {
      const file = path.join(folder, `${name}.dcm`);
      // pydicom writes the bytes as given: the value as a writer put it in the file.
      pydicomScript(`import sys, pydicom\nds = pydicom.dcmread(sys.argv[1])\nds.add_new(0x00280301, 'CS', b'${bytes}')\nds.save_as(sys.argv[2])`,
        path.join(SHARED_DICOM, 'pydicom/CT_small.dcm'), file);
      expect(deidentifyFile(fs.readFileSync(file), file, ctx()).withheld ?? 'exported', name).toMatch(/Burned In Annotation is YES/);
    }
  });

  it('asks for review of an image that says its pixels show recognisable features (a face)', () => {
    const source = path.join(SHARED_DICOM, 'pydicom/MR_small.dcm');
    const { meta, dict } = parsePart10(fs.readFileSync(source), source);
    const plain = deidentifyFile(encodePart10Dict(meta, dict), 'mr', ctx());
    expect(plain.burnedIn).toBeNull();
    const face = deidentifyFile(encodePart10Dict(meta, { ...dict, '00280302': { vr: 'CS', Value: ['YES'] } }), 'mr', ctx());
    expect(face.burnedIn).toMatch(/Recognizable Visual Features is YES/);
    expect(face.withheld).toBeNull();
  });

  it('reads a file without preamble and File Meta (a bare dataset, as the importer indexes it), implicit or big endian', () => {
    for (const name of ['MR_small_implicit.dcm', 'MR_small_bigendian.dcm']) {
      const file = fs.readFileSync(path.join(SHARED_DICOM, 'pydicom', name));
      // Cut the preamble, "DICM" and the File Meta group (its length is in (0002,0000) at byte 140).
      const bare = file.subarray(144 + file.readUInt32LE(140));
      const source = parsePart10(file, name).dict;
      const out = deidentifyFile(bare, name, ctx());
      expect(out.dataset['00100010']!.Value, name).toEqual([{ Alphabetic: 'BONEMET-0009' }]);
      expect(Buffer.from(out.dataset['7FE00010']!.Value![0] as ArrayBuffer).equals(Buffer.from(source['7FE00010']!.Value![0] as ArrayBuffer)), name).toBe(true);
    }
  });

  it('asks for review of a radiograph that does not say whether its pixels carry burned-in text', () => {
    const source = path.join(SHARED_DICOM, 'pydicom/CT_small.dcm');
    const { meta, dict } = parsePart10(fs.readFileSync(source), source);
    const { '00280301': _said, ...unsaid } = dict;
    for (const modality of ['CR', 'DX', 'XA', 'MG']) {
      const radiograph = deidentifyFile(encodePart10Dict(meta, { ...unsaid, '00080060': { vr: 'CS', Value: [modality] } }), modality, ctx());
      expect(radiograph.burnedIn, modality).toMatch(new RegExp(`modality ${modality} .*does not say`));
    }
    const saysNo = deidentifyFile(encodePart10Dict(meta, { ...unsaid, '00080060': { vr: 'CS', Value: ['CR'] }, '00280301': { vr: 'CS', Value: ['NO'] } }), 'cr', ctx());
    expect(saysNo.burnedIn).toBeNull();
    expect(deidentifyFile(encodePart10Dict(meta, unsaid), 'ct', ctx()).burnedIn, 'a CT').toBeNull();
  });
});
