import type Database from 'better-sqlite3';
import { AppError } from '@shared/errors';
import type { Lesion } from '@shared/lesion/lesion';
import { studyRecords } from '../../lesions/study-records';
import { lesionReader } from '../lesion-reader';
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
  return new Map(instances.map((i) => [i.sopInstanceUid, { sopClassUid: i.sopClassUid, seriesInstanceUid: i.seriesInstanceUid, frames: i.frames, pixelPlane: viewerPixelPlane(i), spacingPlane: i.measurementSpacing.plane, maxMagnification: i.measurementSpacing.maxMagnification }]));
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
  const { lesions, annotations, readerNames: names, origins } = studyRecords(db, studyInstanceUid, options);
  if (lesions.length === 0) {
    const which = options.lesionIds ? ' among the chosen ones' : '';
    throw new AppError('not_found', `Study ${studyInstanceUid} has no lesions${options.reader ? ` by ${options.reader}` : ''}${which} to export: mark and save lesions first.`);
  }
  const header = pickStudyHeader(readHeaderDataset(instances[0]!));
  // One report per reader, each signed by its own: a reader elsewhere who signs with a reader's
  // initials here has a report of their own, under their own name, never this reader's.
  const readerOf = (l: Lesion) => lesionReader(l.reader, origins.get(l.id), names.get(l.reader));
  const readers = [...new Map(lesions.map((l) => [readerOf(l).key, readerOf(l)])).values()];
  return readers.map((reader) => {
    const own = lesions.filter((l) => readerOf(l).key === reader.key);
    return {
      studyInstanceUid,
      lesions: own,
      annotations,
      instances: instanceIndex(instances),
      header,
      modality: lesionModality(own, instances),
      observer: { initials: reader.initials, name: reader.name ?? reader.initials },
      deidentified: false,
      seriesInstanceUid: newUid(),
      sopInstanceUid: newUid(),
      appVersion: options.appVersion,
      dates: utcDatesAt(options.now ?? new Date()),
    };
  });
}
