import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { AppError } from '@shared/errors';
import { patientPseudonym } from '../../research/pseudonym-store';
import { studyPatientKey } from '../../index/study-queries';
import { dataFolderOf, deidentificationKey } from '../deid/deidentification-key';
import { UidMap } from '../deid/uid-map';
import { writeExportFile } from '../write-export-file';
import { studyInstances } from '../../index/instance-queries';
import { IndexedFileFrames } from '../../index/indexed-file-frames';
import { finishExportRun, startExportRun } from '../../research/export-runs';
import { manifestCsv } from './manifest';
import { datasetReadme } from './readme';
import type { ExportHooks, ExportProgress, ResearchExportOptions, ResearchExportResult } from './research-export-types';
import type { ExportRun, StudyJob } from './export-run';
import { exportStudyOrSetAside } from './study-attempt';
import { takeBackWritten } from './take-back-written';
import { requireNiftiVolumes } from './study-nifti';

/** Refuses an output folder that holds anything: an export never mixes with other files. */
function prepareOutDir(outDir: string): void {
  if (fs.existsSync(outDir) && fs.readdirSync(outDir).length > 0) {
    throw new AppError('conflict', `The output folder ${outDir} is not empty: choose a new or empty folder for the dataset.`);
  }
  fs.mkdirSync(outDir, { recursive: true });
}

function planJobs(db: Database.Database, options: ResearchExportOptions): StudyJob[] {
  const studiesPerPatient = new Map<string, number>();
  return [...new Set(options.studyInstanceUids)].map((uid) => {
    const instances = studyInstances(db, uid);
    const key = studyPatientKey(db, uid)!;
    const { pseudonym, dateShiftDays } = patientPseudonym(db, key);
    const studyNumber = (studiesPerPatient.get(pseudonym) ?? 0) + 1;
    studiesPerPatient.set(pseudonym, studyNumber);
    return { studyInstanceUid: uid, instances, pseudonym, dateShiftDays, studyNumber };
  });
}

/**
 * Exports chosen studies as a de-identified research dataset: images through the PS3.15 Basic
 * Profile, a SEG per series with lesions, the SR, optional NIfTI pairs, manifest.csv and README.md.
 * Reports progress after every file and stops between files when cancelled, removing what it wrote.
 * A study that fails is left out whole and listed in `failedStudies`; the others are exported.
 */
export async function exportResearchDataset(db: Database.Database, options: ResearchExportOptions, hooks: ExportHooks = {}): Promise<ResearchExportResult> {
  if (options.studyInstanceUids.length === 0) throw new AppError('invalid_request', 'Choose at least one study to export.');
  const started = performance.now();
  const jobs = planJobs(db, options);
  // Dropped with the export: what it learnt of the files' frames serves this export's steps only.
  const frames = new IndexedFileFrames();
  if (options.nifti) requireNiftiVolumes(jobs, frames);
  const key = deidentificationKey(dataFolderOf(db));
  prepareOutDir(options.outDir);
  const exportId = startExportRun(db, 'research-dataset', options.outDir, { studies: options.studyInstanceUids, dateShift: options.dateShift, nifti: options.nifti });
  const uidMap = new UidMap(db, exportId, key);
  const progress: ExportProgress = {
    phase: 'images', studiesDone: 0, studiesTotal: jobs.length, filesDone: 0,
    filesTotal: jobs.reduce((n, j) => n + j.instances.filter((i) => i.hasPixelData).length, 0), bytesDone: 0,
    bytesTotal: jobs.reduce((n, j) => n + j.instances.filter((i) => i.hasPixelData).reduce((b, i) => b + i.fileSize, 0), 0),
  };
  const result: ResearchExportResult = {
    exportId, outDir: options.outDir, patients: [], imageFiles: 0, segFiles: 0, srFiles: 0, niftiFiles: 0, lesions: 0,
    bytesRead: 0, bytesWritten: 0, seconds: 0, burnedInReview: [], skipped: [], niftiSkipped: [], labelOverlaps: [], unsegmented: [], failedStudies: [], files: [],
  };
  const run: ExportRun = {
    db, uidMap, options, now: options.now ?? new Date(), result, manifest: [], written: [], frames,
    async step(phase, bytesRead) {
      progress.phase = phase;
      if (phase === 'images') {
        progress.filesDone++;
        progress.bytesDone += bytesRead;
        result.bytesRead += bytesRead;
      }
      hooks.onProgress?.({ ...progress });
      // Let the event loop breathe so a UI can repaint and a cancel request can arrive.
      await new Promise((resolve) => setImmediate(resolve));
      if (hooks.isCancelled?.()) throw new AppError('cancelled', 'The export was cancelled; the files it had written were removed.');
    },
  };
  try {
    for (const job of jobs) {
      await exportStudyOrSetAside(run, job);
      progress.studiesDone++;
    }
    // With no study exported there is no dataset: the export fails with the first study's reason.
    if (result.failedStudies.length === jobs.length) throw result.failedStudies[0]!.error;
    const failed = new Set(result.failedStudies.map((f) => f.studyInstanceUid));
    for (const job of jobs.filter((j) => !failed.has(j.studyInstanceUid))) {
      const known = result.patients.find((p) => p.pseudonym === job.pseudonym);
      if (known) known.studies++;
      else result.patients.push({ pseudonym: job.pseudonym, studies: 1 });
    }
    writeExportFile(path.join(options.outDir, 'manifest.csv'), manifestCsv(run.manifest));
    run.written.push('manifest.csv');
    result.seconds = (performance.now() - started) / 1000;
    writeExportFile(path.join(options.outDir, 'README.md'), datasetReadme(options, result, run.now.toISOString().slice(0, 10)));
    run.written.push('README.md');
    result.files = [...run.written];
    uidMap.flush();
    finishExportRun(db, exportId, 'complete');
    hooks.onProgress?.({ ...progress, phase: 'done' });
    return result;
  } catch (error) {
    uidMap.flush();
    const cancelled = error instanceof AppError && error.code === 'cancelled';
    finishExportRun(db, exportId, cancelled ? 'cancelled' : 'failed');
    // A partial dataset would look complete to whoever finds it: remove what it wrote, and only
    // that: a file the user or another export put in the folder meanwhile is not the export's.
    takeBackWritten(options.outDir, run.written);
    throw error;
  }
}
