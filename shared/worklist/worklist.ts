import { z } from 'zod';
import { IsoDateSchema } from '../dicom/study';
import { DicomUidSchema } from '../dicom/uid';
import { UrgencyLevelSchema } from '../scoring/urgency-level';
import { UrgencySchema } from '../scoring/urgency';
import { RecordOriginSchema } from '../pacs/record-origin';
import { ListedReviewSchema } from './review';

/**
 * The worklist's filters; by default every lesion that is, or could be while inputs are missing,
 * above routine, most urgent and newest first. An urgency filter matches a lesion's level or its worst case.
 */
export const WorklistQuerySchema = z
  .object({
    urgencies: z.array(UrgencyLevelSchema).max(4).optional(),
    site: z.enum(['all', 'spine', 'bone']).optional(),
    reviewed: z.enum(['all', 'yes', 'no']).optional(),
    reader: z.string().max(8).optional(),
    dateFrom: IsoDateSchema.optional(),
    dateTo: IsoDateSchema.optional(),
    text: z.string().max(200).optional(),
    sort: z.enum(['urgency', 'newest', 'oldest', 'patient', 'study-date']).optional(),
    limit: z.number().int().min(1).max(10_000).optional(),
  })
  .strict();
export type WorklistQuery = z.infer<typeof WorklistQuerySchema>;

/** One flagged lesion as the surgeon's worklist shows it. */
export const WorklistRowSchema = z.object({
  lesionId: z.uuid(),
  studyInstanceUid: DicomUidSchema,
  seriesInstanceUid: DicomUidSchema,
  patientName: z.string(),
  patientId: z.string(),
  studyDate: z.string().nullable(),
  bone: z.string(),
  region: z.string().nullable(),
  laterality: z.string().nullable(),
  isSpine: z.boolean(),
  urgency: UrgencySchema,
  /** Short score texts for the list ("Mirels 10", "SINS 8-11"); null where a score does not apply. */
  keyScores: z.object({ mirels: z.string().nullable(), sins: z.string().nullable(), vanDerLinden: z.string().nullable(), escc: z.string().nullable() }),
  reader: z.string(),
  /** The reader's full name: as named at sign-in here, or as the publication that brought the lesion named them. */
  readerName: z.string().nullable(),
  /** True for a lesion recorded on another workstation and received through the PACS (read-only here). */
  fromOtherWorkstation: z.boolean(),
  /** Where a received lesion came from; null for this workstation's own. */
  origin: RecordOriginSchema.nullable(),
  status: z.enum(['draft', 'final']),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** The newest decision, saying whether the lesion changed after it. */
  latestReview: ListedReviewSchema.nullable(),
  /** Flagged or changed since this reader last opened the worklist. */
  isNew: z.boolean(),
});
export type WorklistRow = z.infer<typeof WorklistRowSchema>;

/**
 * The worklist: rows, counts per urgency (under the same filters, any urgency; under each level the
 * lesions whose range, recorded level to worst case, spans it) and the last visit.
 */
export const WorklistSchema = z.object({
  rows: z.array(WorklistRowSchema),
  counts: z.record(UrgencyLevelSchema, z.number().int().nonnegative()),
  /** Rows shown whose worst case is above their level: incomplete, missing inputs could raise them. */
  incomplete: z.number().int().nonnegative(),
  lastVisit: z.string().nullable(),
});
export type Worklist = z.infer<typeof WorklistSchema>;

/** A reader who has recorded lesions, as the worklist's reader filter offers them. */
export const WorklistReaderSchema = z.object({
  initials: z.string(),
  /** The name given at sign-in here; null for initials that only came with lesions (CLI, SR import). */
  name: z.string().nullable(),
});
export type WorklistReader = z.infer<typeof WorklistReaderSchema>;
