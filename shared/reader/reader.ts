import { z } from 'zod';

/**
 * The role chosen at sign-in: it sets the default view (radiologist: studies; surgeon: the
 * worklist; researcher: exports), and a surgeon reviews lesions but records none. On a
 * single-user desktop it is not a login: whoever sits at the workstation chooses it.
 */
export const ReaderRoleSchema = z.enum(['radiologist', 'surgeon', 'researcher']);
export type ReaderRole = z.infer<typeof ReaderRoleSchema>;

/** The person at the keyboard, named once; every lesion, annotation and audit row carries the initials. */
export const ReaderSchema = z
  .object({
    initials: z.string().trim().min(1).max(8).regex(/^[\p{L}\p{N}.-]+$/u, 'letters, digits, dots or hyphens'),
    name: z.string().trim().min(1).max(200),
    role: ReaderRoleSchema.default('radiologist'),
  })
  .strict();
export type Reader = z.infer<typeof ReaderSchema>;
