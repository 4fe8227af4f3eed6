import { AppError } from '@shared/errors';
import type { ParsedArguments } from '../arguments';

type Command = (args: ParsedArguments) => Promise<void>;

// Each subcommand loads only its own module (sync, outbox and review are commands of their own).
const SUBCOMMANDS: Record<string, () => Promise<Command>> = {
  set: async () => (await import('./pacs-settings-commands')).pacsSetCommand,
  get: async () => (await import('./pacs-settings-commands')).pacsGetCommand,
  show: async () => (await import('./pacs-settings-commands')).pacsGetCommand,
  cache: async () => (await import('./pacs-settings-commands')).pacsCacheCommand,
  studies: async () => (await import('./pacs-retrieve-commands')).pacsStudiesCommand,
  series: async () => (await import('./pacs-retrieve-commands')).pacsSeriesCommand,
  retrieve: async () => (await import('./pacs-retrieve-commands')).pacsRetrieveCommand,
};

/** `pacs <subcommand> ...`: the configured PACS: its settings, searching it, retrieving from it. */
export async function pacsCommand(args: ParsedArguments): Promise<void> {
  const [sub, ...rest] = args.positionals;
  const load = sub ? SUBCOMMANDS[sub] : undefined;
  if (!load) throw new AppError('invalid_request', `pacs needs one of: ${Object.keys(SUBCOMMANDS).join(', ')}`);
  await (await load())({ ...args, positionals: rest });
}
