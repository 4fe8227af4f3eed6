import { AppError } from '@shared/errors';
import { flagValue, type ParsedArguments } from '../arguments';
import { call, openCore } from '../cli-context';
import { printJson } from '../output';

/** `studies [text]`: the studies in the index, optionally filtered. */
export async function studiesCommand(args: ParsedArguments): Promise<void> {
  const core = openCore(args);
  try {
    const text = args.positionals.join(' ') || undefined;
    const studies = await call(core, 'studies.search', { text, modality: flagValue(args, 'modality') });
    if (args.flags.has('json')) return void printJson(studies);
    for (const s of studies) {
      console.log([s.studyDate ?? '----------', s.patientName || '(no name)', s.patientId, s.modalities.join('/'), `${s.seriesCount} series`, `${s.instanceCount} instances`, s.description, s.studyInstanceUid].join('  '));
    }
  } finally {
    core.close();
  }
}

/** `series <studyUID>`: the series of one study. */
export async function seriesCommand(args: ParsedArguments): Promise<void> {
  const studyInstanceUid = args.positionals[0];
  if (!studyInstanceUid) throw new AppError('invalid_request', 'series needs a Study Instance UID');
  const core = openCore(args);
  try {
    const detail = await call(core, 'studies.get', { studyInstanceUid });
    if (args.flags.has('json')) return void printJson(detail.series);
    for (const s of detail.series) {
      console.log([String(s.seriesNumber ?? '-'), s.modality, `${s.instanceCount} instances`, s.description, s.seriesInstanceUid].join('  '));
    }
  } finally {
    core.close();
  }
}
