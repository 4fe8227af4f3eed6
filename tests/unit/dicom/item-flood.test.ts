import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/core/db/open-database';
import { runImport } from '../../../electron/core/importer/run-import';
import { parseHeaderBytes } from '../../../electron/core/dicom/read-header';
import { writeItemFlood } from '../../support/hostile-headers';
import { SHARED_DICOM, temporaryFolder } from '../../support/paths';

// A 16 MB header of two million empty sequence items: parsed, it took 600 MB and 7 s (a 160 MB
// one, gigabytes). The import must refuse it in words and read a file of 100 000 items as before.
let work: string;

beforeAll(() => {
  work = temporaryFolder('item-flood');
  fs.mkdirSync(path.join(work, 'study'));
  writeItemFlood(path.join(work, 'study', 'flood.dcm'), 2_000_000, '1.2.826.0.1.3680043.8.498.71');
  writeItemFlood(path.join(work, 'study', 'many-items.dcm'), 100_000, '1.2.826.0.1.3680043.8.498.72');
  fs.copyFileSync(path.join(SHARED_DICOM, 'pydicom', 'CT_small.dcm'), path.join(work, 'study', 'CT_small.dcm'));
});
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

describe('a header of millions of sequence items', () => {
  it('is reported without being parsed, quickly and with bounded memory; a file of 100 000 items and the CT beside it are indexed', async () => {
    const db = openDatabase(path.join(work, 'data'));
    try {
      const before = process.resourceUsage().maxRSS;
      const started = performance.now();
      const report = await runImport(db, [path.join(work, 'study')]);
      const seconds = (performance.now() - started) / 1000;
      const grownMb = (process.resourceUsage().maxRSS - before) / 1024;
      expect(report.reported.map((r) => [path.basename(r.path), r.reason])).toEqual([
        ['flood.dcm', 'DICOM header could not be read: it holds more than 1,000,000 sequence items: the file is corrupt or built to exhaust memory, and it is not read'],
      ]);
      expect(db.prepare('SELECT file_path FROM instances ORDER BY file_path').pluck().all().map((p) => path.basename(p as string))).toEqual(['CT_small.dcm', 'many-items.dcm']);
      expect(grownMb).toBeLessThan(250);
      expect(seconds).toBeLessThan(4);
    } finally {
      db.close();
    }
  }, 60_000);
});

describe('pixel data that holds the bytes of an item tag more than a million times', () => {
  it('is read: the items are counted where the parser reads items, in the header', () => {
    const ct = fs.readFileSync(path.join(SHARED_DICOM, 'pydicom', 'CT_small.dcm'));
    // CT_small's Pixel Data (explicit VR little endian, OW), whose 32-bit length sits 8 bytes in.
    const at = ct.indexOf(Buffer.from([0xe0, 0x7f, 0x10, 0x00, 0x4f, 0x57]));
    const pixels = Buffer.alloc(1_100_000 * 4, Buffer.from([0xfe, 0xff, 0x00, 0xe0]));
    const header = Buffer.from(ct.subarray(0, at + 12));
    header.writeUInt32LE(pixels.length, at + 8);
    const dataSet = parseHeaderBytes(Buffer.concat([header, pixels]));
    expect(dataSet.string('x00080060')).toBe('CT');
    expect(dataSet.elements.x7fe00010?.length).toBe(4_400_000);
  });
});
