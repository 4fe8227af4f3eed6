import { AppError } from '@shared/errors';
import type { AnalysisStage } from '@shared/analysis/analysis-job';

/** What a running analysis reports to, and asks whether to stop. */
export interface AnalysisHooks {
  /** The step and the share of the whole job done (0 to 1). */
  progress(stage: AnalysisStage, fraction: number): void;
  /** Throws the cancellation error when the job was asked to stop. */
  checkCancelled(): void;
}

/** The error a cancelled analysis ends with. */
export function analysisCancelled(): AppError {
  return new AppError('cancelled', 'The bone analysis was cancelled.');
}

/** Hooks that report nothing and never cancel: for a direct call (tests, benchmarks). */
export const SILENT_HOOKS: AnalysisHooks = { progress: () => {}, checkCancelled: () => {} };

/** Hooks that throw the cancellation error once `isCancelled` says so. */
export function cancellableHooks(isCancelled: () => boolean, progress: AnalysisHooks['progress']): AnalysisHooks {
  return {
    progress,
    checkCancelled: () => {
      if (isCancelled()) throw analysisCancelled();
    },
  };
}
