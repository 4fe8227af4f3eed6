import { z } from 'zod';
import { PatientPointSchema } from '../analysis/bone-analysis-request';
import { MAX_STATED_MAGNIFICATION, SpacingPlaneSchema, type SpacingPlane } from '../dicom/measurement-spacing';

/** The analysis method a computed value came from: DICOM's Algorithm Name and Algorithm Version (TID 4019). */
export const AnalysisMethodSchema = z
  .object({
    algorithmName: z.string().min(1).max(64),
    algorithmVersion: z.string().min(1).max(64),
  })
  .strict();
export type AnalysisMethod = z.infer<typeof AnalysisMethodSchema>;

/** A cross-section of the bone analysis a computed value was taken on: its index, place along the bone axis and centre. */
export const AnalysisSectionSchema = z
  .object({
    index: z.number().int().nonnegative(),
    /** Distance along the bone axis from the reader's click (mm). */
    positionMm: z.number().finite(),
    /** The section's centre in patient (LPS) coordinates, mm: its z is what the reasons quote. */
    centre: PatientPointSchema,
  })
  .strict();
export type AnalysisSection = z.infer<typeof AnalysisSectionSchema>;

/**
 * Where a number came from: measured from an annotation on the image (with its id, so that a
 * surgeon can open the drawing), typed by the reader, or computed by the bone analysis and accepted
 * by the reader (with the method's name and version and the section(s) it was taken on: one, or the
 * first and last for an axial extent). Lesion form 3 added "computed".
 */
export const MeasurementProvenanceSchema = z.discriminatedUnion('source', [
  z.object({ source: z.literal('annotation'), annotationId: z.string().min(1) }).strict(),
  z.object({ source: z.literal('typed') }).strict(),
  z.object({ source: z.literal('computed'), method: AnalysisMethodSchema, sections: z.array(AnalysisSectionSchema).min(1).max(2) }).strict(),
]);
export type MeasurementProvenance = z.infer<typeof MeasurementProvenanceSchema>;
export type ComputedProvenance = Extract<MeasurementProvenance, { source: 'computed' }>;

/** A non-negative measured value with its provenance, at most `max` (the message says what is wrong and how to act). */
export function measuredValueSchema(max: number, tooBig: string) {
  return z
    .object({
      value: z.number().finite().nonnegative().max(max, tooBig),
      provenance: MeasurementProvenanceSchema,
    })
    .strict();
}

/**
 * The longest length a lesion record takes, in mm. No bone, and no scan of one, is 10 m long: a
 * larger number is a unit or typing error (or hostile input such as 1e308, which the reasons would
 * print as "Infinity mm"), refused rather than scored.
 */
export const MAX_LENGTH_MM = 10_000;

/**
 * A length in millimetres with its provenance and, when measured on a radiograph, the plane it lies
 * in (measurementSpacing; absent: the patient's, as on a CT or typed): at the detector it overstates
 * the patient's size by the magnification, which the scores widen into a range.
 */
export const MeasuredMmSchema = measuredValueSchema(MAX_LENGTH_MM, `at most ${MAX_LENGTH_MM} mm (10 m): a longer length is not a bone measurement; check the unit is mm`).extend({
  spacingPlane: SpacingPlaneSchema.optional(),
  /**
   * At the detector: the largest magnification the image's header allows, above the plausible 1.3
   * (measurementSpacing); absent: 1.3; MAX_STATED_MAGNIFICATION, the bound the spacing rule shares: not known.
   */
  maxMagnification: z.number().min(1).max(MAX_STATED_MAGNIFICATION).optional(),
});
export type MeasuredMm = z.infer<typeof MeasuredMmSchema>;

/**
 * What a length measured on an image in `plane` carries of that plane: nothing in the patient's; the
 * plane otherwise; and a wider magnification only at a radiograph's detector, the one plane it qualifies.
 */
export function planeFields(plane: SpacingPlane, maxMagnification?: number): Pick<MeasuredMm, 'spacingPlane' | 'maxMagnification'> {
  if (plane === 'patient') return {};
  return { spacingPlane: plane, ...(plane === 'detector' && maxMagnification !== undefined ? { maxMagnification } : {}) };
}

/** A percentage (0-100) with its provenance. */
export const MeasuredPctSchema = measuredValueSchema(100, 'a percentage is at most 100');
export type MeasuredPct = z.infer<typeof MeasuredPctSchema>;
