import { spawnSync } from 'node:child_process';
import { runPython } from '../../support/python-runner';

// The independent checkers of DESIGN.md: dciodvfy (dicom3tools) and dsrdump (dcmtk).

/** dciodvfy's findings for one file, split into Error and Warning lines. */
export function dciodvfy(file: string): { errors: string[]; warnings: string[]; output: string } {
  const result = spawnSync('dciodvfy', [file], { encoding: 'utf8' });
  const output = `${result.stdout}${result.stderr}`;
  const lines = output.split('\n');
  return { errors: lines.filter((l) => l.startsWith('Error')), warnings: lines.filter((l) => l.startsWith('Warning')), output };
}

/** dsrdump's exit code and output (all codes printed). */
export function dsrdump(file: string): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync('dsrdump', ['+Pc', '+Pl', file], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** dcmdump's listing of a file's attributes (dcmtk), every value printed in full. */
export function dcmdump(file: string): string {
  const result = spawnSync('dcmdump', ['+L', file], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`dcmdump ${file}: ${result.stderr}`);
  return result.stdout;
}

/** The output of a Python script run with pydicom (Debian's /usr/bin/python3), given its arguments; throws with its stderr when it fails. */
export function pydicomScript(script: string, ...args: string[]): string {
  const run = runPython(['-c', script, ...args]);
  if (run.status !== 0) throw new Error(run.stderr);
  return run.stdout;
}
