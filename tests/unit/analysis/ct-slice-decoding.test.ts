import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { NOT_IMAGED_HU } from '../../../electron/core/analysis/volume/not-imaged';
import { readCtSlice } from '../../../electron/core/analysis/volume/read-ct-slice';
import { decodeRleFrame } from '../../../electron/core/dicom/rle-lossless';
import { writeCylinderPhantom } from '../../support/cylinder-phantom-script';
import { readManifest } from '../../support/manifest';
import { SHARED_DICOM, temporaryFolder } from '../../support/paths';
import { sliceFile } from '../../support/slice-file';

// The same CT image (cornerstone3d's CTImage.dcm) stored in every syntax the analysis reads must
// decode to the same HU, whose range matches the stored values gdcm read for the manifest.
const SYNTAXES = ['1.2.840.10008.1.2', '1.2.840.10008.1.2.1', '1.2.840.10008.1.2.2', '1.2.840.10008.1.2.1.99', '1.2.840.10008.1.2.5'];
const rows = readManifest().filter((r) => r.path.startsWith('cornerstone3d/CTImage.dcm_') && SYNTAXES.includes(r.transfer_syntax));

function decode(row: (typeof rows)[number]): Int16Array {
  const hu = new Int16Array(512 * 512);
  readCtSlice(sliceFile(path.join(SHARED_DICOM, row.path), row.transfer_syntax), 512, 512, hu, 0);
  return hu;
}

