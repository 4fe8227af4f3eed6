import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '@shared/errors';
import { parseDicomWebTarget } from '../../core/pacs/dicomweb/dicomweb-target';
import { qidoFindStudy } from '../../core/pacs/dicomweb/qido-rs';
import { readStowFile, stowRs, type StowFile } from '../../core/pacs/dicomweb/stow-rs';
import { flagValue, type ParsedArguments } from '../arguments';
import { printJson } from '../output';

function required(args: ParsedArguments, flag: string, what: string): string {
  const value = flagValue(args, flag);
  if (!value) throw new AppError('invalid_request', `export stow needs --${flag} ${what}`);
  return value;
}

/** The DICOM files named by --in: one file, or every Part 10 file directly inside a folder. */
function filesToSend(args: ParsedArguments, study: string): StowFile[] {
  const input = path.resolve(required(args, 'in', '<DICOM file or folder> (e.g. the SR written by the SR export)'));
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
  const study = required(args, 'study', '<StudyInstanceUID>');
  const url = required(args, 'url', '<DICOMweb root URL, e.g. http://localhost:8042/dicom-web>');
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
