import path from 'node:path';
import { AppError } from '@shared/errors';
import type { ExportJobRequest, ExportJobStatus, ExportKind } from '@shared/export/export-job';
import { flagValue, type ParsedArguments } from '../arguments';
import { call, openCore } from '../cli-context';
import { printable, printJson } from '../output';
import { waitForJob } from '../wait-for-job';

/** The kinds `export` runs as the app's export jobs, through export.start: the same files, checks and progress. */
const JOB_KINDS = ['referral', 'sr', 'seg', 'fhir', 'csv', 'json', 'dataset'] as const satisfies readonly ExportKind[];
type JobKind = (typeof JOB_KINDS)[number];

/**
 * Every value of a repeatable flag: repeated (`--study A --study B`, read from the raw arguments
 * since the parsed flags keep the last one) and comma-separated (`--study A,B`).
 * @param argv - the raw command line, process.argv.slice(2) by default
 */
export function repeatedFlag(args: ParsedArguments, name: string, argv: readonly string[] = process.argv.slice(2)): string[] {
  const raw: string[] = [];
  argv.forEach((arg, i) => {
    if (arg === `--${name}` && argv[i + 1] !== undefined) raw.push(argv[i + 1]!);
    else if (arg.startsWith(`--${name}=`)) raw.push(arg.slice(name.length + 3));
  });
  const last = flagValue(args, name);
  if (last !== undefined && !raw.includes(last)) raw.push(last);
  return [...new Set(raw.flatMap((r) => r.split(',')).map((u) => u.trim()).filter(Boolean))];
}

/** A flag's value, or an error saying the export needs it and what to give. */
export function requiredFlag(args: ParsedArguments, kind: string, flag: string, what: string): string {
  const value = flagValue(args, flag);
  if (!value) throw new AppError('invalid_request', `export ${kind} needs --${flag} ${what}`);
  return value;
}

/** The export job a command line asks for; the contract checks it like any door's request. */
export function exportRequestOf(kind: JobKind, args: ParsedArguments, argv?: readonly string[]): ExportJobRequest {
  const studyInstanceUids = repeatedFlag(args, 'study', argv);
  if (studyInstanceUids.length === 0) throw new AppError('invalid_request', `export ${kind} needs --study <StudyInstanceUID> (repeat it, or separate UIDs with commas, for several)`);
  const destination = path.resolve(requiredFlag(args, kind, 'out', '<folder>'));
  const lesionIds = repeatedFlag(args, 'lesion', argv);
  const scope = { studyInstanceUids, ...(lesionIds.length > 0 ? { lesionIds } : {}) };
  const includeAll = args.flags.has('all');
  switch (kind) {
    case 'referral':
      return { kind, ...scope, purpose: args.flags.has('non-clinical') ? 'non-clinical' : 'clinical', includeAll, destination };
    case 'fhir':
      // The bundle carries a Patient resource anyway, so its PDF is the clinical packet.
      if (args.flags.has('non-clinical')) throw new AppError('invalid_request', 'export fhir always names the patient (the bundle holds a Patient); --non-clinical applies to export referral only.');
      return { kind, ...scope, includeAll, destination };
    case 'sr': {
      const reader = flagValue(args, 'reader');
      return { kind, ...scope, sendToPacs: !args.flags.has('no-pacs'), ...(reader ? { reader } : {}), destination };
    }
    case 'dataset':
      return { kind, studyInstanceUids, dateShift: args.flags.has('date-shift'), nifti: args.flags.has('nifti'), destination };
    default:
      return { kind, ...scope, destination };
  }
}

function progressLine(status: ExportJobStatus): string | null {
  const p = status.progress;
  const mb = (bytes: number) => (bytes / 1e6).toFixed(1);
  const items = p.itemsTotal > 0 ? ` ${p.itemsDone}/${p.itemsTotal}` : '';
  return `${p.phase}:${items}${p.currentItem ? ` (${p.currentItem})` : ''}, ${mb(p.bytesDone)}${p.bytesTotal > 0 ? `/${mb(p.bytesTotal)}` : ''} MB`;
}

/** What a finished job wrote and said, for a person at a terminal. */
function printOutcome(status: ExportJobStatus): void {
  for (const file of status.filesWritten) console.log(`wrote ${file.path} (${file.bytes} bytes)`);
  for (const note of status.notes) console.log(`note: ${note}`);
  for (const d of status.pacs) {
    console.log(`sent ${d.filesSent} file(s) to ${d.url}: ${d.stored.length} stored, ${d.failed.length} failed (HTTP ${d.httpStatus})`);
    for (const f of d.failed) console.log(`  failed ${f.sopInstanceUid ?? '(unknown instance)'}: ${printable(f.reason)}`);
    const listed = d.instancesListed === null ? '' : ` (${d.instancesListed} instances)`;
    console.log(d.confirmed ? `confirmed: the server lists study ${d.studyInstanceUid}${listed}` : `not confirmed: the server does not list study ${d.studyInstanceUid} yet`);
  }
  for (const e of status.errors) console.error(`failed: ${e.subject}: ${e.message}`);
}

/**
 * Runs an export request as the app's job (export.start, then waiting on export.status), so that
 * the same checks apply, progress goes to stderr and Ctrl-C cancels it, removing what it wrote.
 * --json prints the job's final status; a part that failed makes the command fail, what was done staying.
 */
export async function runExportJob(args: ParsedArguments, request: ExportJobRequest): Promise<void> {
  const core = openCore(args);
  try {
    const { jobId } = await call(core, 'export.start', request);
    const status = await waitForJob({
      status: (waitMs) => call(core, 'export.status', { jobId, waitMs }),
      cancel: () => call(core, 'export.cancel', { jobId }),
      progressLine: args.flags.has('json') ? () => null : progressLine,
    });
    if (status.state === 'failed' || status.state === 'cancelled') {
      throw new AppError(status.error?.code ?? 'internal', status.error?.message ?? `The export ${status.state === 'failed' ? 'failed' : 'was cancelled'}.`);
    }
    if (args.flags.has('json')) printJson(status);
    else printOutcome(status);
    // Done, but an item failed (a study, or the send to the PACS): what was written stays, the exit says so.
    if (status.errors.length > 0) throw new AppError(status.errors[0]!.code, `${status.errors.length} part(s) of the export failed: ${status.errors.map((e) => e.subject).join('; ')}.`);
  } finally {
    core.close();
  }
}

/**
 * `export <kind> --study UID[,UID] --out DIR [options] [--json]`: the app's export job of that kind,
 * writing the same files, refusing an existing file the same way and scoping lesions the same way.
 */
export async function exportJobCommand(kind: JobKind, args: ParsedArguments): Promise<void> {
  await runExportJob(args, exportRequestOf(kind, args));
}

/** `export <kind> ...`: the app's export jobs, and sending DICOM files to a DICOMweb server. */
export async function exportCommand(args: ParsedArguments): Promise<void> {
  const [kind, ...rest] = args.positionals;
  if (kind === 'stow') return (await import('./export-stow-command')).exportStowCommand({ ...args, positionals: rest });
  if (!kind || !(JOB_KINDS as readonly string[]).includes(kind)) throw new AppError('invalid_request', `export needs one of: ${[...JOB_KINDS, 'stow'].join(', ')}`);
  await exportJobCommand(kind as JobKind, { ...args, positionals: rest });
}
