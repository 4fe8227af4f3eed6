import type { AnalysisProgress } from '@shared/analysis/analysis-job';
import type { BoneAnalysisRequest } from '@shared/analysis/bone-analysis-request';
import type { BoneAnalysisResult } from '@shared/analysis/bone-analysis-result';
import type { AppErrorShape } from '@shared/errors';
import type { CtSeriesSource } from '../volume/ct-series-source';

/** What the thread that starts an analysis hands to the analysis worker. */
export interface AnalysisWorkerJob {
  request: BoneAnalysisRequest;
  /** The series' files and grid, looked up in the index before the job started. */
  source: CtSeriesSource;
  /** One Int32 set to 1 to ask the worker to stop at its next slice or section. */
  cancelFlag: SharedArrayBuffer;
}

/** Messages from the analysis worker to the thread that started it. */
export type AnalysisWorkerMessage =
  | { type: 'progress'; progress: AnalysisProgress }
  | { type: 'done'; result: BoneAnalysisResult }
  | { type: 'failed'; error: AppErrorShape };
