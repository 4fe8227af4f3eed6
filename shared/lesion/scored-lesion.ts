import { z } from 'zod';
import { RecordOriginSchema } from '../pacs/record-origin';
import { LesionScoresSchema } from '../scoring/score-lesion';
import { LesionSchema } from './lesion';

/**
 * A lesion's revision: a number its stored row takes at every save, by any door. A save, deletion or
 * decision carries the revision its lesion was read at, and is refused ('stale') when it was saved since.
 */
export const LesionRevisionSchema = z.number().int().min(1);

/**
 * The revision a write was made from: the lesion's as read, or null for a lesion the write creates
 * (read at none). A write naming none (the CLI's batch input without one) is not checked.
 */
export const ReadRevisionSchema = LesionRevisionSchema.nullable();

/**
 * A lesion with its scores, as exports and the worklist take it; a lesion received from another
 * workstation through the PACS says where from (it is read-only here).
 */
export const ScoredLesionSchema = z.object({ lesion: LesionSchema, scores: LesionScoresSchema, origin: RecordOriginSchema.nullable().optional() });

/** A stored lesion with its scores and its revision, as every list, read and save of lesions returns it. */
export const StoredScoredLesionSchema = ScoredLesionSchema.extend({ revision: LesionRevisionSchema });
export type StoredScoredLesion = z.infer<typeof StoredScoredLesionSchema>;
export type ScoredLesion = z.infer<typeof ScoredLesionSchema>;
