import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from '../support/paths';

/** Runs a command to completion and returns its wall time in seconds; throws if it fails. */
export function timeCommand(command: string, args: string[], options: { env?: NodeJS.ProcessEnv; cwd?: string } = {}): { seconds: number; stdout: string } {
  const started = process.hrtime.bigint();
  const result = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 1024 * 1024 * 1024, env: options.env ?? process.env, cwd: options.cwd });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${result.status}): ${result.stderr?.slice(0, 2000)}`);
  return { seconds, stdout: result.stdout };
}

/** Formats a table of rows under a header, columns padded to their widest cell. */
export function formatTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** A short description of the machine, for quoting figures with where they were measured. */
export function machineSummary(): string {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  return `${os.cpus().length} x ${cpu}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}`;
}

/** One figure of a benchmark, as the combined table (`npm run bench`) prints it. */
export interface BenchFigure {
  area: string;
  measure: string;
  value: string;
  against: string;
}

/** Writes a benchmark's figures where `--figures FILE` asks, for `npm run bench` to combine. */
export function reportFigures(figures: BenchFigure[], argv: readonly string[] = process.argv): void {
  const i = argv.indexOf('--figures');
  if (i >= 0 && argv[i + 1]) fs.writeFileSync(argv[i + 1]!, JSON.stringify(figures));
}

/** A benchmark's numeric option `--name N` from the command line, or its default. */
export function numberFlag(name: string, fallback: number, argv: readonly string[] = process.argv): number {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? Number(argv[i + 1]) : fallback;
}

/** The median of some repetitions (the upper middle one of an even count). */
export function median(values: readonly number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
}

/** Builds the renderer when a source is newer than the build, so that a figure never measures stale code. */
export function ensureRendererBuild(): void {
  const built = path.join(REPO_ROOT, 'out', 'renderer', 'index.html');
  const newest = (dir: string): number =>
    fs.readdirSync(dir, { withFileTypes: true }).reduce((t, e) => Math.max(t, e.isDirectory() ? newest(path.join(dir, e.name)) : fs.statSync(path.join(dir, e.name)).mtimeMs), 0);
  const builtAt = fs.existsSync(built) ? fs.statSync(built).mtimeMs : 0;
  if (builtAt > Math.max(newest(path.join(REPO_ROOT, 'renderer')), newest(path.join(REPO_ROOT, 'shared')))) return;
  console.log('Building the renderer (electron-vite build)...');
  const run = spawnSync(path.join(REPO_ROOT, 'node_modules', '.bin', 'electron-vite'), ['build'], { cwd: REPO_ROOT, stdio: 'inherit' });
  if (run.status !== 0) throw new Error('electron-vite build failed');
}
