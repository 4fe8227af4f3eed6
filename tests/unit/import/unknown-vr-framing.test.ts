import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readDicomHeader } from '../../../electron/core/dicom/read-header';
import { parsePart10 } from '../../../electron/core/export/dicom/part10-io';
import { temporaryFolder } from '../../support/paths';

// PS3.5 7.1.2: only the VRs it lists (AE ... US) have a 2-byte length; every other VR, one a reader
// does not know (a VR added after it was written) included, has two reserved bytes and a 4-byte
// length. Read with the 2-byte form, the reserved bytes are the length, the 4-byte length the next
// tag: every element after it is misread.

const EXPLICIT_VR_LITTLE_ENDIAN = '1.2.840.10008.1.2.1';

/** An Explicit VR Little Endian element; `long`: the 4-byte length form. */
function element(group: number, number: number, vr: string, value: Buffer, long = false): Buffer {
  const header = Buffer.alloc(long ? 12 : 8);
  header.writeUInt16LE(group, 0);
  header.writeUInt16LE(number, 2);
  header.write(vr, 4, 'latin1');
  if (long) header.writeUInt32LE(value.length, 8);
  else header.writeUInt16LE(value.length, 6);
  return Buffer.concat([header, value]);
}

/** Text padded to an even length, as DICOM stores it. */
const text = (value: string, pad = ' ') => Buffer.from(value.length % 2 ? value + pad : value, 'latin1');

/** A Part 10 file with a private element of a VR no reader knows ("ZZ"), then an empty Diffusion b-value and Rows. */
function withUnknownVr(): Buffer {
  const sop = '2.25.7120198451';
  const metaElements = Buffer.concat([
    element(0x0002, 0x0001, 'OB', Buffer.from([0, 1]), true),
    element(0x0002, 0x0002, 'UI', text('1.2.840.10008.5.1.4.1.1.4', '\0')),
    element(0x0002, 0x0003, 'UI', text(sop, '\0')),
    element(0x0002, 0x0010, 'UI', text(EXPLICIT_VR_LITTLE_ENDIAN, '\0')),
  ]);
  const groupLength = Buffer.alloc(4);
  groupLength.writeUInt32LE(metaElements.length);
  const data = Buffer.concat([
    element(0x0008, 0x0016, 'UI', text('1.2.840.10008.5.1.4.1.1.4', '\0')),
    element(0x0008, 0x0018, 'UI', text(sop, '\0')),
    element(0x0009, 0x0010, 'LO', text('BONEMET FUTURE')),
    element(0x0009, 0x1001, 'ZZ', Buffer.from([1, 2, 3, 4, 5, 6]), true),
    element(0x0010, 0x0020, 'LO', text('UNKNOWN-VR')),
    element(0x0018, 0x9087, 'FD', Buffer.alloc(0)),
    element(0x0028, 0x0010, 'US', Buffer.from([0x40, 0x01])),
  ]);
  return Buffer.concat([Buffer.alloc(128), Buffer.from('DICM'), element(0x0002, 0x0000, 'UL', groupLength), metaElements, data]);
}

const folder = temporaryFolder('unknown-vr');
afterAll(() => fs.rmSync(folder, { recursive: true, force: true }));

describe('an explicit VR the reader does not know', () => {
  it('is framed with the 4-byte length when a file is imported: the elements after it read as written', () => {
    const file = path.join(folder, 'unknown-vr.dcm');
    fs.writeFileSync(file, withUnknownVr());
    const read = readDicomHeader(file, fs.statSync(file).size);
    if (read.kind !== 'dataset') throw new Error(read.reason);
    const unknown = read.dataSet.elements['x00091001'];
    expect([unknown?.vr, unknown?.length]).toEqual(['ZZ', 6]);
    expect([read.dataSet.string('x00100020'), read.dataSet.uint16('x00280010')]).toEqual(['UNKNOWN-VR', 320]);
  });

  it('is framed with the 4-byte length when a file is exported: an empty b-value after it stays empty, not 0', () => {
    const { dict } = parsePart10(withUnknownVr(), 'unknown-vr.dcm');
    expect(dict['00280010']?.Value).toEqual([320]);
    expect(dict['00189087']).toEqual({ vr: 'FD', Value: [] });
  });
});
