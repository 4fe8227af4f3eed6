import { z } from 'zod';
import { RecordOriginSchema } from '../pacs/record-origin';
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

/**
 * The lesion changed after a decision was recorded (its record differs from the one decided on): the
 * last change's time and reader, and what differs, in words. A decision on a lesion as it was must
 * never read as a decision on the lesion as it is.
 */
export const LesionChangeAfterDecisionSchema = z
  .object({
    at: z.iso.datetime({ offset: true }),
    by: z.string().min(1),
    fields: z.array(z.string()).min(1),
  })
  .strict();
export type LesionChangeAfterDecision = z.infer<typeof LesionChangeAfterDecisionSchema>;

/**
 * A decision as listed (decisions panel, worklist): the review, whether its lesion changed after it,
 * and, for one received from another workstation, where from: its reviewer's initials may be a
 * specialist's here, and must never read as theirs.
 */
export const ListedReviewSchema = ReviewSchema.extend({ lesionChangedAfter: LesionChangeAfterDecisionSchema.nullable(), origin: RecordOriginSchema.nullable().optional() });
export type ListedReview = z.infer<typeof ListedReviewSchema>;

/**
 * The warning shown with a decision whose lesion changed after it, in the app and the CLI alike.
 * @param when - the change's time as the caller shows times
 */
export function lesionChangeText(change: LesionChangeAfterDecision, when: string): string {
  return `The lesion changed after this decision (${change.fields.join(', ')}; last by ${change.by}, ${when}): the decision was made on the lesion as it was.`;
}

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
