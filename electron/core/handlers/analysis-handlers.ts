import { awaitStatus } from '../jobs/await-status';
import type { Handlers } from '@shared/ipc/contract';
import type { AnalysisJobs } from '../analysis/jobs/analysis-jobs';

type AnalysisHandlers = Pick<Handlers, 'analysis.start' | 'analysis.status' | 'analysis.cancel'>;

/** The bone analysis channels: start a job on a series at a click, poll it, cancel it. */
export function analysisHandlers(jobs: AnalysisJobs): AnalysisHandlers {
  return {
    'analysis.start': async (request) => ({ jobId: jobs.start(request) }),
    'analysis.status': async ({ jobId, waitMs }) => awaitStatus(jobs, jobId, waitMs),
    'analysis.cancel': async ({ jobId }) => jobs.cancel(jobId),
  };
}
