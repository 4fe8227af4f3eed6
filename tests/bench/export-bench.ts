import fs from 'node:fs';
import path from 'node:path';
import { exportResearchDataset } from '../../electron/core/export/dataset/research-export';
import { studyInstances } from '../../electron/core/index/instance-queries';
import { phantomFixture } from '../unit/export/dicom-export-fixture';
import { SHARED_DICOM, temporaryFolder } from '../support/paths';
import { formatTable, machineSummary, reportFigures } from './bench-support';

// bench:export: the research dataset export (read, de-identify, re-encode, write every image; SEG,
// SR; optionally NIfTI) in MB/s of source images, against a plain copy of the same files, warm cache.
// Usage: tsx tests/bench/export-bench.ts [--slices 160] [--size 512] [--runs 3]

const args = process.argv.slice(2);
const flag = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const runs = flag('runs', 3);
const size = flag('size', 512);
const slices = flag('slices', 160);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main(): Promise<void> {
  const fixture = await phantomFixture({ grid: { rows: size, columns: size, sliceCount: slices, sliceSpacingMm: 1.25 }, alsoImport: [path.join(SHARED_DICOM, 'ct-series-lidc-idri-0314-chest')] });
  const work = temporaryFolder('export-bench');
  try {
    const studies = fixture.db.prepare('SELECT study_uid FROM studies').pluck().all() as string[];
    const files = studies.flatMap((s) => studyInstances(fixture.db, s).filter((i) => i.hasPixelData).map((i) => i.filePath));
    const bytes = files.reduce((n, f) => n + fs.statSync(f).size, 0);
    const mb = bytes / 1e6;
    // Warm the page cache so that every figure below reads from memory.
    for (const f of files) fs.readFileSync(f);

    const time = async (label: string, job: (dir: string) => Promise<void> | void) => {
      const seconds: number[] = [];
      for (let r = 0; r < runs; r++) {
        const dir = path.join(work, `${label.replace(/\W+/g, '-')}-${r}`);
        const started = performance.now();
        await job(dir);
        seconds.push((performance.now() - started) / 1000);
        fs.rmSync(dir, { recursive: true, force: true });
      }
      const s = median(seconds);
      return [label, s.toFixed(2), (mb / s).toFixed(1), ((s * 1000) / files.length).toFixed(2)];
    };
    const rows = [
      await time('plain copy (fs.copyFileSync)', (dir) => {
        fs.mkdirSync(dir, { recursive: true });
        files.forEach((f, i) => fs.copyFileSync(f, path.join(dir, `${i}.dcm`)));
      }),
      await time('export dataset', async (dir) => void (await exportResearchDataset(fixture.db, { studyInstanceUids: studies, outDir: dir, dateShift: false, nifti: false, appVersion: 'bench' }))),
      await time('export dataset --date-shift --nifti', async (dir) => void (await exportResearchDataset(fixture.db, { studyInstanceUids: studies, outDir: dir, dateShift: true, nifti: true, appVersion: 'bench' }))),
    ];
    console.log(`Research dataset export: ${files.length} images, ${mb.toFixed(1)} MB (phantom ${size}x${size}x${slices} + LIDC chest CT 72 slices), median of ${runs}, warm cache`);
    console.log(`Machine: ${machineSummary()}\n`);
    console.log(formatTable(['what', 'seconds', 'MB/s', 'ms/image'], rows));
    const [copy, plain, full] = rows as [[string, string, string, string], [string, string, string, string], [string, string, string, string]];
    reportFigures([
      { area: 'export', measure: `research dataset, ${files.length} images`, value: `${plain[2]} MB/s`, against: `plain copy ${copy[2]} MB/s` },
      { area: 'export', measure: 'dataset with date shift + NIfTI', value: `${full[2]} MB/s`, against: `plain copy ${copy[2]} MB/s` },
    ]);
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
    fixture.cleanup();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
