import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/core/db/open-database';
import { runImport } from '../../../electron/core/importer/run-import';
import { writeElementFlood } from '../../support/hostile-headers';
import { SHARED_DICOM, temporaryFolder } from '../../support/paths';

// A 64 MB header of eight million empty data elements: dicom-parser made an object of each, and
// reading it took 100 s and 2.7 GB (measured on this machine, 2026-12-07), for one file of an
// import. The import must refuse it in words, at the top level, inside a sequence item, under
// sequences nested deeper than the count follows, and after elements a count that framed them
// otherwise than dicom-parser would misread; and read a file of 200 000 elements and the CT beside
// it as before.
let work: string;

beforeAll(() => {
  work = temporaryFolder('element-flood');
  fs.mkdirSync(path.join(work, 'study'));
  writeElementFlood(path.join(work, 'study', 'flood.dcm'), 8_000_000, '1.2.826.0.1.3680043.8.498.81', 'top level');
  writeElementFlood(path.join(work, 'study', 'nested-flood.dcm'), 2_100_000, '1.2.826.0.1.3680043.8.498.82', 'in a sequence item');
  writeElementFlood(path.join(work, 'study', 'deep-flood.dcm'), 2_100_000, '1.2.826.0.1.3680043.8.498.84', 'under 100 nested sequences');
  writeElementFlood(path.join(work, 'study', 'un-flood.dcm'), 2_100_000, '1.2.826.0.1.3680043.8.498.85', 'after an undefined-length UN');
  writeElementFlood(path.join(work, 'study', 'sv-flood.dcm'), 2_100_000, '1.2.826.0.1.3680043.8.498.86', 'after an empty SV');
  writeElementFlood(path.join(work, 'study', 'many-elements.dcm'), 200_000, '1.2.826.0.1.3680043.8.498.83', 'in a sequence item');
  fs.copyFileSync(path.join(SHARED_DICOM, 'pydicom', 'CT_small.dcm'), path.join(work, 'study', 'CT_small.dcm'));
});
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

describe('a header of millions of data elements', () => {
  it('is reported without being parsed, with bounded memory; a file of 200 000 elements and the CT beside it are indexed', async () => {
    const db = openDatabase(path.join(work, 'data'));
    try {
      const before = process.resourceUsage().maxRSS;
      const report = await runImport(db, [path.join(work, 'study')]);
      const grownMb = (process.resourceUsage().maxRSS - before) / 1024;
      const refused = 'DICOM header could not be read: its header holds more than 2,000,000 data elements: the file is corrupt or built to exhaust memory, and it is not read';
      const tooDeep = 'DICOM header could not be read: its sequences are nested too deeply to read (the header is corrupt)';
      expect(report.reported.map((r) => [path.basename(r.path), r.reason]).sort()).toEqual([
        ['deep-flood.dcm', tooDeep],
        ['flood.dcm', refused],
        ['nested-flood.dcm', refused],
        ['sv-flood.dcm', refused],
        ['un-flood.dcm', refused],
      ]);
      expect(db.prepare('SELECT file_path FROM instances ORDER BY file_path').pluck().all().map((p) => path.basename(p as string))).toEqual(['CT_small.dcm', 'many-elements.dcm']);
      expect(grownMb).toBeLessThan(500);
    } finally {
      db.close();
    }
  }, 180_000);
});
