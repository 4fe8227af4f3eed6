import fs from 'node:fs';
import path from 'node:path';
import { writeSyntheticCorpus } from '../../electron/core/phantom/corpus';
import { REPO_ROOT, temporaryFolder } from '../support/paths';
import { importInRunningApp } from './import-in-app';
import { formatTable, machineSummary, reportFigures, timeCommand } from './bench-support';

// bench:import: our CLI import of a synthetic corpus, first and again, against gdcmscanner and
// pydicom reading the same tags of the same files, all with a warm page cache.

const args = process.argv.slice(2);
const flag = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const fileCount = flag('files', 20_000);
const size = flag('size', 256);
const corpus = path.join(REPO_ROOT, '.bench', `import-corpus-${fileCount}-${size}`);

const GDCM_TAGS = [
  '0010,0020', '0010,0010', '0010,0030', '0010,0040', '0020,000d', '0008,0020', '0008,0030', '0008,0050', '0008,1030',
  '0020,000e', '0008,0060', '0020,0011', '0008,103e', '0018,0015', '0020,0052', '0008,0016', '0008,0018', '0020,0013',
  '0028,0010', '0028,0011', '0028,0008', '0028,0030', '0018,0050', '0020,0032', '0020,0037',
];

async function main(): Promise<void> {
  if (!fs.existsSync(path.join(corpus, '.complete'))) {
    fs.rmSync(corpus, { recursive: true, force: true });
    const started = performance.now();
    const summary = await writeSyntheticCorpus({ outDir: corpus, fileCount, rows: size, columns: size, seriesSize: 250 });
    fs.writeFileSync(path.join(corpus, '.complete'), JSON.stringify(summary.fileCount));
    console.log(`Wrote ${summary.fileCount} files (${(summary.bytesWritten / 2 ** 20).toFixed(0)} MiB, ${summary.series.length} series) in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
  fs.rmSync(path.join(corpus, '.complete'), { force: true }); // the marker is not a DICOM file: keep it out of the scans
  try {
    await measure();
  } finally {
    fs.writeFileSync(path.join(corpus, '.complete'), String(fileCount));
  }
}

async function measure(): Promise<void> {
  // The CLI as a user runs it (`npm run bonemet` without npm's own start-up): the launcher and its bundle.
  const node = process.execPath;
  const cli = path.join(REPO_ROOT, 'electron', 'cli', 'launch.mjs');
  timeCommand(node, [cli, 'help']); // build the bundle now if a source changed, outside the timings
  const gdcm = () => timeCommand('gdcmscanner', ['-r', '-p', '-d', corpus, ...GDCM_TAGS.flatMap((t) => ['-t', t])]);
  gdcm(); // warm the page cache with every file read once

  const dataDir = temporaryFolder('bench-import');
  try {
    const first = timeCommand(node, [cli, 'import', corpus, '--json', '--data-dir', dataDir]);
    const firstReport = JSON.parse(first.stdout);
    if (firstReport.indexed !== fileCount) throw new Error(`expected ${fileCount} indexed, got ${firstReport.indexed}`);
    const again = timeCommand(node, [cli, 'import', corpus, '--json', '--data-dir', dataDir]);
    if (JSON.parse(again.stdout).unchanged !== fileCount) throw new Error('the re-import did not skip every file');
    const scanner = gdcm();
    const floor = timeCommand(node, [path.join(REPO_ROOT, 'tests', 'bench', 'stat-floor.mjs'), corpus]);
    const floorTwoThreads = timeCommand(node, [path.join(REPO_ROOT, 'tests', 'bench', 'stat-floor-two-threads.mjs'), corpus]);
    const nodeStart = timeCommand(node, ['-e', '0']);
    const pydicom = timeCommand('/usr/bin/python3', [path.join(REPO_ROOT, 'tests', 'bench', 'pydicom-scan.py'), corpus]);
    // What a user of the app waits for: the app is already running when they click Import.
    const [appFirst, ...appAgain] = await importInRunningApp(corpus, 3);
    if (appFirst!.report.indexed !== fileCount || appAgain.some((r) => r.report.unchanged !== fileCount)) throw new Error('the in-app imports did not index, then skip, every file');
    const appReimport = [...appAgain.map((r) => r.seconds)].sort((a, b) => a - b)[1]!; // median of 3

    const rate = (s: number) => `${Math.round(fileCount / s)}`;
    // Each row: what ran, its seconds, and whether it touched the files (a files/s figure means something).
    const rows = [
      ['BoneMet first import (CLI)', first.seconds, true],
      ['BoneMet re-import (CLI)', again.seconds, true],
      ['gdcmscanner -r -p (same tags)', scanner.seconds, true],
      ['floor: bare Node walk + stat of every file', floor.seconds, true],
      ['floor: the same walk + stat on two threads', floorTwoThreads.seconds, true],
      ['floor: Node start-up alone (node -e 0)', nodeStart.seconds, false],
      ['pydicom dcmread(stop_before_pixels)', pydicom.seconds, true],
      ['BoneMet first import (running app, Import clicked)', appFirst!.seconds, true],
      ['BoneMet re-import (running app, median of 3)', appReimport, true],
    ].map(([name, s, touchesFiles]) => [name as string, (s as number).toFixed(2), touchesFiles ? rate(s as number) : '-']);
    console.log(`\nImport benchmark: ${fileCount} synthetic CT files (${size}x${size}), warm cache; ${machineSummary()}\n`);
    console.log(formatTable(['run (CLI rows: whole process)', 'seconds', 'files/s'], rows));
    console.log('');
    console.log(`first import / gdcmscanner:   ${(first.seconds / scanner.seconds).toFixed(2)}x  (target <= 1.5x)`);
    console.log(`first import / pydicom:       ${(first.seconds / pydicom.seconds).toFixed(2)}x`);
    console.log(`first import / re-import:     ${(first.seconds / again.seconds).toFixed(1)}x faster again  (target >= 10x)`);
    const bestFloor = Math.min(floor.seconds, floorTwoThreads.seconds);
    console.log(`re-import / stat floor:       ${(again.seconds / bestFloor).toFixed(2)}x  (first import / floor: ${(first.seconds / bestFloor).toFixed(1)}x, the most any re-import in Node could show)`);
    console.log(`first import / Node start-up: ${(first.seconds / nodeStart.seconds).toFixed(1)}x  (a process that only starts Node)`);
    console.log(`(in-process import time reported by the CLI: first ${firstReport.seconds.toFixed(2)} s)`);
    console.log(`running app: first import / gdcmscanner ${(appFirst!.seconds / scanner.seconds).toFixed(2)}x (target <= 1.5x); first / re-import ${(appFirst!.seconds / appReimport).toFixed(1)}x (target >= 10x)`);
    reportFigures([
      { area: 'import', measure: `first import, ${fileCount} files`, value: `${first.seconds.toFixed(2)} s (${rate(first.seconds)} files/s)`, against: `gdcmscanner ${scanner.seconds.toFixed(2)} s: ${(first.seconds / scanner.seconds).toFixed(2)}x (target <= 1.5x)` },
      { area: 'import', measure: 're-import (unchanged)', value: `${again.seconds.toFixed(2)} s`, against: `${(first.seconds / again.seconds).toFixed(1)}x faster than first (target >= 10x)` },
      { area: 'import', measure: 'floor: Node walk + stat', value: `${floor.seconds.toFixed(2)} s`, against: `re-import ${(again.seconds / floor.seconds).toFixed(2)}x the floor` },
      { area: 'import', measure: 'floor: walk + stat on two threads', value: `${floorTwoThreads.seconds.toFixed(2)} s`, against: `one thread: ${floor.seconds.toFixed(2)} s` },
      { area: 'import', measure: 'floor: Node start-up alone', value: `${nodeStart.seconds.toFixed(2)} s`, against: `first import ${(first.seconds / nodeStart.seconds).toFixed(1)}x it` },
      { area: 'import', measure: 'first import in the running app', value: `${appFirst!.seconds.toFixed(2)} s`, against: `gdcmscanner: ${(appFirst!.seconds / scanner.seconds).toFixed(2)}x (target <= 1.5x)` },
      { area: 'import', measure: 're-import in the running app', value: `${appReimport.toFixed(2)} s`, against: `${(appFirst!.seconds / appReimport).toFixed(1)}x faster than first (target >= 10x)` },
      { area: 'import', measure: 'pydicom, same tags', value: `${pydicom.seconds.toFixed(2)} s`, against: `ours ${(pydicom.seconds / first.seconds).toFixed(1)}x faster` },
    ]);
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
