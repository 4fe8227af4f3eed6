import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { coreInternals } from '../../../electron/core/app-core';
import { exportResearchDataset } from '../../../electron/core/export/dataset/research-export';
import { volumeProblem } from '../../../electron/core/export/nifti/series-volume';
import { studyInstances } from '../../../electron/core/index/instance-queries';
import { setCurrentReader } from '../../../electron/core/lesions/reader-settings';
import { openPhantomBench, type PhantomBench } from '../../support/cylinder-phantom';
import { drawnEnhancedCt } from '../../support/drawn-enhanced-ct';
import { SHARED_DICOM } from '../../support/paths';

// Each readIndexedFile opens the file it reads whole (openImportedFile): how often an export opens
// a file is how often it reads it.

let bench: PhantomBench;
const openSync = fs.openSync;
let watched = new Set<string>();
let opens = 0;
beforeAll(() => {
  bench = openPhantomBench('export-file-reads');
  setCurrentReader(coreInternals(bench.core).db, { initials: 'AB', name: 'Anna Berg' });
  fs.openSync = ((...args: Parameters<typeof fs.openSync>) => {
    if (watched.has(String(args[0]))) opens++;
    return openSync(...args);
  }) as typeof fs.openSync;
});
afterEach(() => {
  watched = new Set();
  opens = 0;
});
afterAll(() => {
  fs.openSync = openSync;
  bench.close();
});

describe('a research export of an Enhanced CT with an area drawn on a frame (SEG, SR and NIfTI)', () => {
  it('reads the file three times: its frames once for the NIfTI check, SEG plan and NIfTI writer, its images once, its pixels once', async () => {
    const db = coreInternals(bench.core).db;
    const { file, study } = await drawnEnhancedCt(bench, { sliceCount: 12, rows: 41, columns: 57, uidRoot: '2.25.7575' }, { insetMm: 20, radiusMm: 3 });
    watched = new Set([file]);
    const result = await exportResearchDataset(db, { studyInstanceUids: [study], outDir: path.join(bench.root, 'out'), dateShift: false, nifti: true, appVersion: 'test' });
    expect({ seg: result.segFiles, nifti: result.niftiFiles, unsegmented: result.unsegmented.length }).toEqual({ seg: 1, nifti: 2, unsegmented: 0 });
    expect(opens).toBe(3);
  });
});

describe('the NIfTI check of radiographs, which the index leaves without a position', () => {
  it('refuses them from what the index knows, reading none of their files', async () => {
    const folder = path.join(bench.root, 'radiographs');
    fs.cpSync(path.join(SHARED_DICOM, 'pydicom/dicomdirtests/77654033'), folder, { recursive: true });
    await bench.importFolder(folder);
    const db = coreInternals(bench.core).db;
    const studies = db.prepare("SELECT DISTINCT st.study_uid FROM studies st JOIN series se ON se.study_ref = st.id WHERE se.modality = 'CR'").pluck().all() as string[];
    const radiographs = studies.flatMap((s) => studyInstances(db, s)).filter((i) => i.modality === 'CR' && i.hasPixelData);
    expect(radiographs).toHaveLength(3);
    expect(radiographs.every((i) => i.imagePositionPatient === null)).toBe(true);
    watched = new Set(radiographs.map((i) => i.filePath));
    expect(radiographs.map((i) => volumeProblem([i]))).toEqual(Array(3).fill('an image lacks patient geometry or has several frames'));
    expect(opens).toBe(0);
  });
});
