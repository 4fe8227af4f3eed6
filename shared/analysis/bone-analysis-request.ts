import { z } from 'zod';
import { DicomUidSchema } from '../dicom/uid';

/** A point in patient (LPS) coordinates, millimetres: where the reader clicked. */
export const PatientPointSchema = z.tuple([z.number().finite(), z.number().finite(), z.number().finite()]);
export type PatientPoint = z.infer<typeof PatientPointSchema>;

/** One insert of a calibration phantom the reader marked: its centre, radius and known ash-equivalent density. */
export const CalibrationInsertSchema = z
  .object({
    centre: PatientPointSchema,
    /** The region averaged around the centre (a sphere), inside the insert. */
    radiusMm: z.number().min(1).max(30),
    /** The insert's density as ash density (g/cm3), as its certificate converts it. */
    ashDensityGPerCm3: z.number().min(-0.5).max(3),
  })
  .strict();
export type CalibrationInsert = z.infer<typeof CalibrationInsertSchema>;

/**
 * How HU become density: from the scan's own reference tissues (air, fat, muscle; no phantom),
 * or from a calibration phantom whose inserts the reader marked.
 */
export const CalibrationRequestSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('tissues') }).strict(),
  z.object({ kind: z.literal('phantom'), inserts: z.array(CalibrationInsertSchema).min(2).max(10) }).strict(),
]);
export type CalibrationRequest = z.infer<typeof CalibrationRequestSchema>;

/**
 * A bone analysis: the series, a click inside the bone near the lesion, and optionally a click
 * inside the same bone of the other side (otherwise it is found by mirroring across the body's midline).
 */
export const BoneAnalysisRequestSchema = z
  .object({
    seriesInstanceUid: DicomUidSchema,
    at: PatientPointSchema,
    contralateral: PatientPointSchema.optional(),
    calibration: CalibrationRequestSchema.optional(),
  })
  .strict();
export type BoneAnalysisRequest = z.infer<typeof BoneAnalysisRequestSchema>;
