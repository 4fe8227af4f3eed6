import { z } from 'zod';

/** The person at the keyboard, named once; every lesion, annotation and audit row carries the initials. */
export const ReaderSchema = z
  .object({
    initials: z.string().trim().min(1).max(8).regex(/^[\p{L}\p{N}.-]+$/u, 'letters, digits, dots or hyphens'),
    name: z.string().trim().min(1).max(200),
  })
  .strict();
export type Reader = z.infer<typeof ReaderSchema>;
