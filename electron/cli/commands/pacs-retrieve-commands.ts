import { AppError } from '@shared/errors';
import { flagValue, type ParsedArguments } from '../arguments';
import { call, openCore } from '../cli-context';
import { printable, printJson } from '../output';
import { waitForJob } from '../wait-for-job';

function integerFlag(args: ParsedArguments, name: string): number | undefined {
  const value = flagValue(args, name);
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new AppError('invalid_request', `--${name} needs a whole number, not ${value}`);
  return n;
}

/**
 * `pacs studies [text] [--name N] [--id ID] [--accession A] [--description D] [--modality M]
 * [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--offset N] [--limit N] [--json]`: one page of the PACS's
 * matching studies as study rows.
 */
export async function pacsStudiesCommand(args: ParsedArguments): Promise<void> {
  const text = args.positionals.join(' ') || undefined;
  const query = {
    text,
    patientName: flagValue(args, 'name'),
    patientId: flagValue(args, 'id'),
    accessionNumber: flagValue(args, 'accession'),
    description: flagValue(args, 'description'),
    modality: flagValue(args, 'modality'),
    dateFrom: flagValue(args, 'from'),
    dateTo: flagValue(args, 'to'),
    offset: integerFlag(args, 'offset'),
    limit: integerFlag(args, 'limit'),
  };
  const core = openCore(args);
  try {
    const page = await call(core, 'pacs.search', Object.fromEntries(Object.entries(query).filter(([, v]) => v !== undefined)));
    if (page.more) console.error(`More studies match: --offset ${page.offset + page.limit} for the next page.`);
    if (args.flags.has('json')) return void printJson(page.studies);
    for (const s of page.studies) {
      const here = s.localInstances > 0 ? `  (${s.localInstances} here)` : '';
      console.log([s.studyDate ?? '----------', s.patientName || '(no name)', s.patientId, s.modalities.join('/'), `${s.seriesCount ?? '?'} series`, `${s.instanceCount ?? '?'} instances`, s.description, s.studyInstanceUid].join('  ') + here);
    }
  } finally {
    core.close();
  }
}

/** `pacs series <StudyInstanceUID> [--json]`: the series of a study on the PACS. */
export async function pacsSeriesCommand(args: ParsedArguments): Promise<void> {
  const studyInstanceUid = args.positionals[0];
  if (!studyInstanceUid) throw new AppError('invalid_request', 'pacs series needs a Study Instance UID');
  const core = openCore(args);
  try {
    const series = await call(core, 'pacs.series', { studyInstanceUid });
    if (args.flags.has('json')) return void printJson(series);
    for (const s of series) console.log([String(s.seriesNumber ?? '-'), s.modality, `${s.instanceCount ?? '?'} instances`, `${s.localInstances} here`, s.description, s.seriesInstanceUid].join('  '));
  } finally {
    core.close();
  }
}

/**
 * `pacs retrieve <StudyInstanceUID> [--series UID] [--json]`: brings the study (or one series)
 * into this workstation's cache and index; Ctrl-C stops it, and running it again resumes.
 */
export async function pacsRetrieveCommand(args: ParsedArguments): Promise<void> {
  const studyInstanceUid = args.positionals[0];
  if (!studyInstanceUid) throw new AppError('invalid_request', 'pacs retrieve needs a Study Instance UID');
  const json = args.flags.has('json');
  const core = openCore(args);
  try {
    const seriesInstanceUid = flagValue(args, 'series');
    const { jobId } = await call(core, 'pacs.retrieve', { studyInstanceUid, ...(seriesInstanceUid ? { seriesInstanceUid } : {}) });
    const status = await waitForJob({
      status: (waitMs) => call(core, 'pacs.retrieveStatus', { jobId, waitMs }),
      cancel: () => call(core, 'pacs.retrieveCancel', { jobId }),
      progressLine: ({ progress: p }) =>
        json ? null : `${p.instancesDone}/${p.instancesTotal} instances, ${(p.bytes / 1e6).toFixed(1)} MB, ${(p.bytesPerSecond / 1e6).toFixed(1)} MB/s`,
    });
    if (status.state === 'cancelled') throw new AppError('cancelled', `Retrieve cancelled after ${status.progress.instancesDone} of ${status.progress.instancesTotal} instances: what arrived is kept; run it again to resume.`);
    if (status.state !== 'done' || !status.result) throw new AppError('io_error', status.error ?? 'The retrieve failed.');
    const { instances, bytes, seconds, cached, refused, evicted } = status.result;
    if (json) return void printJson({ instances, bytes, seconds, cached });
    console.log(`Retrieved ${instances} instances (${(bytes / 1e6).toFixed(1)} MB) in ${seconds.toFixed(2)} s; ${cached} were here already.`);
    for (const r of refused) console.log(`  not indexed: ${r.sopInstanceUid}: ${printable(r.reason)}`);
    if (evicted.length > 0) console.log(`Evicted from the cache to stay under its limit: ${evicted.join(', ')}`);
  } finally {
    core.close();
  }
}
