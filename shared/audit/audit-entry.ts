import { z } from 'zod';

/**
 * One row of the append-only audit trail: who changed what, when, before and after, and from
 * which operating-system account on which workstation (null on rows written before they were
 * recorded), so that a reader's initials taken by someone else leave a trace. A 'reader' row is a
 * sign-in: the reader signed in before and after.
 */
export const AuditEntrySchema = z.object({
  at: z.string(),
  reader: z.string(),
  osAccount: z.string().nullable(),
  workstation: z.string().nullable(),
  entity: z.enum(['lesion', 'annotation', 'review', 'reader']),
  entityId: z.string(),
  action: z.enum(['create', 'update', 'delete']),
  before: z.unknown(),
  after: z.unknown(),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;
