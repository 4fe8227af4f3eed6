import path from 'node:path';
import { AppError } from '@shared/errors';
import { exportResearchDataset } from '../../core/export/dataset/research-export';
import type { ExportProgress } from '../../core/export/dataset/research-export-types';
import { exportSegmentations } from '../../core/export/seg/export-segmentations';
import { exportMeasurementReports } from '../../core/export/sr/export-measurement-reports';
import { deliverToPacs } from '../../core/export/jobs/pacs-delivery';
import { pacsTarget } from '../../core/settings/pacs-settings-store';
import { flagValue, type ParsedArguments } from '../arguments';
import { appVersion, openCore } from '../cli-context';
import { printJson } from '../output';

/**
 * Every --study given: repeated flags (`--study A --study B`, read from the raw arguments since the
 * parsed flags keep the last one) and comma-separated lists (`--study A,B`).
 * @param argv - the raw command line, process.argv.slice(2) by default
 */
export function studyUidsOf(args: ParsedArguments, argv: readonly string[] = process.argv.slice(2)): string[] {
  const raw: string[] = [];
  argv.forEach((arg, i) => {
    if (arg === '--study' && argv[i + 1] !== undefined) raw.push(argv[i + 1]!);
    else if (arg.startsWith('--study=')) raw.push(arg.slice('--study='.length));
  });
  const last = flagValue(args, 'study');
  if (last !== undefined && !raw.includes(last)) raw.push(last);
  const uids = [...new Set(raw.flatMap((r) => r.split(',')).map((u) => u.trim()).filter(Boolean))];
  if (uids.length === 0) throw new AppError('invalid_request', 'give the study with --study <StudyInstanceUID> (repeat it, or separate UIDs with commas, for several)');
  return uids;
}

function outDirOf(args: ParsedArguments): string {
  const out = flagValue(args, 'out');
  if (!out) throw new AppError('invalid_request', 'give the output folder with --out DIR');
  return path.resolve(out);
}

/**
 * `export sr --study UID --out DIR [--reader INITIALS] [--no-pacs] [--json]`: the TID 1500 Measurement
 * Report(s) of a study, one per reader; with a PACS configured (in the app), also sent there.
 */
export async function exportSrCommand(args: ParsedArguments): Promise<void> {
  const [study] = studyUidsOf(args);
  const out = outDirOf(args);
  const core = openCore(args);
  try {
    const written = exportMeasurementReports(core.db, study!, out, { appVersion: appVersion(), reader: flagValue(args, 'reader') });
    const target = args.flags.has('no-pacs') ? null : pacsTarget(core.db);
    const pacs = target && written.length > 0 ? await deliverToPacs(target, study!, written.map((w) => w.file)) : null;
    if (args.flags.has('json')) return void printJson(written.map((w) => ({ ...w, pacs })));
    for (const w of written) console.log(`wrote ${w.file} (${w.lesionCount} lesion${w.lesionCount === 1 ? '' : 's'} by ${w.reader})`);
    if (pacs) {
      console.log(`sent to ${pacs.url}: HTTP ${pacs.httpStatus}, ${pacs.stored.length} stored, ${pacs.failed.length} failed; ${pacs.confirmed ? 'the PACS lists the study' : 'the PACS does not list the study yet'}`);
    }
  } finally {
    core.close();
  }
}

/** `export seg --study UID --out DIR [--json]`: a DICOM Segmentation per series of the study with lesion areas drawn. */
export async function exportSegCommand(args: ParsedArguments): Promise<void> {
  const [study] = studyUidsOf(args);
  const out = outDirOf(args);
  const core = openCore(args);
  try {
    const written = exportSegmentations(core.db, study!, out, { appVersion: appVersion() });
    if (args.flags.has('json')) return void printJson(written);
    for (const f of written.files) console.log(`wrote ${f.file} (${f.segments} segment${f.segments === 1 ? '' : 's'})`);
    for (const u of written.unsegmented) console.log(`not segmented: lesion ${u.trackingUid}: ${u.reason}`);
  } finally {
    core.close();
  }
}

/**
 * `export dataset --study UID [--study UID...] --out DIR [--date-shift] [--nifti] [--json]`: a
 * de-identified research dataset. Progress goes to stderr; Ctrl-C stops it between files and
 * removes what it wrote.
 */
export async function exportDatasetCommand(args: ParsedArguments): Promise<void> {
  const studies = studyUidsOf(args);
  const out = outDirOf(args);
  const json = args.flags.has('json');
  const core = openCore(args);
  let cancelled = false;
  const onSigint = () => {
    cancelled = true;
  };
  process.on('SIGINT', onSigint);
  let lastShown = 0;
  const onProgress = (p: ExportProgress) => {
    const now = Date.now();
    if (json || (now - lastShown < 500 && p.phase !== 'done')) return;
    lastShown = now;
    process.stderr.write(`${p.phase}: ${p.filesDone}/${p.filesTotal} images, ${(p.bytesDone / 1e6).toFixed(1)}/${(p.bytesTotal / 1e6).toFixed(1)} MB\n`);
  };
  try {
    const result = await exportResearchDataset(
      core.db,
      { studyInstanceUids: studies, outDir: out, dateShift: args.flags.has('date-shift'), nifti: args.flags.has('nifti'), appVersion: appVersion() },
      { onProgress, isCancelled: () => cancelled },
    );
    if (json) return void printJson(result);
    console.log(`wrote ${out}: ${result.imageFiles} images, ${result.segFiles} SEG, ${result.srFiles} SR, ${result.niftiFiles} NIfTI, ${result.lesions} lesions in ${result.seconds.toFixed(1)} s`);
    if (result.burnedInReview.length > 0) console.log(`${result.burnedInReview.length} image(s) need review for burned-in text: see README.md`);
  } finally {
    process.off('SIGINT', onSigint);
    core.close();
  }
}
