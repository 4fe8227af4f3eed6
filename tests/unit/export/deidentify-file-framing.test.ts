import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { deidentifyFile } from '../../../electron/core/export/deid/deidentify-file';
import { encodePart10Dict, parsePart10 } from '../../../electron/core/export/dicom/part10-io';
import { SHARED_DICOM } from '../../support/paths';

// The bytes around a data set, where an outside checker hides identity: the 128-byte preamble (a
// TIFF header with text, as dual-format files carry), and a File Meta group whose length lies, so
// that its last elements (which program wrote it, who sent it) are read as part of the data set,
// and a sequence delimiter with bytes after it, which throws the reading of the rest off.

const SOURCE = path.join(SHARED_DICOM, 'pydicom/MR_small.dcm');
const ctx = () => ({ mapUid: (u: string) => `2.25.${u.length}`, pseudonym: 'BONEMET-0045', dateShiftDays: null });

/** The source as Part 10 with a File Meta naming the sending program and AE title. */
function withTellingMeta(): Buffer {
  const { meta, dict } = parsePart10(fs.readFileSync(SOURCE), SOURCE);
  return encodePart10Dict({ ...meta, '00020013': { vr: 'SH', Value: ['HOSTIMPL_9931'] }, '00020016': { vr: 'AE', Value: ['HOSTSRC_AE7'] }, '00020100': { vr: 'UI', Value: ['1.2.826.0.1.3680043.9.7777.90'] } }, dict);
}

describe('de-identifying the bytes around a data set', () => {
  it('writes a preamble of zeros, whatever the source preamble held', () => {
    const bytes = withTellingMeta();
    Buffer.from('II*\0 Hostilewood TIFF preamble', 'latin1').copy(bytes, 0);
    const out = deidentifyFile(bytes, 'preamble', ctx());
    expect(out.bytes.subarray(0, 128).every((b) => b === 0)).toBe(true);
    expect(out.bytes.includes(Buffer.from('Hostilewood'))).toBe(false);
  });

  it('leaves out File Meta elements that a short group length puts into the data set', () => {
    const bytes = withTellingMeta();
    // (0002,0000) holds the group's length at byte 140; make it end before Implementation Version Name.
    const implementation = bytes.indexOf(Buffer.from([0x02, 0x00, 0x13, 0x00]), 144);
    bytes.writeUInt32LE(implementation - 144, 140);
    expect(parsePart10(bytes, 'short').dict['00020013']?.Value).toEqual(['HOSTIMPL_9931']);
    const out = deidentifyFile(bytes, 'short', ctx());
    for (const text of ['HOSTIMPL_9931', 'HOSTSRC_AE7', '1.2.826.0.1.3680043.9.7777.90']) expect(out.bytes.includes(Buffer.from(text)), text).toBe(false);
    expect(Object.keys(out.dataset).filter((tag) => tag.startsWith('0002'))).toEqual([]);
  });

  it('does not export an image whose data set cannot be read whole (a sequence delimiter carrying bytes)', () => {
    const { meta, dict } = parsePart10(fs.readFileSync(SOURCE), SOURCE);
    const bytes = encodePart10Dict(meta, { ...dict, '00081140': { vr: 'SQ', Value: [{ '00081150': { vr: 'UI', Value: ['1.2.840.10008.5.1.4.1.1.4'] } }] } });
    const sequence = bytes.indexOf(Buffer.from([0x08, 0x00, 0x40, 0x11, 0x53, 0x51]));
    const delimiter = bytes.indexOf(Buffer.from([0xfe, 0xff, 0xdd, 0xe0, 0, 0, 0, 0]), sequence);
    const bogus = Buffer.from('Hostilewood!', 'latin1');
    const length = Buffer.alloc(4);
    length.writeUInt32LE(bogus.length);
    const crafted = Buffer.concat([bytes.subarray(0, delimiter + 4), length, bogus, bytes.subarray(delimiter + 8)]);
    const out = deidentifyFile(crafted, 'delimiter', ctx());
    expect(out.withheld).toMatch(/could not be read whole/);
    expect(out.bytes.includes(Buffer.from('Hostilewood'))).toBe(false);
  });
});
