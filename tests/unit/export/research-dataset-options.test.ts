import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportResearchDataset } from '../../../electron/core/export/dataset/research-export';
import type { ExportProgress } from '../../../electron/core/export/dataset/research-export-types';
import { phantomFixture, type PhantomFixture } from './dicom-export-fixture';
import { filesUnder, readDataset } from './export-files';

let fixture: PhantomFixture;
beforeAll(async () => {
  fixture = await phantomFixture();
});
afterAll(() => fixture.cleanup());

const options = (outDir: string) => ({ studyInstanceUids: [fixture.truth.studyInstanceUid], outDir, dateShift: false, nifti: false, appVersion: '0.1.0' });

describe('research dataset options', () => {
  it('removes dates without the Modified Dates option, and a second export keeps the pseudonym but not the UIDs', async () => {
    const [one, two] = [path.join(fixture.dataDir, 'one'), path.join(fixture.dataDir, 'two')];
    await exportResearchDataset(fixture.db, options(one));
    await exportResearchDataset(fixture.db, options(two));
    const image = (dir: string) => readDataset(filesUnder(dir).find((f) => f.endsWith('IM000001.dcm'))!);
    const [a, b] = [image(one), image(two)];
    expect(a.StudyDate ?? '').toBe('');
    expect(a.LongitudinalTemporalInformationModified).toBe('REMOVED');
    expect([a.PatientID, b.PatientID]).toEqual(['BONEMET-0001', 'BONEMET-0001']);
    expect(a.StudyInstanceUID).not.toBe(b.StudyInstanceUID);
    expect(fs.existsSync(path.join(one, 'nifti'))).toBe(false);
  });

  it('refuses an output folder that is not empty', async () => {
    const dir = path.join(fixture.dataDir, 'busy');
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'mine');
    await expect(exportResearchDataset(fixture.db, options(dir))).rejects.toThrow(/not empty: choose a new or empty folder/);
  });

  it('reports progress file by file and, when cancelled, stops and removes what it wrote', async () => {
    const dir = path.join(fixture.dataDir, 'cancelled');
    const seen: ExportProgress[] = [];
    await expect(
      exportResearchDataset(fixture.db, options(dir), { onProgress: (p) => seen.push(p), isCancelled: () => seen.length >= 5 }),
    ).rejects.toMatchObject({ code: 'cancelled' });
    expect(seen.map((p) => p.filesDone)).toEqual([1, 2, 3, 4, 5]);
    expect(seen[0]).toMatchObject({ phase: 'images', filesTotal: 40, studiesTotal: 1 });
    expect(seen.at(-1)!.bytesDone).toBeGreaterThan(0);
    expect(fs.readdirSync(dir)).toEqual([]);
    expect(fixture.db.prepare('SELECT outcome FROM export_runs ORDER BY id DESC LIMIT 1').pluck().get()).toBe('cancelled');
  });
});
