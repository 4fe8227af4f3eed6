import { vi } from 'vitest';
import { parseArguments } from '../../electron/cli/arguments';
import { pacsCommand } from '../../electron/cli/commands/pacs-command';

/** Runs a `pacs ...` command in-process on a data folder, returning what it printed to stdout. */
export async function runPacsCommand(argv: string[], dataDir: string): Promise<string> {
  const out: string[] = [];
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => (out.push(String(chunk)), true));
  const log = vi.spyOn(console, 'log').mockImplementation((line: string) => void out.push(`${line}\n`));
  const errSpy = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  const errLog = vi.spyOn(console, 'error').mockImplementation(() => undefined);
  try {
    await pacsCommand(parseArguments(['pacs', ...argv, '--data-dir', dataDir]));
  } finally {
    spy.mockRestore();
    log.mockRestore();
    errSpy.mockRestore();
    errLog.mockRestore();
  }
  return out.join('');
}
