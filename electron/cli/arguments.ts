import { AppError } from '@shared/errors';

/** A parsed command line: the command, its positional arguments and its --flags. */
export interface ParsedArguments {
  command: string | undefined;
  positionals: string[];
  flags: Map<string, string | true>;
}

const FLAGS_WITH_VALUES = new Set(['data-dir', 'port', 'root', 'in', 'out', 'study', 'modality', 'role', 'urgency', 'site', 'reviewed', 'reader', 'from', 'to', 'text', 'sort', 'url', 'user', 'series', 'at', 'contralateral', 'calibration', 'auth-header', 'trust-certificate', 'name', 'id', 'accession', 'description', 'offset', 'limit', 'limit-gb', 'decision', 'comment', 'sync-interval', 'lesion', 'revision']);

/**
 * Splits argv into command, positionals and flags (`--flag value`, `--flag=value`, `--switch`).
 * Everything after a lone `--` is positional, as POSIX tools do: a script passing names it did not
 * choose (`import -- "$f"`) must not have a file named `--data-dir=...` read as an option.
 */
export function parseArguments(argv: readonly string[]): ParsedArguments {
  const positionals: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('--')) {
      positionals.push(arg);
      continue;
    }
    const [name, inline] = arg.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
    if (inline !== undefined) flags.set(name, inline);
    else if (FLAGS_WITH_VALUES.has(name)) {
      const value = argv[++i];
      if (value === undefined) throw new AppError('invalid_request', `--${name} needs a value`);
      // `--data-dir --json` made a data folder named "--json" and listed its empty index: an option
      // is never a value. A value may start with one dash (a negative number), or be given with "=".
      if (value.startsWith('--')) {
        throw new AppError('invalid_request', `--${name} needs a value, but the next argument is the option ${value}: give the value, or write --${name}=${value} if it really starts with "--".`);
      }
      flags.set(name, value);
    } else flags.set(name, true);
  }
  return { command: positionals.shift(), positionals, flags };
}

/** A flag's string value, or undefined. */
export function flagValue(args: ParsedArguments, name: string): string | undefined {
  const value = args.flags.get(name);
  return typeof value === 'string' ? value : undefined;
}
