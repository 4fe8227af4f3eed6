/** What a job's status says while it runs and when it ends. */
interface JobState {
  state: string;
}

/** How a command waits on one job through the contract. */
export interface JobWaiting<S extends JobState> {
  /** The job's status through its channel, after waiting up to waitMs for its end. */
  status(waitMs: number): Promise<S>;
  /** Asks the job to stop, through its channel. */
  cancel(): Promise<unknown>;
  /** A line of progress for stderr, or null for none. */
  progressLine(status: S): string | null;
}

/** How long one status request waits for the end before the command prints progress again. */
const PROGRESS_EVERY_MS = 500;

/**
 * Waits until a job ends, through its status channel (a long poll, so the end is heard at once),
 * printing its progress on stderr; Ctrl-C asks the job to cancel and the wait goes on to its end.
 * @returns the job's final status
 */
export async function waitForJob<S extends JobState>(job: JobWaiting<S>): Promise<S> {
  let cancelling = false;
  const onInterrupt = () => {
    if (cancelling) return;
    cancelling = true;
    process.stderr.write('\nCancelling...\n');
    void job.cancel();
  };
  process.on('SIGINT', onInterrupt);
  try {
    // A first line at once, then one each time a wait ends with the job still running.
    for (let waitMs = 0; ; waitMs = PROGRESS_EVERY_MS) {
      const status = await job.status(waitMs);
      if (status.state !== 'running') return status;
      const line = job.progressLine(status);
      if (line) process.stderr.write(`${line}\n`);
    }
  } finally {
    process.off('SIGINT', onInterrupt);
  }
}
