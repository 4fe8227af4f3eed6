import { z } from 'zod';
import { DicomUidSchema } from './uid';

/** DICOM DA as YYYY-MM-DD, the form search filters and the UI use. */
export const IsoDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');

/** One study as the study browser lists it, with its patient. */
export const StudySummarySchema = z.object({
  studyInstanceUid: DicomUidSchema,
  patientName: z.string(),
  patientId: z.string(),
  patientBirthDate: IsoDateSchema.nullable(),
  patientSex: z.string(),
  studyDate: IsoDateSchema.nullable(),
  studyTime: z.string(),
  accessionNumber: z.string(),
  description: z.string(),
  modalities: z.array(z.string()),
  seriesCount: z.number().int().nonnegative(),
  instanceCount: z.number().int().nonnegative(),
});
export type StudySummary = z.infer<typeof StudySummarySchema>;

/** Study browser filters; all optional, combined with AND, text matched case-insensitively. */
export const StudyQuerySchema = z
  .object({
    text: z.string().max(200).optional(),
    patientName: z.string().max(200).optional(),
    patientId: z.string().max(200).optional(),
    accessionNumber: z.string().max(200).optional(),
    description: z.string().max(200).optional(),
    modality: z.string().max(16).optional(),
    dateFrom: IsoDateSchema.optional(),
    dateTo: IsoDateSchema.optional(),
    limit: z.number().int().min(1).max(5000).optional(),
  })
  .strict();
export type StudyQuery = z.infer<typeof StudyQuerySchema>;
