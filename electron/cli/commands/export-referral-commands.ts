import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '@shared/errors';
import type { AppCore } from '../../core/app-core';
import { parseDicomWebTarget } from '../../core/pacs/dicomweb/dicomweb-target';
import { qidoFindStudy } from '../../core/pacs/dicomweb/qido-rs';
import { readStowFile, stowRs, type StowFile } from '../../core/pacs/dicomweb/stow-rs';
import { writeFhirBundle } from '../../core/export/fhir/write-fhir-bundle';
import { instanceFileResolver } from '../../core/export/referral/instance-files';
import type { PacketPurpose } from '../../core/export/referral/referral-packet';
import { referralPdf, writeReferralPdf } from '../../core/export/referral/write-referral-pdf';
import { loadStudyExportSource } from '../../core/export/study-export-source';
import { writeLesionTables } from '../../core/export/tables/write-lesion-tables';
import { flagValue, type ParsedArguments } from '../arguments';
import { appVersion, openCore } from '../cli-context';
import { printJson } from '../output';

/** A flag's value, or an error naming the export and the flag (the dispatcher strips the kind from the positionals). */
function required(args: ParsedArguments, kind: string, flag: string, what: string): string {
  const value = flagValue(args, flag);
  if (!value) throw new AppError('invalid_request', `export ${kind} needs --${flag} ${what}`);
  return value;
}

/** `export csv --study UID --out DIR [--json]`: lesions.csv, lesions.json and lesions.schema.json. */
export async function exportCsvCommand(args: ParsedArguments): Promise<void> {
  const study = required(args, 'csv', 'study', '<StudyInstanceUID>');
  const outDir = path.resolve(required(args, 'csv', 'out', '<folder>'));
  const core = openCore(args);
  try {
    const written = writeLesionTables(loadStudyExportSource(core.db, study, { appVersion: appVersion() }), outDir);
    if (args.flags.has('json')) return void printJson({ written });
    for (const file of written) console.log(`wrote ${file}`);
  } finally {
    core.close();
  }
}

/** The DICOM files named by --in: one file, or every Part 10 file directly inside a folder. */
function filesToSend(args: ParsedArguments, study: string): StowFile[] {
  const input = path.resolve(required(args, 'stow', 'in', '<DICOM file or folder> (e.g. the SR written by the SR export)'));
  if (!fs.existsSync(input)) throw new AppError('not_found', `${input} does not exist.`);
  const paths = fs.statSync(input).isDirectory()
    ? fs.readdirSync(input, { withFileTypes: true }).filter((d) => d.isFile()).map((d) => path.join(input, d.name)).sort()
    : [input];
  const files = paths.flatMap((p) => {
    try {
      return [readStowFile(p)];
    } catch (error) {
      // In a folder, skip what is not DICOM (a README, a JSON sidecar); a named file must be DICOM.
      if (paths.length > 1 && error instanceof AppError && error.code === 'invalid_request') return [];
      throw error;
    }
  });
  if (files.length === 0) throw new AppError('not_found', `${input} holds no DICOM Part 10 file to send.`);
  // Sending another patient's object to a PACS is the one mistake this command must not make.
  const foreign = files.find((f) => f.studyInstanceUid !== study);
  if (foreign) throw new AppError('conflict', `${foreign.path} belongs to study ${foreign.studyInstanceUid || '(none)'}, not ${study}: nothing was sent.`);
  return files;
}

/**
 * `export stow --study UID --url URL --in FILE|DIR [--user=NAME] [--json]`: sends DICOM files of
 * the study (the SR) by STOW-RS, then confirms with QIDO-RS that the server lists the study. The
 * password comes from BONEMET_DICOMWEB_PASSWORD, never from the command line (where ps shows it).
 */
