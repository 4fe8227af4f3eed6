import { z } from 'zod';
import { RecordOriginSchema } from '../pacs/record-origin';
import { LesionScoresSchema } from '../scoring/score-lesion';
import { LesionSchema } from './lesion';

/**
 * A lesion with its scores, as every list and every save returns it; a lesion received from another
 * workstation through the PACS says where from (it is read-only here).
 */
export const ScoredLesionSchema = z.object({ lesion: LesionSchema, scores: LesionScoresSchema, origin: RecordOriginSchema.nullable().optional() });
export type ScoredLesion = z.infer<typeof ScoredLesionSchema>;
