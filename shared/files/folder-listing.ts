import { z } from 'zod';

/** One entry of a folder the browser-mode folder picker shows. */
export const FolderEntrySchema = z.object({
  name: z.string(),
  kind: z.enum(['folder', 'file']),
  size: z.number().nonnegative().nullable(),
});

/** A folder under one of the allowed import roots, with its entries. */
export const FolderListingSchema = z.object({
  path: z.string(),
  parent: z.string().nullable(),
  roots: z.array(z.string()),
  entries: z.array(FolderEntrySchema),
});
export type FolderListing = z.infer<typeof FolderListingSchema>;
