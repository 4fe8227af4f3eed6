import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT, temporaryFolder } from '../support/paths';
import { formatTable, machineSummary, type BenchFigure } from './bench-support';

// npm run bench: every benchmark of the project, one after the other (never in parallel: they
// would measure each other), then one table of their figures.
const BENCHES = ['import-bench.ts', 'viewer-bench.ts', 'sqlite-bench.ts', 'export-bench.ts', 'analysis-bench.ts', 'pacs-bench.ts', 'team-sync-bench.ts'];

const folder = temporaryFolder('bench-all');
const figures: BenchFigure[] = [];
const tsx = path.join(REPO_ROOT, 'node_modules', '.bin', 'tsx');
for (const bench of BENCHES) {
  const script = path.join(REPO_ROOT, 'tests', 'bench', bench);
  if (!fs.existsSync(script)) {
    figures.push({ area: bench.replace('-bench.ts', ''), measure: '(no benchmark yet)', value: '', against: '' });
    continue;
  }
  const out = path.join(folder, `${bench}.json`);
  console.log(`\n=== ${bench}`);
  const run = spawnSync(tsx, [script, '--figures', out], { stdio: 'inherit', cwd: REPO_ROOT });
  if (run.status !== 0 || !fs.existsSync(out)) {
    figures.push({ area: bench.replace('-bench.ts', ''), measure: `FAILED (exit ${run.status})`, value: '', against: '' });
    continue;
  }
  figures.push(...(JSON.parse(fs.readFileSync(out, 'utf8')) as BenchFigure[]));
}
fs.rmSync(folder, { recursive: true, force: true });
console.log(`\nBoneMet Review benchmarks on ${machineSummary()}\n`);
console.log(formatTable(['area', 'measure', 'value', 'against'], figures.map((f) => [f.area, f.measure, f.value, f.against])));
if (figures.some((f) => f.measure.startsWith('FAILED'))) process.exit(1);
