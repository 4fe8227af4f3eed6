import type Database from 'better-sqlite3';
import { AppError } from '@shared/errors';
import type { Lesion } from '@shared/lesion/lesion';
import { studyRecords } from '../../lesions/study-records';
import { pickStudyHeader, readHeaderDataset } from '../dicom/study-header';
import { utcDatesAt } from '../dicom/object-dates';
import { studyInstances, type StudyInstance } from '../../index/instance-queries';
import { newUid } from '../dicom/uids';
import { viewerPixelPlane } from './image-pixel-plane';
import type { ReferencedInstance, ReportInput } from './measurement-report';

/** Options of loadReportInputs. */
export interface ReportSourceOptions {
  appVersion: string;
  /** One reader's lesions only (initials); every reader's by default, one report each. */
  reader?: string;
  /** Only these lesions (ids); every lesion of the study by default. */
  lesionIds?: readonly string[];
  now?: Date;
}

/** The indexed instances of a study keyed by SOP Instance UID, as a report references them. */
export function instanceIndex(instances: readonly StudyInstance[]): Map<string, ReferencedInstance> {
  return new Map(instances.map((i) => [i.sopInstanceUid, { sopClassUid: i.sopClassUid, seriesInstanceUid: i.seriesInstanceUid, frames: i.frames, pixelPlane: viewerPixelPlane(i), spacingPlane: i.measurementSpacing.plane }]));
}

/** The modality of the series most of the lesions were marked on (Procedure Reported follows it). */
export function lesionModality(lesions: readonly Lesion[], instances: readonly StudyInstance[]): string {
  const bySeries = new Map(instances.map((i) => [i.seriesInstanceUid, i.modality]));
  return bySeries.get(lesions[0]?.seriesInstanceUid ?? '') ?? instances[0]?.modality ?? '';
}

/**
 * What each Measurement Report of a study is built from: one report per reader (TID 1500 has one
 * observer context), with the study header read from the first indexed image of the study.
 */
export function loadReportInputs(db: Database.Database, studyInstanceUid: string, options: ReportSourceOptions): ReportInput[] {
  const instances = studyInstances(db, studyInstanceUid);
  const { lesions, annotations, readerNames: names } = studyRecords(db, studyInstanceUid, options);
  if (lesions.length === 0) {
    const which = options.lesionIds ? ' among the chosen ones' : '';
    throw new AppError('not_found', `Study ${studyInstanceUid} has no lesions${options.reader ? ` by ${options.reader}` : ''}${which} to export: mark and save lesions first.`);
  }
  const header = pickStudyHeader(readHeaderDataset(instances[0]!));
  const readers = [...new Set(lesions.map((l) => l.reader))];
  return readers.map((initials) => {
    const own = lesions.filter((l) => l.reader === initials);
    return {
      studyInstanceUid,
      lesions: own,
      annotations,
      instances: instanceIndex(instances),
      header,
      modality: lesionModality(own, instances),
      observer: { initials, name: names.get(initials) ?? initials },
      deidentified: false,
      seriesInstanceUid: newUid(),
      sopInstanceUid: newUid(),
      appVersion: options.appVersion,
      dates: utcDatesAt(options.now ?? new Date()),
    };
  });
}
