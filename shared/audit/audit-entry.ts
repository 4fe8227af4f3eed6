import { z } from 'zod';

/** One row of the append-only audit trail: who changed what, when, before and after. */
export const AuditEntrySchema = z.object({
  at: z.string(),
  reader: z.string(),
  entity: z.enum(['lesion', 'annotation', 'review']),
  entityId: z.string(),
  action: z.enum(['create', 'update', 'delete']),
  before: z.unknown(),
  after: z.unknown(),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;
