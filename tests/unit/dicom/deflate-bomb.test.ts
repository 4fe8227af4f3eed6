import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/core/db/open-database';
import { runImport } from '../../../electron/core/importer/run-import';
import { readCtSlice } from '../../../electron/core/analysis/volume/read-ct-slice';
import { readDicomFrame } from '../../../electron/core/export/referral/key-image/dicom-frame';
import { writeDeflateBomb } from '../../support/hostile-headers';
import { parsePart10 } from '../../../electron/core/export/dicom/part10-io';
import { SHARED_DICOM, temporaryFolder } from '../../support/paths';

// A Deflated Explicit VR file of 2 MB whose data set inflates to 2 GiB (a private element of
// zeros): each reader must refuse it in words, without holding gigabytes for one file.
const BOMB_MIB = 2048;
/** Peak memory a reader may add for the bomb: the inflation limit (256 MiB) a few times over, far below 2 GiB. */
const MAX_PEAK_GROWTH_MB = 1100;

let work: string;
let bomb: string;

/** The process's peak resident memory (MB) grown while `read` runs. */
function peakGrowthMb(read: () => void): number {
  const before = process.resourceUsage().maxRSS;
  read();
  return (process.resourceUsage().maxRSS - before) / 1024;
}

beforeAll(() => {
  work = temporaryFolder('deflate-bomb');
  fs.mkdirSync(path.join(work, 'study'));
  bomb = path.join(work, 'study', 'bomb.dcm');
  writeDeflateBomb(bomb, BOMB_MIB);
  fs.copyFileSync(path.join(SHARED_DICOM, 'pydicom', 'CT_small.dcm'), path.join(work, 'study', 'CT_small.dcm'));
});
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

describe('a deflate bomb (2 MB inflating to 2 GiB)', () => {
  it('is reported by the import as a deflate bomb, with bounded memory, and the good file beside it is indexed', async () => {
    expect(fs.statSync(bomb).size).toBeLessThan(4 * 1024 * 1024);
    const db = openDatabase(path.join(work, 'data'));
    try {
      const before = process.resourceUsage().maxRSS;
      const report = await runImport(db, [path.join(work, 'study')]);
      expect(report.indexed).toBe(1);
      expect(report.reported).toHaveLength(1);
      expect(report.reported[0]!.path).toBe(bomb);
      expect(report.reported[0]!.reason).toMatch(/inflates to more than 256 MiB.*deflate bomb/);
      expect((process.resourceUsage().maxRSS - before) / 1024).toBeLessThan(MAX_PEAK_GROWTH_MB);
    } finally {
      db.close();
    }
  }, 60_000);

  it('is refused by the bone analysis slice reader in words, with bounded memory', () => {
    const stat = fs.statSync(bomb);
    const file = { path: bomb, size: stat.size, mtimeMs: stat.mtimeMs, transferSyntaxUid: '1.2.840.10008.1.2.1.99', frameNumber: 1, framesInFile: 1, rescale: null };
    let thrown: unknown;
    const growth = peakGrowthMb(() => {
      try {
        readCtSlice(file, 512, 512, new Int16Array(512 * 512), 0);
      } catch (error) {
        thrown = error;
      }
    });
    expect(String((thrown as Error | undefined)?.message)).toMatch(/cannot read .*bomb\.dcm.*deflate bomb/);
    expect(growth).toBeLessThan(MAX_PEAK_GROWTH_MB);
  }, 60_000);

  it('is refused by the referral key-image reader in words, with bounded memory', () => {
    let read: ReturnType<typeof readDicomFrame> | undefined;
    const growth = peakGrowthMb(() => (read = readDicomFrame(bomb, 1)));
    expect(read).toMatchObject({ ok: false, fileError: expect.stringMatching(/deflate bomb/) });
    expect(growth).toBeLessThan(MAX_PEAK_GROWTH_MB);
  }, 60_000);
});

describe('a deflate bomb in the pixel data (the header before it inflates small)', () => {
  it('is refused by the Part 10 reader of the exports in words, with bounded memory', () => {
    const file = path.join(work, 'pixel-bomb.dcm');
    writeDeflateBomb(file, BOMB_MIB, '1.2.826.0.1.3680043.8.498.4243', 'pixel data');
    let thrown: unknown;
    const growth = peakGrowthMb(() => {
      try {
        parsePart10(fs.readFileSync(file), 'pixel-bomb.dcm');
      } catch (error) {
        thrown = error;
      }
    });
    expect(thrown).toMatchObject({ code: 'unsupported', message: expect.stringMatching(/pixel-bomb\.dcm.*deflate bomb/) });
    expect(growth).toBeLessThan(MAX_PEAK_GROWTH_MB);
  }, 60_000);
});