describe('CT slices for the analysis', () => {
  it('decodes implicit, explicit little and big endian, deflated and RLE to the same HU', () => {
    expect(rows.map((r) => r.transfer_syntax).sort()).toEqual([...SYNTAXES].sort());
    const reference = decode(rows.find((r) => r.transfer_syntax === '1.2.840.10008.1.2.1')!);
    for (const row of rows) expect(Buffer.from(decode(row).buffer).equals(Buffer.from(reference.buffer)), row.transfer_syntax).toBe(true);
  });

  it('applies the rescale: HU minus the intercept spans the stored range the manifest gives, its padding read as not imaged', () => {
    const row = rows.find((r) => r.transfer_syntax === '1.2.840.10008.1.2.5')!;
    const hu = decode(row);
    const [low, high] = row.stored_value_range.split('..').map(Number);
    // The file says Rescale Intercept -1024, slope 1. Its lowest stored value, -2000 (-3024 HU), is
    // GE's padding outside the reconstructed circle: 55772 pixels, all reaching the image's border.
    const imaged = hu.filter((v) => v !== NOT_IMAGED_HU);
    expect(low).toBe(-2000);
    expect(hu.length - imaged.length).toBe(55772);
    expect(imaged.reduce((a, b) => Math.min(a, b), Infinity) + 1024).toBeGreaterThan(low!);
    expect(imaged.reduce((a, b) => Math.max(a, b), -Infinity) + 1024).toBe(high);
  });

  it('refuses another size than the series, naming the file', () => {
    const row = rows[0]!;
    expect(() => readCtSlice(sliceFile(path.join(SHARED_DICOM, row.path), row.transfer_syntax), 256, 256, new Int16Array(256 * 256), 0)).toThrow(
      /^The bone analysis cannot read .*CTImage\.dcm_.*: it is not 256 x 256 pixels like the rest of the series\.$/,
    );
  });

  it('says why a damaged RLE frame cannot be decoded', () => {
    expect(decodeRleFrame(new Uint8Array(10), 4, 2)).toBe('the RLE frame is shorter than its header');
    const header = new Uint8Array(64 + 2);
    new DataView(header.buffer).setUint32(0, 2, true);
    new DataView(header.buffer).setUint32(4, 64, true);
    new DataView(header.buffer).setUint32(8, 66, true);
    // Segment 0: one literal byte, then nothing; four samples were due.
    header.set([0, 7], 64);
    expect(decodeRleFrame(header, 4, 2)).toBe('an RLE segment decodes to 1 of 4 samples');
  });

  it.each([
    ['12 bits in 16, High Bit 15, unsigned', { bitsStored: 12, highBit: 15, intercept: -1024 }],
    ['12 bits in 16, High Bit 15, signed', { bitsStored: 12, highBit: 15, signed: true, intercept: 0 }],
    ['12 bits in 16 at the bottom, signed', { bitsStored: 12, signed: true, intercept: 0 }],
  ])('reads the stored value, not the word (PS3.5 8.1.1): %s', (_name, spec) => {
    // Every unused bit is set in the top-left quarter (an embedded overlay); the rest holds zeros there.
    const folder = temporaryFolder('ct-stored-bits');
    try {
      writeCylinderPhantom({ sliceCount: 1, rows: 41, columns: 57, pixelSpacing: [2.5, 2.5], lesion: null, supersampling: 1, uidRoot: '2.25.52525', ...spec }, folder);
      const file = path.join(folder, fs.readdirSync(folder)[0]!);
      const hu = new Int16Array(41 * 57);
      readCtSlice(sliceFile(file, '1.2.840.10008.1.2.1'), 41, 57, hu, 0);
      // Air in the corners (100 x 140 mm about a 45 mm body; overlay or not), marrow on the bone's axis in the middle.
      expect([hu[0], hu[57 - 1], hu[40 * 57], hu[41 * 57 - 1], hu[20 * 57 + 28]]).toEqual([-1000, -1000, -1000, -1000, 20]);
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });

  it.each([
    ['unsigned, Pixel Padding Value 0 (-1024 HU) as US', { padding: { stored: 0, vr: 'US' } }],
    ['signed, Pixel Padding Value -1024 (-1024 HU with intercept 0) written as US 64512', { signed: true, intercept: 0, padding: { stored: -1024, vr: 'US' } }],
    ['signed, Pixel Padding Value -2000 as SS', { signed: true, padding: { stored: -2000, vr: 'SS' } }],
    ['12 bits signed, Pixel Padding Value -1024 written in its 12 bits (US 3072)', { signed: true, intercept: 0, bitsStored: 12, padding: { stored: -1024, vr: 'US', bits: 12 } }],
    ['12 bits signed, Pixel Padding Value -1024 written in 16 bits (US 64512)', { signed: true, intercept: 0, bitsStored: 12, padding: { stored: -1024, vr: 'US' } }],
    ['12 bits signed in the top bits (High Bit 15), Pixel Padding Value -1024 in 12 bits', { signed: true, intercept: 0, bitsStored: 12, highBit: 15, padding: { stored: -1024, vr: 'US', bits: 12 } }],
  ])('reads declared padding as not imaged, never as the air its value converts to: %s', (_name, spec) => {
    // Only a circle of 45 mm about the centre was reconstructed; the corners (86 mm out) are padding.
    const folder = temporaryFolder('ct-padding');
    try {
      writeCylinderPhantom({ sliceCount: 1, rows: 41, columns: 57, pixelSpacing: [2.5, 2.5], lesion: null, supersampling: 1, uidRoot: '2.25.52527', fovRadius: 45, ...spec }, folder);
      const file = path.join(folder, fs.readdirSync(folder)[0]!);
      const hu = new Int16Array(41 * 57);
      readCtSlice(sliceFile(file, '1.2.840.10008.1.2.1'), 41, 57, hu, 0);
      // Corners: padding; the bone's marrow in the middle; fat 40 mm to its left, inside the circle.
      expect([hu[0], hu[57 - 1], hu[40 * 57], hu[41 * 57 - 1], hu[20 * 57 + 28], hu[20 * 57 + 44]]).toEqual([NOT_IMAGED_HU, NOT_IMAGED_HU, NOT_IMAGED_HU, NOT_IMAGED_HU, 20, -100]);
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });
});
