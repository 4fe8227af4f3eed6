import type { AnalysisJobStatus } from '@shared/analysis/analysis-job';
import type { BoneAnalysisRequest } from '@shared/analysis/bone-analysis-request';
import { coreInternals, type AppCore } from '../../electron/core/app-core';
import { dispatch } from '../../electron/core/handlers/dispatch';

/** Runs a bone analysis to its end through the contract, as a door would; a refusal is a failed status with its error. */
export async function analyseThroughContract(core: AppCore, request: BoneAnalysisRequest): Promise<AnalysisJobStatus> {
  const started = await dispatch(core.handlers, 'analysis.start', request);
  if (!started.ok) return { jobId: '', state: 'failed', progress: { stage: 'reading', fraction: 0 }, result: null, error: started.error };
  const { jobId } = started.value as { jobId: string };
  await coreInternals(core).analysisJobs.wait(jobId);
  const status = await dispatch(core.handlers, 'analysis.status', { jobId });
  if (!status.ok) throw new Error(status.error.message);
  return status.value as AnalysisJobStatus;
}
