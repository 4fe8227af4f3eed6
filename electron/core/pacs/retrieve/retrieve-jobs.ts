import { randomUUID } from 'node:crypto';
import { AppError, toErrorShape } from '@shared/errors';
import { firstSliceIndexed, RETRIEVE_HOLD_MAX_MS, type RetrieveRequest, type RetrieveStatus } from '@shared/pacs/retrieve-job';
import { retrieveStudy, type RetrieveContext } from './retrieve-study';

interface Job {
  request: RetrieveRequest;
  status: RetrieveStatus;
  abort: AbortController;
  finished: Promise<RetrieveStatus>;
  /** Settles when the series shown first has a slice indexed, or the job has ended. */
  firstSlice: Promise<RetrieveStatus>;
  /** Lets a retrieve held after its first slice read on (the viewer has shown it). */
  release: () => void;
}

/**
 * The retrieves of this process: progress kept for polling, cancel on request. One study is
 * retrieved once at a time: asking again while it runs answers the running job when that brings
 * what is asked (the whole study, or the same series) and is not being cancelled; otherwise the new
 * job starts once the running one has ended (two at once would write the same files).
 */
export class RetrieveJobs {
  private readonly jobs = new Map<string, Job>();

  /**
   * @param context - opens what a retrieve needs when it starts (the PACS configured then)
   * @param holdMaxMs - the longest a retrieve for a viewer waits after its first slice to be told it is shown
   */
  constructor(
    private readonly context: () => RetrieveContext,
    private readonly holdMaxMs = RETRIEVE_HOLD_MAX_MS,
  ) {}

  /** Starts retrieving; returns the job id at once (the running one's, for a study already coming). */
  start(request: RetrieveRequest): string {
    const running = [...this.jobs.values()].filter((j) => j.status.state === 'running' && j.status.studyInstanceUid === request.studyInstanceUid);
    const serving = running.find((j) => !j.abort.signal.aborted && (!j.request.seriesInstanceUid || j.request.seriesInstanceUid === request.seriesInstanceUid));
    if (serving) return serving.status.jobId;
    const before = running.at(-1)?.finished ?? Promise.resolve();
    const context = this.context();
    const jobId = randomUUID();
    const abort = new AbortController();
    const status: RetrieveStatus = {
      jobId,
      studyInstanceUid: request.studyInstanceUid,
      state: 'running',
      progress: { instancesDone: 0, instancesTotal: 0, cached: 0, bytes: 0, bytesPerSecond: 0, seconds: 0, series: [] },
      result: null,
      error: null,
    };
    let sliceIndexed = () => {};
    const firstSlice = new Promise<RetrieveStatus>((resolve) => (sliceIndexed = () => resolve(status)));
    const onProgress = (progress: RetrieveStatus['progress']) => {
      status.progress = progress;
      if (firstSliceIndexed(progress)) sliceIndexed();
    };
    // For a viewer: after the first slice, held until the viewer has shown it, or cancelled, or holdMaxMs.
    let release = () => {};
    const released = new Promise<void>((resolve) => (release = resolve));
    abort.signal.addEventListener('abort', () => release(), { once: true });
    const afterFirstSlice = request.forViewer
      ? () => {
          const timer = setTimeout(release, this.holdMaxMs);
          return released.finally(() => clearTimeout(timer));
        }
      : undefined;
    const finished = before
      .then(() => {
        // Cancelled while it waited for the retrieve before it: it never starts.
        abort.signal.throwIfAborted();
        return retrieveStudy(context, request, { signal: abort.signal, onProgress, afterFirstSlice });
      })
      .then(
        (result) => Object.assign(status, { state: 'done', result }),
        (error: unknown) => Object.assign(status, abort.signal.aborted ? { state: 'cancelled' } : { state: 'failed', error: toErrorShape(error).message }),
      )
      .finally(sliceIndexed);
    this.jobs.set(jobId, { request, status, abort, finished, firstSlice, release });
    return jobId;
  }

  /** The current state of a job. */
  status(jobId: string): RetrieveStatus {
    return structuredClone(this.job(jobId).status);
  }

  /** Asks a running retrieve to stop; what arrived whole stays indexed, and retrieving again resumes. */
  cancel(jobId: string): RetrieveStatus {
    const job = this.job(jobId);
    if (job.status.state === 'running') job.abort.abort();
    return structuredClone(job.status);
  }

  /** The viewer has shown the first slice: a retrieve held for it reads on. */
  shown(jobId: string): RetrieveStatus {
    const job = this.job(jobId);
    job.release();
    return structuredClone(job.status);
  }

  /** Resolves when the job has finished, however it ended. */
  async wait(jobId: string): Promise<RetrieveStatus> {
    return structuredClone(await this.job(jobId).finished);
  }

  /** Resolves when the series to show first has a slice indexed (the viewer can open on it), or the job has ended. */
  async firstSlice(jobId: string): Promise<RetrieveStatus> {
    return structuredClone(await this.job(jobId).firstSlice);
  }

  /** Study Instance UIDs being retrieved now (never evicted meanwhile). */
  runningStudies(): Set<string> {
    return new Set([...this.jobs.values()].filter((j) => j.status.state === 'running').map((j) => j.status.studyInstanceUid));
  }

  private job(jobId: string): Job {
    const job = this.jobs.get(jobId);
    if (!job) throw new AppError('not_found', `No retrieve job ${jobId} in this session.`);
    return job;
  }
}
