import { z } from 'zod';
import { DicomUidSchema } from '../dicom/uid';

/**
 * Why publications wait: no PACS configured, the PACS unreachable (network), its certificate not
 * trusted, refused by the PACS as a whole (credentials, a wrong URL, a server failure, too many
 * requests: with its HTTP status, retried on a timer), rejected by the PACS for this publication's
 * content (a 4xx naming it, or the failure it gave for the instance: not retried on a timer, since
 * the same content would be refused again, only on Sync now), the study's images not on this
 * workstation, or a record that cannot be written as DICOM.
 */
export const PublicationProblemKindSchema = z.enum(['no-pacs', 'unreachable', 'certificate', 'refused', 'rejected', 'study-missing', 'invalid']);
export type PublicationProblemKind = z.infer<typeof PublicationProblemKindSchema>;

/** One reason a publication waits, as the header and `outbox` tell it. */
export const PublicationProblemSchema = z.object({
  kind: PublicationProblemKindSchema,
  /** The HTTP status the PACS answered, when it answered one. */
  httpStatus: z.number().int().nullable(),
  message: z.string(),
});
export type PublicationProblem = z.infer<typeof PublicationProblemSchema>;

/** Why publications wait in a few words, as the header and `outbox` say it ("PACS unreachable", "refused with status 409"). */
export function problemHeadline(problem: PublicationProblem): string {
  switch (problem.kind) {
    case 'unreachable':
      return 'PACS unreachable';
    case 'certificate':
      return 'certificate not trusted';
    case 'refused':
      return problem.httpStatus === null ? 'refused by the PACS' : `refused with status ${problem.httpStatus}`;
    case 'rejected':
      return `refused with status ${problem.httpStatus ?? 'unknown'} for its content: retried on Sync now`;
    case 'no-pacs':
      return 'no PACS configured';
    case 'study-missing':
      return "the study's images are not on this workstation";
    default:
      return 'cannot be written as DICOM';
  }
}

/** What a publication is: a reader's findings on a study (lesions and drawings), or one decision. */
export const PublicationKindSchema = z.enum(['findings', 'review']);
export type PublicationKind = z.infer<typeof PublicationKindSchema>;

/** One publication waiting in the outbox. */
export const OutboxItemSchema = z.object({
  id: z.number().int().positive(),
  kind: PublicationKindSchema,
  studyInstanceUid: DicomUidSchema,
  reader: z.string(),
  /** The decision's id for a review; null for findings (the document is the reader's on the study). */
  recordId: z.string().nullable(),
  /** The document version; null until its content is fixed at the first attempt (changes before then join it). */
  version: z.number().int().positive().nullable(),
  sopInstanceUid: DicomUidSchema.nullable(),
  enqueuedAt: z.string(),
  attempts: z.number().int().nonnegative(),
  /** When the next attempt is due (backoff after a failure); null: at the next pass, or on Sync now only when its problem is 'rejected'. */
  nextAttemptAt: z.string().nullable(),
  problem: PublicationProblemSchema.nullable(),
  /**
   * 'change': a change made here. 'new-pacs': the last version of a document, already published,
   * sent again because the PACS was changed and the new one does not hold it.
   */
  purpose: z.enum(['change', 'new-pacs']),
});
export type OutboxItem = z.infer<typeof OutboxItemSchema>;

/** The outbox as the header shows it: how many publications wait, why, and each one. */
export const OutboxStatusSchema = z.object({
  /** Whether a PACS is configured: without one nothing is published or fetched. */
  pacsConfigured: z.boolean(),
  waiting: z.number().int().nonnegative(),
  /** Why the first waiting publication waits (null while none has failed yet). */
  reason: PublicationProblemSchema.nullable(),
  items: z.array(OutboxItemSchema),
  /** The last sync with the PACS (either door), or null before any. */
  lastSync: z.object({ at: z.string(), received: z.number().int().nonnegative(), error: z.string().nullable() }).nullable(),
  /** Seconds between automatic syncs of the running app. */
  syncIntervalSeconds: z.number().int().positive(),
  /**
   * The last sync (any door, the app's timer included) that took back this workstation's own
   * records from the PACS after a restore, and how many; null when none ever did.
   */
  takenBack: z.object({ at: z.string(), records: z.number().int().positive() }).nullable(),
});
export type OutboxStatus = z.infer<typeof OutboxStatusSchema>;

/** A record a sync could not publish or receive, and why. */
export const SyncErrorSchema = z.object({ record: z.string(), message: z.string() });
export type SyncError = z.infer<typeof SyncErrorSchema>;

/** What one sync did: publications sent, publications received from the team, what still waits, what failed, and what came back after a restore. */
export const SyncReportSchema = z.object({
  published: z.number().int().nonnegative(),
  received: z.number().int().nonnegative(),
  waiting: z.number().int().nonnegative(),
  errors: z.array(SyncErrorSchema),
  /**
   * Records of this workstation's own readers taken back from the PACS, which this database,
   * restored from an older backup, lacked: lesions and drawings a newer version of their findings
   * there held, and decisions published from here. Present only when some were.
   */
  takenBack: z.number().int().positive().optional(),
});
export type SyncReport = z.infer<typeof SyncReportSchema>;

/**
 * A version of a record received from another workstation that differs from the one kept here:
 * both are kept, the one here stays in use, and this one is shown beside it.
 */
export const RecordConflictSchema = z.object({
  entity: z.enum(['lesion', 'annotation']),
  entityId: z.string(),
  workstation: z.string(),
  reader: z.string(),
  readerName: z.string().nullable(),
  version: z.number().int().positive(),
  receivedAt: z.string(),
  /** The record as received. */
  record: z.record(z.string(), z.unknown()),
  /** The first field where it differs from the record kept here ("note", "largestDimensionMm.value"), or null when the record here is gone. */
  difference: z.string().nullable(),
});
export type RecordConflict = z.infer<typeof RecordConflictSchema>;

/** What a sync took back after a restore, in one sentence; '' when it took nothing back. */
export function takenBackText(records: number | undefined): string {
  return records ? `${records} record(s) were taken back from the PACS after a restore: the lesions, drawings and decisions recorded here after the backup are here again.` : '';
}
