import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '@shared/errors';
import { ExportJobRequestSchema, type ExportJobRequest, type ExportJobStatus, type ParsedExportJobRequest } from '@shared/export/export-job';
import { pacsTarget } from '../../settings/pacs-settings-store';
import { isIndexedStudy, studyHeadline } from '../../index/study-queries';
import { readLesion } from '../../lesions/lesion-store';
import { prepareDestination, type Destination } from './export-destination';
import type { ExportJobEnv } from './export-job-env';
import { ExportJobRun } from './export-job-run';
import type { StudyExportRequest } from './study-item-export';
import { planStowFiles, runStowFilesJob, type StowFilesPlan } from './stow-files-job';

/** Finished jobs kept for polling; older ones are forgotten so that a long session does not grow without end. */
const KEPT_FINISHED = 50;

interface Job {
  run: ExportJobRun;
  finished: Promise<void>;
}

/** Refuses studies that are not indexed and lesions that are unknown or belong to other studies, before anything runs. */
function checkScope(env: ExportJobEnv, request: ParsedExportJobRequest): void {
  for (const uid of request.studyInstanceUids) if (!isIndexedStudy(env.db, uid)) throw new AppError('not_found', `Study ${uid} is not in the index.`);
  if (!('lesionIds' in request) || !request.lesionIds) return;
  for (const id of request.lesionIds) {
    const study = readLesion(env.db, id)?.studyInstanceUid;
    if (study === undefined) throw new AppError('not_found', `Lesion ${id} does not exist.`);
    if (!request.studyInstanceUids.includes(study)) throw new AppError('invalid_request', `Lesion ${id} belongs to study ${study}, which this export does not cover.`);
  }
}

/** A short label of a study for the progress line. */
function studyLabel(env: ExportJobEnv, uid: string): string {
  const study = studyHeadline(env.db, uid);
  return [study?.description || 'Study', study?.studyDate ?? ''].filter(Boolean).join(' of ');
}

/** The subfolder of one study of several: by UID, or by position when the export must identify no one. */
function studyFolderName(request: StudyExportRequest, uid: string, index: number): string {
  return request.kind === 'referral' && request.purpose === 'non-clinical' ? `study-${index + 1}` : uid;
}

/**
 * The export jobs of this process: each runs off the request that started it, counts its
 * progress for polling, and stops on cancel between items, removing what it had written.
 */
export class ExportJobs {
  private readonly jobs = new Map<string, Job>();
  /** Folders the user chose in the system's own dialog (Electron): trusted like the roots, as import.pick trusts its choice. */
  private readonly pickedFolders = new Set<string>();

  constructor(private readonly env: ExportJobEnv) {}

  /**
   * Checks the request (studies, lesions, PACS, destination) and starts the job.
   * @returns the job id, at once; the export runs after this returns
   */
  start(candidate: ExportJobRequest): string {
    const request = ExportJobRequestSchema.parse(candidate);
    const allowed = [...this.env.roots, ...this.pickedFolders];
    // Files already on disk go as they are: their study need not be indexed here, only named.
    const stowFiles = request.kind === 'stow-files' ? planStowFiles(request, allowed) : null;
    if (!stowFiles) checkScope(this.env, request);
    if (request.kind === 'stow' && !pacsTarget(this.env.db)) throw new AppError('invalid_request', 'No PACS is configured: set one up in PACS settings first.');
    const jobId = randomUUID();
    const destination: Destination | null = request.kind === 'stow' || request.kind === 'stow-files' ? null : prepareDestination(request.destination, allowed);
    const run = new ExportJobRun(jobId, request.kind, destination, request.kind === 'dataset' || stowFiles ? 0 : request.studyInstanceUids.length);
    const finished = new Promise<void>((resolve) => setImmediate(resolve)).then(() => this.execute(run, request, stowFiles));
    this.forgetOldFinished();
    this.jobs.set(jobId, { run, finished });
    return jobId;
  }

  /** Allows a folder the user chose in the system's own dialog as a destination (and what lies inside it). */
  allowPicked(folder: string): void {
    this.pickedFolders.add(fs.realpathSync(folder));
  }

  /** The current state of a job. */
  status(jobId: string): ExportJobStatus {
    return this.job(jobId).run.snapshot();
  }

  /** Asks a running job to stop; it ends as cancelled at its next check, its files removed. */
  cancel(jobId: string): ExportJobStatus {
    const { run } = this.job(jobId);
    run.requestCancel();
    return run.snapshot();
  }

  /** Resolves when the job has ended, however. */
  async wait(jobId: string): Promise<ExportJobStatus> {
    const job = this.job(jobId);
    await job.finished;
    return job.run.snapshot();
  }

  private forgetOldFinished(): void {
    const finished = [...this.jobs].filter(([, job]) => job.run.finished);
    // A Map iterates in insertion order: the first ones are the oldest.
    for (const [id] of finished.slice(0, Math.max(0, finished.length - KEPT_FINISHED + 1))) this.jobs.delete(id);
  }

  private job(jobId: string): Job {
    const job = this.jobs.get(jobId);
    if (!job) throw new AppError('not_found', `No export job ${jobId} in this session.`);
    return job;
  }

  private async execute(run: ExportJobRun, request: ParsedExportJobRequest, stowFiles: StowFilesPlan | null): Promise<void> {
    try {
      run.throwIfCancelled();
      // The exporters (PDF fonts, dcmjs) load on the first export, not at every start of the app or CLI.
      if (request.kind === 'dataset') await (await import('./dataset-job')).runDatasetJob(this.env, run, request, run.destination!.folder);
      else if (request.kind === 'stow-files') await runStowFilesJob(run, stowFiles!);
      else await this.exportStudies(run, request);
      run.throwIfCancelled();
      run.complete();
    } catch (error) {
      // The research dataset exporter removes the files it wrote itself on any failure.
      run.abort(error, { exporterCleanedUp: request.kind === 'dataset' });
    }
  }

  /**
   * One item per study; several studies each get their own subfolder, named by Study Instance UID,
   * or "study-1", "study-2"... for a non-clinical referral, whose folder names must not find the patient.
   */
  private async exportStudies(run: ExportJobRun, request: StudyExportRequest): Promise<void> {
    const uids = [...new Set(request.studyInstanceUids)];
    run.progress({ itemsTotal: uids.length, phase: 'writing' });
    const { exportStudyItem } = await import('./study-item-export');
    for (const [index, uid] of uids.entries()) {
      run.throwIfCancelled();
      run.progress({ currentItem: studyLabel(this.env, uid), phase: 'writing' });
      const folder =
        request.kind === 'stow'
          ? path.join(this.env.dataDir, 'export-staging', `${run.jobId}-${index}`)
          : uids.length === 1 ? run.destination!.folder : path.join(run.destination!.folder, studyFolderName(request, uid, index));
      try {
        await exportStudyItem(this.env, run, request, uid, folder);
      } catch (error) {
        if (error instanceof AppError && error.code === 'cancelled') throw error;
        run.itemFailed(studyLabel(this.env, uid), error);
      }
      run.progress({ itemsDone: index + 1 });
      // Let polling and a cancel request in between studies.
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
}
