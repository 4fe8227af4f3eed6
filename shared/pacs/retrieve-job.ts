import { z } from 'zod';
import { DicomUidSchema } from '../dicom/uid';

/** What to bring from the PACS: a study, or one series of it. */
export const RetrieveRequestSchema = z
  .object({
    studyInstanceUid: DicomUidSchema,
    seriesInstanceUid: DicomUidSchema.optional(),
    /**
     * A viewer opens on the first slice: once it is indexed, the retrieve stops reading the PACS
     * until the viewer says it is shown (pacs.retrieveShown), at most RETRIEVE_HOLD_MAX_MS, so that
     * the two do not share the machine's cores while the reader waits for the image.
     */
    forViewer: z.boolean().optional(),
  })
  .strict();
export type RetrieveRequest = z.infer<typeof RetrieveRequestSchema>;

/** The longest a retrieve for a viewer waits after its first slice for the viewer to show it. */
export const RETRIEVE_HOLD_MAX_MS = 1000;

/** One series of a retrieve: its instances arrived (or already here) of how many. */
export const RetrieveSeriesProgressSchema = z.object({
  seriesInstanceUid: DicomUidSchema,
  /** Instances indexed so far, those already cached included. */
  indexed: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
});

/** Progress of a retrieve while it runs. */
export const RetrieveProgressSchema = z.object({
  instancesDone: z.number().int().nonnegative(),
  instancesTotal: z.number().int().nonnegative(),
  /** Instances skipped because this workstation already holds them (a resumed retrieve). */
  cached: z.number().int().nonnegative(),
  bytes: z.number().nonnegative(),
  bytesPerSecond: z.number().nonnegative(),
  seconds: z.number().nonnegative(),
  /** The series in the order they are retrieved; the first is the one to show first. */
  series: z.array(RetrieveSeriesProgressSchema),
});
export type RetrieveProgress = z.infer<typeof RetrieveProgressSchema>;

/** True once the series shown first has a slice indexed: the viewer can open on it (and the long poll `until: 'first-slice'` answers). */
export function firstSliceIndexed(progress: RetrieveProgress): boolean {
  return (progress.series[0]?.indexed ?? 0) > 0;
}

/** An instance the PACS sent that the index refused, with the importer's reason. */
export const RetrieveRefusalSchema = z.object({ sopInstanceUid: z.string(), reason: z.string() });

/** What a finished retrieve did: `{instances, bytes, seconds, cached}` as `pacs retrieve --json` prints it. */
export const RetrieveResultSchema = z.object({
  studyInstanceUid: DicomUidSchema,
  instances: z.number().int().nonnegative(),
  bytes: z.number().nonnegative(),
  seconds: z.number().nonnegative(),
  cached: z.number().int().nonnegative(),
  refused: z.array(RetrieveRefusalSchema),
  /** Studies evicted from the cache to stay under its size limit. */
  evicted: z.array(DicomUidSchema),
});
export type RetrieveResult = z.infer<typeof RetrieveResultSchema>;

/** A retrieve job as polled. */
export const RetrieveStatusSchema = z.object({
  jobId: z.string(),
  studyInstanceUid: DicomUidSchema,
  state: z.enum(['running', 'done', 'failed', 'cancelled']),
  progress: RetrieveProgressSchema,
  result: RetrieveResultSchema.nullable(),
  error: z.string().nullable(),
});
export type RetrieveStatus = z.infer<typeof RetrieveStatusSchema>;
