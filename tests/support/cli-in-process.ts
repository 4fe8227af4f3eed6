import { vi } from 'vitest';
import { parseArguments } from '../../electron/cli/arguments';
import { exportCommand } from '../../electron/cli/commands/export-command';

/** Runs an `export ...` command in-process on a data folder, returning what it printed to stdout. */
export async function runExportCommand(argv: string[], dataDir: string): Promise<string> {
  const out: string[] = [];
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => (out.push(String(chunk)), true));
  const errSpy = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    await exportCommand(parseArguments([...argv, '--data-dir', dataDir]));
  } finally {
    spy.mockRestore();
    errSpy.mockRestore();
  }
  return out.join('');
}
