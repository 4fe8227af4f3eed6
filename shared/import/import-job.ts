import { z } from 'zod';

/**
 * A file or folder of an import, with the name the core gives it for the user: a file dropped on
 * the browser-mode window by its own name, their batch as "uploaded files", anything else by its
 * path. The renderer shows `displayName` and never reads a path's layout.
 */
export const NamedPathSchema = z.object({
  path: z.string(),
  displayName: z.string(),
});
export type NamedPath = z.infer<typeof NamedPathSchema>;

/** A file the import did not index, and why, in words a user can act on. */
export const ReportedFileSchema = NamedPathSchema.extend({
  reason: z.string(),
});
export type ReportedFile = z.infer<typeof ReportedFileSchema>;

/** A file not indexed because another file already holds its SOP Instance UID. */
export const DuplicateFileSchema = z.object({
  path: z.string(),
  sopInstanceUid: z.string(),
  /** The file that holds the instance in the index. */
  duplicateOf: z.string(),
});
export type DuplicateFile = z.infer<typeof DuplicateFileSchema>;

/** What one import did, file by file accounted for. */
export const ImportReportSchema = z.object({
  filesSeen: z.number().int().nonnegative(),
  indexed: z.number().int().nonnegative(),
  unchanged: z.number().int().nonnegative(),
  duplicates: z.number().int().nonnegative(),
  dicomdirs: z.number().int().nonnegative(),
  reported: z.array(ReportedFileSchema),
  /** The files counted in `duplicates` (reports kept from before this list existed have none). */
  duplicateFiles: z.array(DuplicateFileSchema).default([]),
  patients: z.number().int().nonnegative(),
  studies: z.number().int().nonnegative(),
  series: z.number().int().nonnegative(),
  instances: z.number().int().nonnegative(),
  seconds: z.number().nonnegative(),
});
export type ImportReport = z.infer<typeof ImportReportSchema>;

/** Live progress of a running import. */
export const ImportProgressSchema = z.object({
  filesDone: z.number().int().nonnegative(),
  /** Of those, the files whose instances were written to the index: what the lists can show anew. */
  filesIndexed: z.number().int().nonnegative(),
  filesTotal: z.number().int().nonnegative(),
  bytesDone: z.number().nonnegative(),
  filesPerSecond: z.number().nonnegative(),
  /** False while the folders are still being walked, so the total is still growing. */
  totalKnown: z.boolean(),
});
export type ImportProgress = z.infer<typeof ImportProgressSchema>;

export const ImportJobStateSchema = z.enum(['running', 'done', 'cancelled', 'failed']);

/** The state of an import job as a door reports it. */
export const ImportJobStatusSchema = z.object({
  jobId: z.string(),
  state: ImportJobStateSchema,
  progress: ImportProgressSchema,
  report: ImportReportSchema.nullable(),
  error: z.string().nullable(),
});
export type ImportJobStatus = z.infer<typeof ImportJobStatusSchema>;

/** Where an import's files come from: paths on this machine, or a batch uploaded to the host. */
export const ImportSourceSchema = z.union([
  z.object({ paths: z.array(z.string().min(1).max(4096)).min(1).max(1000) }).strict(),
  z.object({ uploadBatchId: z.string().uuid() }).strict(),
]);
export type ImportSource = z.infer<typeof ImportSourceSchema>;
