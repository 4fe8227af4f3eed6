import { z } from 'zod';
import { DicomUidSchema } from '../dicom/uid';

/**
 * How long a viewer's hold on a study lasts without being renewed. A viewer renews it well within
 * (a third of it); a renderer that crashed or a tab closed without a word lets it lapse this long after.
 */
export const STUDY_LEASE_MS = 60_000;

/** A viewer's hold on a study it shows: the cache never evicts a study held. `leaseId` is the viewer's own, one per open study. */
export const StudyLeaseRequestSchema = z.object({ studyInstanceUid: DicomUidSchema, leaseId: z.string().uuid() }).strict();
export type StudyLeaseRequest = z.infer<typeof StudyLeaseRequestSchema>;

/** A hold taken or renewed: renew it before `leaseMs` have passed. */
export const StudyLeaseSchema = z.object({ leaseMs: z.number().int().positive() });
