import { z } from 'zod';
import { DicomUidSchema } from '../dicom/uid';
import { IsoDateSchema, StudyQuerySchema } from '../dicom/study';

/** Studies per page of a PACS search unless the caller asks for fewer or more. */
export const PACS_PAGE_SIZE = 50;

/**
 * A PACS study search: the study browser's filters (text, name, ID, accession, description,
 * modality, date range) and one page of the answer (offset, limit).
 */
export const PacsStudyQuerySchema = StudyQuerySchema.omit({ limit: true })
  .extend({
    offset: z.number().int().min(0).max(1_000_000).default(0),
    limit: z.number().int().min(1).max(500).default(PACS_PAGE_SIZE),
  })
  .strict();
export type PacsStudyQuery = z.input<typeof PacsStudyQuerySchema>;

/** One study as the PACS answers a search, with how much of it this workstation already holds. */
export const PacsStudyRowSchema = z.object({
  studyInstanceUid: DicomUidSchema,
  patientName: z.string(),
  patientId: z.string(),
  studyDate: IsoDateSchema.nullable(),
  accessionNumber: z.string(),
  description: z.string(),
  modalities: z.array(z.string()),
  seriesCount: z.number().int().nonnegative().nullable(),
  instanceCount: z.number().int().nonnegative().nullable(),
  /** Instances of the study in this workstation's index (retrieved before, or imported). */
  localInstances: z.number().int().nonnegative(),
});
export type PacsStudyRow = z.infer<typeof PacsStudyRowSchema>;

/** One page of a PACS search; `more` when the PACS holds matches beyond it. */
export const PacsSearchPageSchema = z.object({
  studies: z.array(PacsStudyRowSchema),
  offset: z.number().int().nonnegative(),
  limit: z.number().int().positive(),
  more: z.boolean(),
});
export type PacsSearchPage = z.infer<typeof PacsSearchPageSchema>;

/** One series of a PACS study. */
export const PacsSeriesRowSchema = z.object({
  seriesInstanceUid: DicomUidSchema,
  modality: z.string(),
  seriesNumber: z.number().int().nullable(),
  description: z.string(),
  instanceCount: z.number().int().nonnegative().nullable(),
  localInstances: z.number().int().nonnegative(),
});
export type PacsSeriesRow = z.infer<typeof PacsSeriesRowSchema>;