export async function exportStowCommand(args: ParsedArguments): Promise<void> {
  const study = required(args, 'stow', 'study', '<StudyInstanceUID>');
  const url = required(args, 'stow', 'url', '<DICOMweb root URL, e.g. http://localhost:8042/dicom-web>');
  if (args.flags.get('user') === true) throw new AppError('invalid_request', 'write the user name as --user=NAME');
  const username = flagValue(args, 'user') ?? process.env.BONEMET_DICOMWEB_USER;
  const target = parseDicomWebTarget({ url, ...(username ? { username, password: process.env.BONEMET_DICOMWEB_PASSWORD ?? '' } : {}) });
  const files = filesToSend(args, study);
  const result = await stowRs(target, files);
  const found = await qidoFindStudy(target, study);
  if (args.flags.has('json')) return void printJson({ ...result, confirmed: found.length > 0 });
  console.log(`sent ${files.length} file(s) to ${target.url}: ${result.stored.length} stored, ${result.failed.length} failed (HTTP ${result.status})`);
  for (const f of result.failed) console.log(`  failed ${f.sopInstanceUid ?? '(unknown instance)'}: ${f.failureReason}`);
  if (found.length === 0) throw new AppError('io_error', `The server accepted the upload but does not list study ${study} when searched (QIDO-RS): check it before relying on it.`);
  console.log(`confirmed: the server lists study ${study}${found[0]?.numberOfInstances !== null ? ` (${found[0]?.numberOfInstances} instances)` : ''}`);
  if (result.failed.length > 0) throw new AppError('io_error', `${result.failed.length} instance(s) were not stored; see above.`);
}

/** The study's export source and the packet options of a referral or FHIR command, from its flags. */
function referralInputs(args: ParsedArguments, core: AppCore, study: string) {
  const source = loadStudyExportSource(core.db, study, { appVersion: appVersion() });
  const purpose: PacketPurpose = args.flags.has('non-clinical') ? 'non-clinical' : 'clinical';
  return { source, options: { includeAll: args.flags.has('all'), purpose, resolveFile: instanceFileResolver(core.db) } };
}

function reportWritten(args: ParsedArguments, written: string[]): void {
  if (args.flags.has('json')) return void printJson({ written });
  for (const file of written) console.log(`wrote ${file}`);
}

/** `export referral --study UID --out DIR [--all] [--non-clinical] [--json]`: the referral packet PDF (referral.pdf). */
export async function exportReferralCommand(args: ParsedArguments): Promise<void> {
  const study = required(args, 'referral', 'study', '<StudyInstanceUID>');
  const outDir = path.resolve(required(args, 'referral', 'out', '<folder>'));
  const core = openCore(args);
  try {
    const { source, options } = referralInputs(args, core, study);
    reportWritten(args, [await writeReferralPdf(source, outDir, options)]);
  } finally {
    core.close();
  }
}

/** `export fhir --study UID --out DIR [--all] [--json]`: the FHIR R4 referral bundle, the packet PDF as the report's presentedForm. */
export async function exportFhirCommand(args: ParsedArguments): Promise<void> {
  const study = required(args, 'fhir', 'study', '<StudyInstanceUID>');
  const outDir = path.resolve(required(args, 'fhir', 'out', '<folder>'));
  // The bundle carries a Patient resource anyway, so its PDF is the clinical packet.
  if (args.flags.has('non-clinical')) throw new AppError('invalid_request', 'export fhir always names the patient (the bundle holds a Patient); --non-clinical applies to export referral only.');
  const core = openCore(args);
  try {
    const { source, options } = referralInputs(args, core, study);
    // One source for both: the PDF and the bundle show the same lesions at the same instant.
    const pdf = await referralPdf(source, options);
    reportWritten(args, [writeFhirBundle(source, outDir, { includeAll: options.includeAll, pdf })]);
  } finally {
    core.close();
  }
}

/** The subcommands of `export` this module serves, by name, for the CLI's dispatcher. */
export const EXPORT_REFERRAL_COMMANDS: Readonly<Record<'referral' | 'fhir' | 'csv' | 'stow', (args: ParsedArguments) => Promise<void>>> = {
  referral: exportReferralCommand,
  fhir: exportFhirCommand,
  csv: exportCsvCommand,
  stow: exportStowCommand,
};
