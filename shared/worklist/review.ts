import { z } from 'zod';

/** What a surgeon decided for a flagged lesion. */
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

/** A surgeon's review of one lesion; reviews are audited like lesions and shown on the lesion. */
export const ReviewSchema = z
  .object({
    id: z.uuid(),
    lesionId: z.uuid(),
    decision: ReviewDecisionSchema,
    comment: z.string().max(20_000),
    reviewer: z.string().min(1),
    createdAt: z.iso.datetime({ offset: true }),
  })
  .strict();
export type Review = z.infer<typeof ReviewSchema>;
