import { z } from 'zod';
import { LesionScoresSchema } from '../scoring/score-lesion';
import { LesionSchema } from './lesion';

/** A lesion with its scores, as every list and every save returns it. */
export const ScoredLesionSchema = z.object({ lesion: LesionSchema, scores: LesionScoresSchema });
export type ScoredLesion = z.infer<typeof ScoredLesionSchema>;
