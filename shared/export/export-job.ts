import { z } from 'zod';
import { DicomUidSchema } from '../dicom/uid';
import { ErrorCodeSchema } from '../errors';
import { PacsUrlSchema } from './pacs-settings';

/** What an export job makes. */
export const ExportKindSchema = z.enum(['referral', 'sr', 'seg', 'fhir', 'csv', 'json', 'dataset', 'stow', 'stow-files']);
export type ExportKind = z.infer<typeof ExportKindSchema>;
/** The kinds the app's Export menu offers: every kind but sending files named on disk, which the command line asks for. */
export type MenuExportKind = Exclude<ExportKind, 'stow-files'>;

/**
 * A destination folder on the host, as the user chose it; the host confines and creates it. A name
 * holding a control character is refused: a line break in it split every report line that names the
 * files written ("wrote ..."), and an escape sequence would act on the terminal that printed it.
 */
const DestinationSchema = z
  .string()
  .min(1)
  .max(4096)
  .superRefine((value, ctx) => {
    const control = /[\u0000-\u001f\u007f]/.exec(value);
    if (!control) return;
    const code = `U+${control[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
    ctx.addIssue({ code: 'custom', message: `the path holds a control character (${code}) at position ${control.index + 1}: name the folder or file without line breaks, tabs or escapes.` });
  });
const StudiesSchema = z.array(DicomUidSchema).min(1).max(500);
/** Lesions to export instead of every lesion of the study; each must belong to a chosen study. */
const LesionIdsSchema = z.array(z.uuid()).min(1).max(10_000).optional();

/**
 * A request to start an export job: its kind, what it covers (studies, and for per-study exports
 * optionally only some lesions), its options and where its files go.
 */
export const ExportJobRequestSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('referral'),
      studyInstanceUids: StudiesSchema,
      lesionIds: LesionIdsSchema,
      /** Clinical packets name the patient on every page and key image; anonymised ones do not. */
      purpose: z.enum(['clinical', 'non-clinical']).default('clinical'),
      /** Every lesion, not only those above routine urgency. */
      includeAll: z.boolean().default(false),
      destination: DestinationSchema,
    })
    .strict(),
  z.object({ kind: z.literal('fhir'), studyInstanceUids: StudiesSchema, lesionIds: LesionIdsSchema, includeAll: z.boolean().default(false), destination: DestinationSchema }).strict(),
  z.object({ kind: z.literal('csv'), studyInstanceUids: StudiesSchema, lesionIds: LesionIdsSchema, destination: DestinationSchema }).strict(),
  /** DICOM Segmentations of the lesions' drawn areas, one per series; refused when no lesion has an area. */
  z.object({ kind: z.literal('seg'), studyInstanceUids: StudiesSchema, lesionIds: LesionIdsSchema, destination: DestinationSchema }).strict(),
  z.object({ kind: z.literal('json'), studyInstanceUids: StudiesSchema, lesionIds: LesionIdsSchema, destination: DestinationSchema }).strict(),
  z
    .object({
      kind: z.literal('sr'),
      studyInstanceUids: StudiesSchema,
      lesionIds: LesionIdsSchema,
      destination: DestinationSchema,
      /** Also send the SR to the configured PACS (ignored, and said so, when none is configured). */
      sendToPacs: z.boolean().default(true),
      /** Only this reader's report (initials); every reader's by default. */
      reader: z.string().min(1).max(8).optional(),
    })
    .strict(),
  z
    .object({
      kind: z.literal('dataset'),
      studyInstanceUids: StudiesSchema,
      /** Shift dates per patient instead of removing them. */
      dateShift: z.boolean().default(false),
      nifti: z.boolean().default(false),
      destination: DestinationSchema,
    })
    .strict(),
  /** The SR of each study straight to the configured PACS, with no file kept. */
  z.object({ kind: z.literal('stow'), studyInstanceUids: StudiesSchema, lesionIds: LesionIdsSchema }).strict(),
  /**
   * DICOM files of one study already on disk (a Part 10 file, or every one directly inside a folder)
   * sent by STOW-RS to a server named for this send, then confirmed by QIDO-RS (`export stow`).
   * Every file must belong to the study: nothing is sent otherwise.
   */
  z
    .object({
      kind: z.literal('stow-files'),
      studyInstanceUids: z.array(DicomUidSchema).length(1),
      /** A file or a folder on the host, confined to the allowed roots like a destination. */
      source: DestinationSchema,
      server: z
        .object({
          url: PacsUrlSchema,
          /** Basic authentication; the command line reads the password from the environment, never its arguments. */
          username: z.string().min(1).max(256).optional(),
          password: z.string().max(1024).optional(),
        })
        .strict(),
    })
    .strict(),
]);
export type ExportJobRequest = z.input<typeof ExportJobRequestSchema>;
export type ParsedExportJobRequest = z.output<typeof ExportJobRequestSchema>;

/** Where a job is: preparing, writing files, sending to the PACS, or finished. */
export const ExportPhaseSchema = z.enum(['preparing', 'writing', 'images', 'derived', 'nifti', 'sending', 'finished']);
export type ExportPhase = z.infer<typeof ExportPhaseSchema>;

/** Live progress of an export job, counted item by item (a study, or an image for datasets). */
export const ExportJobProgressSchema = z.object({
  phase: ExportPhaseSchema,
  itemsDone: z.number().int().nonnegative(),
  itemsTotal: z.number().int().nonnegative(),
  bytesDone: z.number().nonnegative(),
  bytesTotal: z.number().nonnegative(),
  /** What is being exported now, in words (a study's description, an image count). */
  currentItem: z.string().nullable(),
  elapsedSeconds: z.number().nonnegative(),
});
export type ExportJobProgress = z.infer<typeof ExportJobProgressSchema>;

/** A file the job finished writing (never a partial one). */
export const WrittenFileSchema = z.object({ path: z.string(), bytes: z.number().int().nonnegative() });

/** A problem with one item of a job (the job may go on with the others). */
export const ExportItemErrorSchema = z.object({ subject: z.string(), code: ErrorCodeSchema, message: z.string() });

/** What the PACS answered to the SR sent by STOW-RS, and whether QIDO-RS then listed the study. */
export const PacsDeliverySchema = z.object({
  url: z.string(),
  studyInstanceUid: z.string(),
  httpStatus: z.number().int(),
  stored: z.array(z.string()),
  failed: z.array(z.object({ sopInstanceUid: z.string().nullable(), reason: z.string() })),
  /** True once a QIDO-RS search of the server lists the study. */
  confirmed: z.boolean(),
  /** How many files were sent in the request. */
  filesSent: z.number().int().nonnegative(),
  /** How many instances of the study the server then listed, when it said. */
  instancesListed: z.number().int().nonnegative().nullable(),
});
export type PacsDelivery = z.infer<typeof PacsDeliverySchema>;

export const ExportJobStateSchema = z.enum(['running', 'done', 'cancelled', 'failed']);

/** The state of an export job as a door reports it. */
export const ExportJobStatusSchema = z.object({
  jobId: z.string(),
  kind: ExportKindSchema,
  state: ExportJobStateSchema,
  /** The confined, absolute destination folder; null for a send to a PACS only. */
  destination: z.string().nullable(),
  progress: ExportJobProgressSchema,
  filesWritten: z.array(WrittenFileSchema),
  errors: z.array(ExportItemErrorSchema),
  /** Things the user should know about a finished export (burned-in text to review, lesions not segmented). */
  notes: z.array(z.string()),
  pacs: z.array(PacsDeliverySchema),
  /** Why the job failed or what its cancel did. */
  error: ExportItemErrorSchema.omit({ subject: true }).nullable(),
});
export type ExportJobStatus = z.infer<typeof ExportJobStatusSchema>;
