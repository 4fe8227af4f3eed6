import { z } from 'zod';
import { DicomUidSchema } from './uid';
import { StudySummarySchema } from './study';
import { MeasurementSpacingSchema } from './measurement-spacing';

/** One series of a study, with the instance the browser shows as its thumbnail. */
export const SeriesSummarySchema = z.object({
  seriesInstanceUid: DicomUidSchema,
  studyInstanceUid: DicomUidSchema,
  modality: z.string(),
  seriesNumber: z.number().int().nullable(),
  description: z.string(),
  bodyPart: z.string(),
  instanceCount: z.number().int().nonnegative(),
  frameCount: z.number().int().nonnegative(),
  /** Index id of a middle image of the series, or null when no instance holds pixels. */
  thumbnailInstanceId: z.number().int().positive().nullable(),
});
export type SeriesSummary = z.infer<typeof SeriesSummarySchema>;

/** A study with its series, as the study page shows it. */
export const StudyDetailSchema = z.object({
  study: StudySummarySchema,
  series: z.array(SeriesSummarySchema),
});
export type StudyDetail = z.infer<typeof StudyDetailSchema>;

const Vector3Schema = z.tuple([z.number(), z.number(), z.number()]);

/** One indexed instance: what the viewer needs to place and load it (never a file path). */
export const InstanceSummarySchema = z.object({
  id: z.number().int().positive(),
  sopInstanceUid: DicomUidSchema,
  sopClassUid: z.string(),
  transferSyntaxUid: z.string(),
  instanceNumber: z.number().int().nullable(),
  rows: z.number().int().nullable(),
  columns: z.number().int().nullable(),
  frames: z.number().int().nullable(),
  pixelSpacing: z.tuple([z.number(), z.number()]).nullable(),
  /** The spacing the viewer measures lengths with and its plane (measurementSpacing, applied by the index). */
  measurementSpacing: MeasurementSpacingSchema,
  sliceThickness: z.number().nullable(),
  imagePositionPatient: Vector3Schema.nullable(),
  imageOrientationPatient: z.tuple([z.number(), z.number(), z.number(), z.number(), z.number(), z.number()]).nullable(),
  hasPixelData: z.boolean(),
});
export type InstanceSummary = z.infer<typeof InstanceSummarySchema>;
