import fs from 'node:fs';
import path from 'node:path';
import { coreInternals } from '../../electron/core/app-core';
import { exportResearchDataset } from '../../electron/core/export/dataset/research-export';
import { volumeProblem } from '../../electron/core/export/nifti/series-volume';
import { studyInstances } from '../../electron/core/index/instance-queries';
import { setCurrentReader } from '../../electron/core/lesions/reader-settings';
import { openPhantomBench } from '../support/cylinder-phantom';
import { drawnEnhancedCt } from '../support/drawn-enhanced-ct';
import { SHARED_DICOM } from '../support/paths';
import { median, numberFlag } from './bench-support';

// How often a research export (SEG, SR and NIfTI) opens an Enhanced CT file, and how long it takes:
// each open is a whole-file read (readIndexedFile). A circle is drawn on one frame, so the SEG plan
// places the file's frames too. Then how many files the NIfTI check (volumeProblem) reads of
// radiographs, which the index leaves unplaced (no Image Position): none of them can be a volume.
// Usage: tsx tests/bench/export-reads.ts [--slices 48] [--size 256] [--runs 3]

const slices = numberFlag('slices', 48);
const size = numberFlag('size', 256);
const runs = numberFlag('runs', 3);

async function main(): Promise<void> {
  const bench = openPhantomBench('export-reads');
  try {
    const db = coreInternals(bench.core).db;
    setCurrentReader(db, { initials: 'AB', name: 'Anna Berg' });
    const { file, study } = await drawnEnhancedCt(bench, { sliceCount: slices, rows: size, columns: size, uidRoot: '2.25.9191' }, { insetMm: 40, radiusMm: 5 });

    // Every readIndexedFile opens the file (openImportedFile): count the opens of the files watched.
    let opens = 0;
    let watched = new Set([file]);
    const openSync = fs.openSync;
    fs.openSync = ((...args: Parameters<typeof fs.openSync>) => {
      if (watched.has(String(args[0]))) opens++;
      return openSync(...args);
    }) as typeof fs.openSync;
    const seconds: number[] = [];
    const cpu: number[] = [];
    const counts: number[] = [];
    for (let r = 0; r < runs; r++) {
      opens = 0;
      const outDir = path.join(bench.root, `out-${r}`);
      const started = performance.now();
      const cpuBefore = process.cpuUsage();
      const result = await exportResearchDataset(db, { studyInstanceUids: [study], outDir, dateShift: false, nifti: true, appVersion: 'bench' });
      const used = process.cpuUsage(cpuBefore);
      cpu.push((used.user + used.system) / 1e6);
      seconds.push((performance.now() - started) / 1000);
      counts.push(opens);
      if (result.segFiles !== 1 || result.niftiFiles !== 2) throw new Error(`expected one SEG and a NIfTI pair, got ${result.segFiles} SEG, ${result.niftiFiles} NIfTI`);
      fs.rmSync(outDir, { recursive: true, force: true });
    }
    const mb = fs.statSync(file).size / 1e6;
    console.log(`Research export (SEG, SR, NIfTI) of one Enhanced CT, ${slices} frames of ${size}x${size} (${mb.toFixed(1)} MB), ${runs} runs`);
    console.log(`whole-file reads of it per export: ${counts.join(', ')}; median ${median(seconds).toFixed(3)} s wall, ${median(cpu).toFixed(3)} s CPU`);

    const radiographs = path.join(bench.root, 'radiographs');
    fs.cpSync(path.join(SHARED_DICOM, 'pydicom/dicomdirtests/77654033'), radiographs, { recursive: true });
    await bench.importFolder(radiographs);
    const crStudies = db.prepare("SELECT DISTINCT st.study_uid FROM studies st JOIN series se ON se.study_ref = st.id WHERE se.modality = 'CR'").pluck().all() as string[];
    const cr = crStudies.flatMap((s) => studyInstances(db, s)).filter((i) => i.modality === 'CR' && i.hasPixelData);
    watched = new Set(cr.map((i) => i.filePath));
    opens = 0;
    const problems = cr.map((i) => volumeProblem([i]));
    console.log(`NIfTI check of ${cr.length} radiographs (CR, unplaced): ${opens} files read; ${problems.filter(Boolean).length} refused: ${problems[0]}`);
    fs.openSync = openSync;
  } finally {
    bench.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
