import path from 'node:path';
import type Database from 'better-sqlite3';
import type { UidMap } from '../deid/uid-map';
import type { StudyInstance } from '../../index/instance-queries';
import type { IndexedFileFrames } from '../../index/indexed-file-frames';
import { writeExportFile } from '../write-export-file';
import type { ManifestEntry } from './manifest';
import type { ResearchExportOptions, ResearchExportResult } from './research-export-types';

/** One study to export, with its patient's research identity. */
export interface StudyJob {
  studyInstanceUid: string;
  instances: StudyInstance[];
  pseudonym: string;
  dateShiftDays: number;
  studyNumber: number;
}

/** The shared state of one export run that each study adds to. */
export interface ExportRun {
  db: Database.Database;
  uidMap: UidMap;
  options: ResearchExportOptions;
  now: Date;
  /** Called after every file written; throws AppError('cancelled') when the user cancelled. */
  step(phase: 'images' | 'derived' | 'nifti', bytesRead: number, bytesWritten: number): Promise<void>;
  result: ResearchExportResult;
  manifest: ManifestEntry[];
  /** Every file written so far (relative to the dataset's folder), in order: a study that fails is rolled back by it. */
  written: string[];
  /** The frames of multi-frame files, each file's header read once for the NIfTI check, the SEG plan and the NIfTI writer. */
  frames: IndexedFileFrames;
}

/** Writes one file of the dataset (relative to its folder) and counts its bytes. */
export function write(run: ExportRun, relative: string, bytes: Uint8Array): void {
  writeExportFile(path.join(run.options.outDir, relative), bytes);
  run.written.push(relative);
  run.result.bytesWritten += bytes.byteLength;
}

