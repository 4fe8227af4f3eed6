import { AppError } from '@shared/errors';
import type { ParsedArguments } from './arguments';

/** The options every command takes. */
const COMMON = ['data-dir', 'json', 'help'];
const EXPORT_SCOPE = ['study', 'out', 'lesion'];

/**
 * The options each command (or "command subcommand") reads. An option a command does not read was
 * ignored before: `worklist --urgncy emergency` listed every urgency, `export dataset --nifty`
 * wrote no NIfTI, and both exited 0. Keep in step with what the commands read.
 */
const COMMAND_FLAGS: Readonly<Record<string, readonly string[]>> = {
  import: [],
  studies: ['modality'],
  series: [],
  serve: ['port', 'no-open', 'root'],
  start: ['port', 'no-open', 'root'],
  reader: ['role'],
  'lesions list': ['study', 'all'],
  'lesions add': ['study', 'in'],
  'lesions delete': ['revision'],
  'lesions import-sr': ['replace'],
  score: ['in'],
  worklist: ['urgency', 'site', 'reviewed', 'reader', 'from', 'to', 'text', 'sort'],
  'export referral': [...EXPORT_SCOPE, 'all', 'non-clinical'],
  'export fhir': [...EXPORT_SCOPE, 'all', 'non-clinical'],
  'export csv': EXPORT_SCOPE,
  'export json': EXPORT_SCOPE,
  'export seg': EXPORT_SCOPE,
  'export sr': [...EXPORT_SCOPE, 'no-pacs', 'reader'],
  'export dataset': ['study', 'out', 'date-shift', 'nifti'],
  'export stow': ['study', 'url', 'in', 'user'],
  analyze: ['series', 'at', 'contralateral', 'calibration'],
  'pacs set': ['url', 'auth-header', 'no-auth-header', 'trust-certificate', 'no-trust-certificate', 'sync-interval'],
  'pacs get': [],
  'pacs show': [],
  'pacs cache': ['limit-gb'],
  'pacs studies': ['name', 'id', 'accession', 'description', 'modality', 'from', 'to', 'offset', 'limit'],
  'pacs series': [],
  'pacs retrieve': ['series'],
  sync: [],
  outbox: [],
  review: ['decision', 'comment', 'revision'],
  backup: ['list'],
  restore: [],
};

/** Edit distance of two short words (a typo's distance to the option meant). */
function distance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) next[j] = Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    row = next;
  }
  return row[b.length]!;
}

/**
 * Refuses an option the command does not read, naming it, the nearest one it takes and all it takes:
 * an option ignored is a filter or a choice the user believes applied. A command or subcommand not
 * listed here is left to say itself that it is unknown.
 */
export function refuseUnknownFlags(args: ParsedArguments): void {
  const command = args.command ?? '';
  const withSub = `${command} ${args.positionals[0] ?? ''}`;
  const key = withSub in COMMAND_FLAGS ? withSub : command in COMMAND_FLAGS ? command : null;
  if (key === null) return;
  const known = [...COMMON, ...COMMAND_FLAGS[key]!];
  for (const flag of args.flags.keys()) {
    if (known.includes(flag)) continue;
    // Said as typed, but a control character (a newline in a pasted argument) shown, not obeyed.
    const shown = flag.replace(/[\u0000-\u001f\u007f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
    const nearest = known.map((k) => [k, distance(flag, k)] as const).sort((a, b) => a[1] - b[1])[0]!;
    const hint = nearest[1] <= 2 ? ` Did you mean --${nearest[0]}?` : '';
    const takes = COMMAND_FLAGS[key]!.length > 0 ? `${COMMAND_FLAGS[key]!.map((k) => `--${k}`).join(', ')} and ` : '';
    throw new AppError('invalid_request', `${key} does not take --${shown}.${hint} It takes ${takes}--data-dir, --json (see: npm run bonemet -- help).`);
  }
}
