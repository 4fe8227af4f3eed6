import { z } from 'zod';

/** The default size limit of the PACS cache: 20 GiB. */
export const DEFAULT_CACHE_LIMIT_BYTES = 20 * 2 ** 30;

/** The cache's size limit as the settings save it: at least 100 MiB, at most 16 TiB. */
export const PacsCacheLimitSchema = z
  .object({ limitBytes: z.number().int().min(100 * 2 ** 20).max(16 * 2 ** 40) })
  .strict();

/** The PACS cache as the settings dialog shows it. */
export const PacsCacheSchema = z.object({
  limitBytes: z.number().int().positive(),
  usedBytes: z.number().nonnegative(),
  studies: z.number().int().nonnegative(),
  /** Cached studies kept whatever the limit, because they hold findings not yet sent. */
  pinnedStudies: z.number().int().nonnegative(),
});
export type PacsCache = z.infer<typeof PacsCacheSchema>;
