import fs from 'node:fs';
import path from 'node:path';
import type { DenaturalizedDataset } from 'dcmjs';
import { describe, expect, it } from 'vitest';
import { deidentifyFile } from '../../../electron/core/export/deid/deidentify-file';
import { encodePart10Dict, parsePart10 } from '../../../electron/core/export/dicom/part10-io';
import { SHARED_DICOM } from '../../support/paths';

// An outside checker's elements that carry a name where the profile looks for values, not text: a
// standard attribute written with another VR (a CS as OB, a DS as FD), an attribute no dictionary
// knows in a numeric or binary VR (in the image's own group 0028 too), a DS or IS whose value is a
// word, a waveform carried inside an image, and pixel data longer than the image's frames. Each
// byte of the export is searched.

const SOURCE = path.join(SHARED_DICOM, 'pydicom/MR_small.dcm');
const PLANTED = 'Hostilewood!';
const bytesOf = (text: string) => new Uint8Array(Buffer.from(text, 'latin1')).buffer;
const ctx = () => ({ mapUid: (u: string) => `2.25.${u.length}`, pseudonym: 'BONEMET-0043', dateShiftDays: null });

/** The source with one extra element, or elements, as Part 10 bytes that hold the planted text. */
function planted(extra: DenaturalizedDataset): Buffer {
  const { meta, dict } = parsePart10(fs.readFileSync(SOURCE), SOURCE);
  const bytes = encodePart10Dict(meta, { ...dict, ...extra });
  expect(bytes.includes(Buffer.from('Hostilew'))).toBe(true);
  return bytes;
}

const CASES: Record<string, DenaturalizedDataset> = {
  'Burned In Annotation (CS) written as OB': { '00280301': { vr: 'OB', Value: [bytesOf(PLANTED)] } },
  'Spacing Between Slices (DS) written as FD': { '00180088': { vr: 'FD', Value: Array.from(new Float64Array(bytesOf('Hostilew'))) } },
  'an attribute no dictionary knows, as US': { '00189FF2': { vr: 'US', Value: Array.from(new Uint16Array(bytesOf(PLANTED))) } },
  'an attribute no dictionary knows, as OB in group 0028': { '00289FF0': { vr: 'OB', Value: [bytesOf(PLANTED)] } },
  'Slice Thickness (DS) holding a word': { '00180050': { vr: 'DS', Value: [PLANTED] } },
  'Instance Number (IS) holding a word': { '00200013': { vr: 'IS', Value: [PLANTED] } },
  'a waveform inside the image, its samples spelling a name': {
    '54000100': { vr: 'SQ', Value: [{ '003A0005': { vr: 'US', Value: [1] }, '003A0010': { vr: 'UL', Value: [6] }, '54001004': { vr: 'US', Value: [16] }, '54001006': { vr: 'CS', Value: ['SS'] }, '54001010': { vr: 'OW', Value: [bytesOf(PLANTED)] } }] },
  },
};

describe('de-identifying elements that carry text where values go', () => {
  for (const [what, extra] of Object.entries(CASES)) {
    it(`leaves no planted byte of ${what}, and keeps the image readable`, () => {
      const out = deidentifyFile(planted(extra), what, ctx());
      expect(out.bytes.includes(Buffer.from('Hostilew'))).toBe(false);
      const written = parsePart10(out.bytes, 'out').dict;
      expect([written['00280010']?.Value, written['00280011']?.Value, written['00280100']?.Value]).toEqual([[64], [64], [16]]);
    });
  }

  it('keeps native pixel data to the bytes of its frames: text after them goes', () => {
    const { dict } = parsePart10(fs.readFileSync(SOURCE), SOURCE);
    const pixels = new Uint8Array(dict['7FE00010']!.Value![0] as ArrayBuffer);
    const longer = Buffer.concat([pixels, Buffer.from(`${PLANTED}!`, 'latin1')]);
    const out = deidentifyFile(planted({ '7FE00010': { vr: 'OW', Value: [new Uint8Array(longer).buffer] } }), 'surplus', ctx());
    expect(out.bytes.includes(Buffer.from('Hostilew'))).toBe(false);
    const written = new Uint8Array(parsePart10(out.bytes, 'out').dict['7FE00010']!.Value![0] as ArrayBuffer);
    expect(written.byteLength).toBe(64 * 64 * 2);
    expect(Buffer.from(written).equals(Buffer.from(pixels))).toBe(true);
  });
});
