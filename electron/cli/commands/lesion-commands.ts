import path from 'node:path';
import { AppError } from '@shared/errors';
import { ReaderRoleSchema, ROLE_LABELS, type ReaderRole } from '@shared/reader/roles';
import { readFileOrPipe } from '../../core/files/special-files';
import { flagValue, type ParsedArguments } from '../arguments';
import { call, openCore } from '../cli-context';
import { printJson } from '../output';
import { revisionFlag } from '../revision-flag';

// 10,000 records (the most one call takes) of 25 KB each on average, pretty-printed: most are a
// few kilobytes, but a record may hold a 20,000-character note and 1,000 drawing ids (about 85 KB).
// A JavaScript string holds at most about 512 MiB, so a larger file could not be parsed anyway.
const LESION_RECORDS_LIMIT = { maxBytes: 256 * 2 ** 20, what: 'a file of lesion records (at most 10,000 records a call)' };

/** Reads a JSON file (or pipe) holding one record or an array of them, refusing one past LESION_RECORDS_LIMIT. */
function readRecords(args: ParsedArguments): unknown[] {
  const file = flagValue(args, 'in');
  if (!file) throw new AppError('invalid_request', 'give the records with --in FILE (JSON: one lesion record or an array)');
  const text = readFileOrPipe(file, LESION_RECORDS_LIMIT).toString('utf8');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new AppError('invalid_request', `${file} is not readable JSON: ${(error as Error).message}`);
  }
  return Array.isArray(parsed) ? parsed : [parsed];
}

/** A record of the file: a lesion, or a lesion with the revision it was read at, as `lesions list --json` prints it. */
interface FileRecord {
  lesion: unknown;
  /** Undefined for a bare lesion: saved unchecked, as before revisions were kept. */
  revision: unknown;
}

/**
 * Splits the file's records into lesions and the revision each was read at: an entry holding a
 * `lesion` object (as `lesions list --json` prints it; its scores and origin are read again, not
 * taken) carries its `revision`, and is refused ('stale') when the lesion was saved since; a bare
 * lesion record is saved unchecked.
 */
function withRevisions(records: unknown[]): FileRecord[] {
  return records.map((record) => {
    const entry = record as { lesion?: unknown; revision?: unknown } | null;
    return entry !== null && typeof entry === 'object' && typeof entry.lesion === 'object' && entry.lesion !== null ? { lesion: entry.lesion, revision: entry.revision } : { lesion: record, revision: undefined };
  });
}

/**
 * Fills in the workstation's reader on records naming none, and refuses the whole batch, before
 * storing any, when one names another reader: `lesions add` records as whoever is signed in.
 */
function asWorkstationReader(records: unknown[], initials: string): unknown[] {
  const others = records.map((record) => (record as { reader?: unknown }).reader).filter((reader) => reader !== undefined && reader !== initials);
  if (others.length > 0) {
    throw new AppError('forbidden', `These records name ${[...new Set(others)].join(', ')}, but ${initials} is signed in: a lesion is recorded by its reader (reader set <initials> <name> first).`);
  }
  return records.map((record) => ({ ...(record as object), reader: initials }));
}

/** `lesions list | add | delete | import-sr`: the reader's lesions from a terminal, under the same rules as the app. */
export async function lesionsCommand(args: ParsedArguments): Promise<void> {
  const [action] = args.positionals;
  const core = openCore(args);
  try {
    if (action === 'list') {
      const lesions = await call(core, 'lesions.list', { studyInstanceUid: flagValue(args, 'study'), allReaders: args.flags.has('all') });
      if (args.flags.has('json')) return void printJson(lesions);
      for (const { lesion, scores } of lesions) {
        console.log([lesion.id, lesion.reader, lesion.laterality ?? '', lesion.boneId, lesion.regionId ?? '', lesion.nature ?? '', scores.urgency.summary].join('  '));
      }
      return;
    }
    if (action === 'add') {
      const study = flagValue(args, 'study');
      if (!study) throw new AppError('invalid_request', 'lesions add needs --study <StudyInstanceUID>');
      // All or none: a batch refused at its third record leaves the first two unstored too.
      const reader = await call(core, 'reader.get', {});
      if (!reader) throw new AppError('forbidden', 'Name yourself first (reader set <initials> <name>): every lesion records its reader.');
      const records = withRevisions(readRecords(args));
      const lesions = asWorkstationReader(records.map((r) => r.lesion), reader.initials).map((record) => ({ ...(record as object), studyInstanceUid: study }));
      const revisions = Object.fromEntries(records.filter((r) => r.revision !== undefined).map((r) => [(r.lesion as { id?: unknown }).id, r.revision]));
      const saved = await call(core, 'lesions.saveAll', { lesions: lesions as never, ...(Object.keys(revisions).length > 0 ? { revisions: revisions as never } : {}) });
      if (args.flags.has('json')) return void printJson(saved);
      for (const { lesion, scores } of saved) console.log(`saved ${lesion.id}: ${scores.urgency.summary}`);
      return;
    }
    if (action === 'delete') {
      const id = args.positionals[1];
      if (!id) throw new AppError('invalid_request', 'lesions delete <lesion id>');
      await call(core, 'lesions.delete', { id, revision: revisionFlag(args) });
      console.log(`Deleted lesion ${id}: its linked measurements stay, unlinked from any lesion; the specialists' decisions on it went with it.`);
      return;
    }
    if (action === 'import-sr') {
      const file = args.positionals[1];
      if (!file) throw new AppError('invalid_request', 'lesions import-sr <SR file written by BoneMet Review> [--replace]');
      const restored = await call(core, 'lesions.importSr', { path: path.resolve(file), replace: args.flags.has('replace') });
      console.log(`Restored ${restored.lesions} lesion(s) and ${restored.annotations} annotation(s) of study ${restored.studyInstanceUid}.`);
      return;
    }
    throw new AppError('invalid_request', 'lesions list | lesions add | lesions delete | lesions import-sr');
  } finally {
    core.close();
  }
}

/** `score --in FILE [--json]`: the scores of lesion records, computed exactly as the app does, without storing them. */
export async function scoreCommand(args: ParsedArguments): Promise<void> {
  const core = openCore(args);
  try {
    const scores = await call(core, 'lesions.score', { lesions: readRecords(args) as never });
    if (args.flags.has('json')) return void printJson(scores);
    for (const s of scores) console.log(s.urgency.summary);
  } finally {
    core.close();
  }
}

/** `reader` shows who is named at this workstation; `reader set <initials> <name...>` names them. */
export async function readerCommand(args: ParsedArguments): Promise<void> {
  const core = openCore(args);
  try {
    if (args.positionals[0] === 'set') {
      const [, initials, ...name] = args.positionals;
      const role = flagValue(args, 'role');
      if (role !== undefined && !ReaderRoleSchema.safeParse(role).success) {
        throw new AppError('invalid_request', `--role ${role} is not a role: ${ReaderRoleSchema.options.join(', ')}`);
      }
      const reader = await call(core, 'reader.set', { initials: initials ?? '', name: name.join(' '), role: role as ReaderRole | undefined });
      console.log(`Reader: ${reader.initials} (${reader.name}), ${ROLE_LABELS[reader.role].toLowerCase()}`);
      return;
    }
    const reader = await call(core, 'reader.get', {});
    if (args.flags.has('json')) return void printJson(reader);
    console.log(reader ? `${reader.initials} (${reader.name}), ${ROLE_LABELS[reader.role].toLowerCase()}` : 'No reader named yet: `reader set <initials> <name> [--role ROLE]`');
  } finally {
    core.close();
  }
}
