import { z } from 'zod';
import { ReviewingRoleSchema } from '../reader/roles';

/** What a reviewing specialist decided for a flagged lesion. */
export const ReviewDecisionSchema = z.enum([
  'prophylactic-fixation',
  'stabilisation-decompression',
  'radiotherapy',
  'vertebral-augmentation-or-ablation',
  'observe',
  'more-imaging',
  'other',
]);
export type ReviewDecision = z.infer<typeof ReviewDecisionSchema>;

/**
 * A reviewing specialist's decision on one lesion, dated by the host when it was saved; reviews
 * are audited like lesions and shown on the lesion with the specialist's role (null on reviews
 * saved before roles were kept).
 */
export const ReviewSchema = z
  .object({
    id: z.uuid(),
    lesionId: z.uuid(),
    decision: ReviewDecisionSchema,
    comment: z.string().max(20_000),
    reviewer: z.string().min(1),
    reviewerRole: ReviewingRoleSchema.nullable().default(null),
    createdAt: z.iso.datetime({ offset: true }),
  })
  .strict();
export type Review = z.infer<typeof ReviewSchema>;

/** A review as a client asks to record it: the host adds the time and the reviewer's role. */
export const ReviewRequestSchema = ReviewSchema.pick({ id: true, lesionId: true, decision: true, comment: true, reviewer: true }).strict();
export type ReviewRequest = z.infer<typeof ReviewRequestSchema>;

/** The reviewing specialists' decisions as the app, the CLI and the published decision documents name them. */
export const DECISION_LABELS: Readonly<Record<ReviewDecision, string>> = {
  'prophylactic-fixation': 'Prophylactic fixation',
  'stabilisation-decompression': 'Stabilisation / decompression',
  radiotherapy: 'Radiotherapy',
  'vertebral-augmentation-or-ablation': 'Vertebral augmentation or ablation',
  observe: 'Observe',
  'more-imaging': 'More imaging',
  other: 'Other',
};
