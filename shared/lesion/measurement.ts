import { z } from 'zod';

/**
 * Where a number came from: measured from an annotation on the image (with its
 * id, so that a surgeon can open the drawing) or typed by the reader.
 */
export const MeasurementProvenanceSchema = z.discriminatedUnion('source', [
  z.object({ source: z.literal('annotation'), annotationId: z.string().min(1) }).strict(),
  z.object({ source: z.literal('typed') }).strict(),
]);
export type MeasurementProvenance = z.infer<typeof MeasurementProvenanceSchema>;

/** A non-negative measured value with its provenance. */
export function measuredValueSchema(max = Number.MAX_VALUE) {
  return z
    .object({
      value: z.number().finite().nonnegative().max(max),
      provenance: MeasurementProvenanceSchema,
    })
    .strict();
}

/** A length in millimetres with its provenance. */
export const MeasuredMmSchema = measuredValueSchema();
export type MeasuredMm = z.infer<typeof MeasuredMmSchema>;

/** A percentage (0-100) with its provenance. */
export const MeasuredPctSchema = measuredValueSchema(100);
export type MeasuredPct = z.infer<typeof MeasuredPctSchema>;
