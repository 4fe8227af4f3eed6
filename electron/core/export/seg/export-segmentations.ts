import path from 'node:path';
import type Database from 'better-sqlite3';
import { AppError } from '@shared/errors';
import { studyRecords } from '../../lesions/study-records';
import { lesionReader } from '../lesion-reader';
import { encodeDataset } from '../dicom/export-file';
import { datesAt } from '../dicom/object-dates';
import { writeExportFile } from '../write-export-file';
import { personName } from '../dicom/person-name';
import { pickStudyHeader, readHeaderDataset } from '../dicom/study-header';
import { studyInstances } from '../../index/instance-queries';
import { planSegmentations, type Unsegmented } from './plan-segmentations';
import { buildSegmentation } from './segmentation';

/** The SEG files written for a study, and the lesions none of them holds. */
export interface WrittenSegmentations {
  files: { file: string; seriesInstanceUid: string; segments: number }[];
  unsegmented: Unsegmented[];
}

/** Why a SEG export of a study would write nothing, said before anything is written. */
function nothingToSegment(studyInstanceUid: string, lesionCount: number, unsegmented: readonly Unsegmented[]): AppError {
  if (lesionCount === 0) return new AppError('not_found', `Study ${studyInstanceUid} has no lesions to segment: mark lesions and draw their areas first. Nothing was written.`);
  const why = [...new Set(unsegmented.map((u) => u.reason))].join('; ');
  return new AppError(
    'not_found',
    `No lesion of study ${studyInstanceUid} has a drawn area to segment (${lesionCount} lesion${lesionCount === 1 ? '' : 's'}, each with ${why}). Nothing was written: draw an area on a lesion's image, then export again.`,
  );
}

/**
 * Writes one BINARY Segmentation per series of a study with lesion areas drawn on it; refuses with
 * the reason, writing nothing, when no lesion has an area.
 * @param options.now - the export's instant (content date/time)
 * @param options.lesionIds - only these lesions (default: every lesion of the study)
 */
export function exportSegmentations(db: Database.Database, studyInstanceUid: string, outDir: string, options: { appVersion: string; now?: Date; lesionIds?: readonly string[] }): WrittenSegmentations {
  const instances = studyInstances(db, studyInstanceUid);
  const { lesions, annotations, readerNames: names, origins } = studyRecords(db, studyInstanceUid, { lesionIds: options.lesionIds });
  // Each lesion's own reader: a received lesion's is named as its publication named them, never as a reader here of the same initials.
  const readers = [...new Set(lesions.map((l) => {
    const reader = lesionReader(l.reader, origins.get(l.id), names.get(l.reader));
    return reader.name ?? reader.initials;
  }))];
  const { inputs, unsegmented } = planSegmentations({
    lesions,
    annotations,
    instances,
    header: pickStudyHeader(readHeaderDataset(instances[0]!)),
    contentCreator: readers.length === 1 ? personName(readers[0]!) : '',
    appVersion: options.appVersion,
    dates: datesAt(options.now ?? new Date()),
  });
  if (inputs.length === 0) throw nothingToSegment(studyInstanceUid, lesions.length, unsegmented);
  const files = inputs.map((input) => {
    const file = path.join(outDir, `SEG-${input.segSopInstanceUid}.dcm`);
    writeExportFile(file, encodeDataset(buildSegmentation(input)));
    return { file, seriesInstanceUid: input.seriesInstanceUid, segments: input.segments.length };
  });
  return { files, unsegmented };
}
