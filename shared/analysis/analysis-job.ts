import { z } from 'zod';
import { AppErrorShapeSchema } from '../errors';
import { BoneAnalysisResultSchema } from './bone-analysis-result';

/** The steps of a bone analysis, in order, as the progress bar names them. */
export const AnalysisStageSchema = z.enum(['reading', 'finding-bone', 'sections', 'contralateral', 'done']);
export type AnalysisStage = z.infer<typeof AnalysisStageSchema>;

/** Live progress: the step and the share of the whole job done (0 to 1). */
export const AnalysisProgressSchema = z.object({
  stage: AnalysisStageSchema,
  fraction: z.number().min(0).max(1),
});
export type AnalysisProgress = z.infer<typeof AnalysisProgressSchema>;

/** The state of a bone analysis job as a door reports it; a refusal is a failure with its typed error. */
export const AnalysisJobStatusSchema = z.object({
  jobId: z.string(),
  state: z.enum(['running', 'done', 'cancelled', 'failed']),
  progress: AnalysisProgressSchema,
  result: BoneAnalysisResultSchema.nullable(),
  error: AppErrorShapeSchema.nullable(),
});
export type AnalysisJobStatus = z.infer<typeof AnalysisJobStatusSchema>;
