import { z } from 'zod';

/**
 * Where a record stored here came from, when it was not recorded here: the workstation that
 * published it to the PACS, its reader's full name as the publication named them, and the
 * version of the publication it was last received in. A received record is read-only here.
 */
export const RecordOriginSchema = z.object({
  /** The publishing workstation's name (its host name). */
  workstation: z.string(),
  /** The publishing workstation's identifier (one per data folder), which tells two workstations of one name apart. */
  workstationId: z.string(),
  /** The reader's full name as the publication named them. */
  readerName: z.string().nullable(),
  /** The version of the reader's findings document (or 1 for a decision) this record was received in. */
  version: z.number().int().positive(),
});
export type RecordOrigin = z.infer<typeof RecordOriginSchema>;
