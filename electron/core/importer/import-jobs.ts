import { randomUUID } from 'node:crypto';
import { AppError } from '@shared/errors';
import type { ImportJobStatus } from '@shared/import/import-job';
import type { ImportRunner } from './import-runners';
import type { ImportWorkerMessage } from './import-worker-protocol';

interface Job {
  status: ImportJobStatus;
  cancelFlag: Int32Array;
  finished: Promise<ImportJobStatus>;
}

/** The imports of this process: progress kept for polling, cancel on request. */
export class ImportJobs {
  private readonly jobs = new Map<string, Job>();

  constructor(
    private readonly dataDir: string,
    private readonly runner: ImportRunner,
    private readonly onFinished: (status: ImportJobStatus) => void = () => {},
  ) {}

  /** Starts importing the given absolute paths; returns the job id at once. */
  start(sources: string[]): string {
    const jobId = randomUUID();
    const cancelFlag = new SharedArrayBuffer(4);
    const status: ImportJobStatus = {
      jobId,
      state: 'running',
      progress: { filesDone: 0, filesIndexed: 0, filesTotal: 0, bytesDone: 0, filesPerSecond: 0, totalKnown: false },
      report: null,
      error: null,
    };
    const finished = new Promise<ImportJobStatus>((resolve) => {
      const settle = (update: Partial<ImportJobStatus>) => {
        if (status.state !== 'running') return;
        Object.assign(status, update);
        this.onFinished(status);
        resolve(status);
      };
      this.runner({ dataDir: this.dataDir, sources, cancelFlag }, (message: ImportWorkerMessage) => {
        if (message.type === 'progress') status.progress = message.progress;
        else if (message.type === 'finished') settle({ state: message.cancelled ? 'cancelled' : 'done', report: message.report });
        else settle({ state: 'failed', error: message.message });
      });
    });
    this.jobs.set(jobId, { status, cancelFlag: new Int32Array(cancelFlag), finished });
    return jobId;
  }

  /** The current state of a job. */
  status(jobId: string): ImportJobStatus {
    return structuredClone(this.job(jobId).status);
  }

  /** Asks a running job to stop; what it indexed so far stays indexed. */
  cancel(jobId: string): ImportJobStatus {
    const job = this.job(jobId);
    Atomics.store(job.cancelFlag, 0, 1);
    return structuredClone(job.status);
  }

  /** Resolves when the job has finished, however it ended. */
  async wait(jobId: string): Promise<ImportJobStatus> {
    return structuredClone(await this.job(jobId).finished);
  }

  private job(jobId: string): Job {
    const job = this.jobs.get(jobId);
    if (!job) throw new AppError('not_found', `No import job ${jobId} in this session.`);
    return job;
  }
}
