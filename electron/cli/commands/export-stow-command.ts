import path from 'node:path';
import { AppError } from '@shared/errors';
import type { ExportJobRequest } from '@shared/export/export-job';
import { flagValue, type ParsedArguments } from '../arguments';
import { requiredFlag, runExportJob } from './export-command';

/**
 * The send `export stow` asks for. The password comes from BONEMET_DICOMWEB_PASSWORD, never from
 * the command line (where ps shows it); the user name from --user=NAME or BONEMET_DICOMWEB_USER.
 */
export function stowRequestOf(args: ParsedArguments): ExportJobRequest {
  const study = requiredFlag(args, 'stow', 'study', '<StudyInstanceUID>');
  const url = requiredFlag(args, 'stow', 'url', '<DICOMweb root URL, e.g. http://localhost:8042/dicom-web>');
  if (args.flags.get('user') === true) throw new AppError('invalid_request', 'write the user name as --user=NAME');
  const source = path.resolve(requiredFlag(args, 'stow', 'in', '<DICOM file or folder> (e.g. the SR written by the SR export)'));
  const username = flagValue(args, 'user') ?? process.env.BONEMET_DICOMWEB_USER;
  return {
    kind: 'stow-files',
    studyInstanceUids: [study],
    source,
    server: { url, ...(username ? { username, password: process.env.BONEMET_DICOMWEB_PASSWORD ?? '' } : {}) },
  };
}

/**
 * `export stow --study UID --url URL --in FILE|DIR [--user=NAME] [--json]`: sends DICOM files of the
 * study (the SR) by STOW-RS as an export job, then confirms with QIDO-RS that the server lists the
 * study; a file of another study stops it before anything is sent.
 */
export async function exportStowCommand(args: ParsedArguments): Promise<void> {
  await runExportJob(args, stowRequestOf(args));
}
