import type Database from 'better-sqlite3';
import { z } from 'zod';
import { AnnotationSchema } from '@shared/annotation/annotation';
import { InstanceSummarySchema, SeriesSummarySchema } from '@shared/dicom/series';
import { StudySummarySchema } from '@shared/dicom/study';
import { AppError } from '@shared/errors';
import { ScoredLesionSchema, type ScoredLesion } from '@shared/lesion/scored-lesion';
import { ReaderSchema } from '@shared/reader/reader';
import { scoreLesion } from '@shared/scoring/score-lesion';
import { seriesInstances } from '../index/instance-queries';
import { getStudy } from '../index/study-queries';
import { studyRecords } from '../lesions/study-records';
import { currentReader } from '../lesions/reader-settings';
import { PatientIdIssuerSchema, readPatientIdIssuer } from './dicom/patient-id-issuer';
import { lesionReader, lesionReaderText, type LesionReader } from './lesion-reader';

/**
 * Everything the non-DICOM exports (tables, FHIR, referral packet) read about one study, loaded
 * once so that every export of one run shows the same state of the database.
 */
export const StudyExportSourceSchema = z.object({
  study: StudySummarySchema,
  /** Who issued the Patient ID, as the images say; null when they do not (most do not). */
  patientIdIssuer: PatientIdIssuerSchema.nullable().default(null),
  series: z.array(SeriesSummarySchema.extend({ instances: z.array(InstanceSummarySchema) })),
  /** Every reader's lesions, oldest first: a referral shows the study's findings, not one reader's. */
  lesions: z.array(ScoredLesionSchema),
  annotations: z.array(AnnotationSchema),
  /** Initials -> name of every reader ever named at this workstation. */
  readerNames: z.record(z.string(), z.string()),
  /** The reader exporting (the referring reader), or null when nobody is named. */
  exportingReader: ReaderSchema.nullable(),
  appVersion: z.string().min(1),
  /** ISO 8601 with offset; one instant for the whole export. */
  exportedAt: z.iso.datetime({ offset: true }),
});
export type StudyExportSource = z.infer<typeof StudyExportSourceSchema>;

/** Options of loadStudyExportSource. */
export interface ExportSourceOptions {
  appVersion: string;
  /** The export's instant; tests pin it so that outputs are reproducible. */
  now?: Date;
}

/**
 * Loads a study, its series and instances, all lesions with their scores and all annotations.
 * @param studyInstanceUid - the study to export
 */
export function loadStudyExportSource(db: Database.Database, studyInstanceUid: string, options: ExportSourceOptions): StudyExportSource {
  const detail = getStudy(db, studyInstanceUid);
  const records = studyRecords(db, studyInstanceUid);
  return StudyExportSourceSchema.parse({
    study: detail.study,
    patientIdIssuer: readPatientIdIssuer(db, studyInstanceUid),
    series: detail.series.map((s) => ({ ...s, instances: seriesInstances(db, s.seriesInstanceUid) })),
    // A received lesion keeps its origin: its reader is named as its publication named them.
    lesions: records.lesions.map((lesion) => ({ lesion, scores: scoreLesion(lesion), origin: records.origins.get(lesion.id) ?? null })),
    annotations: records.annotations,
    readerNames: Object.fromEntries(records.readerNames),
    exportingReader: currentReader(db),
    appVersion: options.appVersion,
    exportedAt: (options.now ?? new Date()).toISOString(),
  });
}

/** The source's lesions, refusing an export that would be empty with a message that says what to do. */
export function requireLesions(source: StudyExportSource): StudyExportSource['lesions'] {
  if (source.lesions.length === 0) {
    throw new AppError('not_found', `Study ${source.study.studyInstanceUid} has no lesions to export: mark and save lesions first.`);
  }
  return source.lesions;
}

/** Who recorded a lesion of the source: this workstation's reader of its initials, or, received, its own reader. */
export function readerOfLesion(source: StudyExportSource, scored: ScoredLesion): LesionReader {
  return lesionReader(scored.lesion.reader, scored.origin, source.readerNames[scored.lesion.reader]);
}

/** "Name (initials)" of a lesion's reader, or the initials alone when no name was recorded; a received lesion's names its workstation. */
export function readerLabel(source: StudyExportSource, scored: ScoredLesion): string {
  return lesionReaderText(readerOfLesion(source, scored));
}
