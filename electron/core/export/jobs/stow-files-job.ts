import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '@shared/errors';
import type { ParsedExportJobRequest } from '@shared/export/export-job';
import { confineToRoots } from '../../files/import-roots';
import { parseDicomWebTarget, type DicomWebTarget } from '../../pacs/dicomweb/dicomweb-target';
import { readStowFile, type StowFile } from '../../pacs/dicomweb/stow-rs';
import type { ExportJobRun } from './export-job-run';
import { deliverToPacs } from './pacs-delivery';

/** A request to send DICOM files of one study, as they are on disk, to a named DICOMweb server. */
export type StowFilesRequest = Extract<ParsedExportJobRequest, { kind: 'stow-files' }>;

/** A send checked before its job starts: the server as a target, the source inside the allowed roots. */
export interface StowFilesPlan {
  target: DicomWebTarget;
  /** The real path of the file or folder to send. */
  source: string;
  studyInstanceUid: string;
}

/**
 * Checks a send the way the configured PACS is checked (the URL's rules, no credentials in clear
 * off this machine) and confines its source like an export's destination.
 * @throws AppError invalid_request, forbidden or not_found, before anything is read or sent
 */
export function planStowFiles(request: StowFilesRequest, roots: readonly string[]): StowFilesPlan {
  const { url, username, password } = request.server;
  const target = parseDicomWebTarget({ url, ...(username ? { username, password: password ?? '' } : {}) });
  return { target, source: confineToRoots(request.source, roots), studyInstanceUid: request.studyInstanceUids[0]! };
}

/** The paths a source names: the file itself, or every file directly inside the folder, by name. */
function sourcePaths(source: string): { paths: string[]; folder: boolean } {
  if (!fs.statSync(source).isDirectory()) return { paths: [source], folder: false };
  const names = fs.readdirSync(source, { withFileTypes: true }).filter((d) => d.isFile()).map((d) => d.name).sort();
  return { paths: names.map((name) => path.join(source, name)), folder: true };
}

/** Reads the files to send, one item each, skipping what is not DICOM in a folder (a README, a JSON sidecar). */
function readSource(run: ExportJobRun, plan: StowFilesPlan): StowFile[] {
  const { paths, folder } = sourcePaths(plan.source);
  run.progress({ phase: 'preparing', itemsTotal: paths.length, currentItem: path.basename(plan.source) });
  const files: StowFile[] = [];
  for (const [index, file] of paths.entries()) {
    run.throwIfCancelled();
    try {
      files.push(readStowFile(file));
    } catch (error) {
      // A file named on its own must be DICOM; a folder may hold other things.
      if (!(folder && error instanceof AppError && error.code === 'invalid_request')) throw error;
    }
    run.progress({ itemsDone: index + 1, bytesTotal: files.reduce((sum, f) => sum + f.bytes.length, 0) });
  }
  if (files.length === 0) throw new AppError('not_found', `${plan.source} holds no DICOM Part 10 file to send.`);
  // Sending another patient's object to a PACS is the one mistake this send must not make.
  const foreign = files.find((f) => f.studyInstanceUid !== plan.studyInstanceUid);
  if (foreign) throw new AppError('conflict', `${foreign.path} belongs to study ${foreign.studyInstanceUid || '(none)'}, not ${plan.studyInstanceUid}: nothing was sent.`);
  return files;
}

/**
 * Sends the files in one STOW-RS request and records the server's answer; instances the server
 * did not store, or a study it then does not list (QIDO-RS), are the job's errors.
 */
export async function runStowFilesJob(run: ExportJobRun, plan: StowFilesPlan): Promise<void> {
  const files = readSource(run, plan);
  run.throwIfCancelled();
  run.progress({ phase: 'sending', currentItem: `${files.length} file(s) to ${plan.target.url}` });
  const delivery = await deliverToPacs(plan.target, plan.studyInstanceUid, files);
  run.delivered(delivery);
  run.progress({ bytesDone: files.reduce((sum, f) => sum + f.bytes.length, 0) });
  if (delivery.failed.length > 0) {
    run.itemFailed(`Sending to ${plan.target.url}`, new AppError('io_error', `${delivery.failed.length} instance(s) were not stored: ${delivery.failed.map((f) => `${f.sopInstanceUid ?? '(unknown instance)'}: ${f.reason}`).join('; ')}.`));
  }
  if (delivery.stored.length > 0 && !delivery.confirmed) {
    run.itemFailed(
      `Confirming study ${plan.studyInstanceUid} on ${plan.target.url}`,
      new AppError('io_error', `The server accepted the upload but does not list study ${plan.studyInstanceUid} when searched (QIDO-RS): check it before relying on it.`),
    );
  }
}
