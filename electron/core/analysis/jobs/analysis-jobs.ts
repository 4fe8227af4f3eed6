import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { AnalysisJobStatus } from '@shared/analysis/analysis-job';
import type { BoneAnalysisRequest } from '@shared/analysis/bone-analysis-request';
import { AppError } from '@shared/errors';
import { ctSeriesSource } from '../volume/ct-series-source';
import type { AnalysisRunner } from './analysis-runners';
import type { AnalysisWorkerMessage } from './analysis-worker-protocol';

interface Job {
  status: AnalysisJobStatus;
  cancelFlag: Int32Array;
  finished: Promise<AnalysisJobStatus>;
}

/** Finished jobs kept for polling; older ones are forgotten, so that a long session does not hold every result. */
const KEPT_FINISHED = 20;

/** The bone analyses of this process: progress kept for polling, cancel on request. */
export class AnalysisJobs {
  private readonly jobs = new Map<string, Job>();

  constructor(
    private readonly db: Database.Database,
    private readonly runner: AnalysisRunner,
  ) {}

  /**
   * Checks the series (CT, readable, one regular stack) and starts the analysis.
   * @returns the job id, at once; the analysis runs on the runner's thread
   * @throws AppError when the series cannot be analysed at all (before any job exists)
   */
  start(request: BoneAnalysisRequest): string {
    const source = ctSeriesSource(this.db, request.seriesInstanceUid);
    const jobId = randomUUID();
    const cancelFlag = new SharedArrayBuffer(4);
    const status: AnalysisJobStatus = { jobId, state: 'running', progress: { stage: 'reading', fraction: 0 }, result: null, error: null };
    const finished = new Promise<AnalysisJobStatus>((resolve) => {
      this.runner({ request, source, cancelFlag }, (message: AnalysisWorkerMessage) => {
        if (status.state !== 'running') return;
        if (message.type === 'progress') {
          status.progress = message.progress;
          return;
        }
        if (message.type === 'done') {
          // A localiser left out of the stack is named where the reader reads the result.
          const result = source.leftOut ? { ...message.result, notes: [...message.result.notes, source.leftOut] } : message.result;
          Object.assign(status, { state: 'done', result, progress: { stage: 'done', fraction: 1 } });
        } else Object.assign(status, { state: message.error.code === 'cancelled' ? 'cancelled' : 'failed', error: message.error });
        resolve(status);
      });
    });
    this.forgetOldFinished();
    this.jobs.set(jobId, { status, cancelFlag: new Int32Array(cancelFlag), finished });
    return jobId;
  }

  /** The current state of a job. */
  status(jobId: string): AnalysisJobStatus {
    return structuredClone(this.job(jobId).status);
  }

  /** Asks a running job to stop at its next slice or section. */
  cancel(jobId: string): AnalysisJobStatus {
    const job = this.job(jobId);
    Atomics.store(job.cancelFlag, 0, 1);
    return structuredClone(job.status);
  }

  /** Resolves when the job has finished, however it ended. */
  async wait(jobId: string): Promise<AnalysisJobStatus> {
    return structuredClone(await this.job(jobId).finished);
  }

  private job(jobId: string): Job {
    const job = this.jobs.get(jobId);
    if (!job) throw new AppError('not_found', `No bone analysis ${jobId} in this session.`);
    return job;
  }

  private forgetOldFinished(): void {
    const finished = [...this.jobs.entries()].filter(([, job]) => job.status.state !== 'running');
    for (const [id] of finished.slice(0, Math.max(0, finished.length - KEPT_FINISHED + 1))) this.jobs.delete(id);
  }
}
