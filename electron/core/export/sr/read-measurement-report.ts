import { z } from 'zod';
import { AnnotationSchema, StoredAnnotationSchema, type Annotation } from '@shared/annotation/annotation';
import { AppError } from '@shared/errors';
import { LesionSchema, StoredLesionSchema, type Lesion } from '@shared/lesion/lesion';
import { citedAnnotationIds } from '@shared/lesion/cited-annotations';
import { SR } from '../dicom/codes';
import { readRegularFile } from '../../files/special-files';
import { naturalize, parsePart10 } from '../dicom/part10-io';
import { COMPREHENSIVE_3D_SR_STORAGE } from '../dicom/uids';
import { APP_NAME } from './measurement-report';
import { childNamed, childrenNamed, childrenOf, conceptOf, isCode, stringOf, type ContentNode } from './content-reader';
import { asTextValue } from './content-items';
import { BM } from './private-codes';
import { firstDifference } from './record-diff';
import { restoreAnnotation } from './restore-annotation';
import { restoreLesion } from './restore-lesion';

/** What a report restores: the lesions and their annotations, as the app stores them. */
export interface RestoredReport {
  studyInstanceUid: string;
  lesions: Lesion[];
  annotations: Annotation[];
}

// Reports written before annotation schema v2 hold v1 records: they read as the current version.
const StoredRecordSchema = z.object({ lesion: StoredLesionSchema, annotations: z.array(StoredAnnotationSchema) });

/** Instance -> series, from the report's evidence sequence. */
function seriesOfInstances(dataset: ContentNode): Map<string, string> {
  const map = new Map<string, string>();
  for (const study of (dataset.CurrentRequestedProcedureEvidenceSequence as ContentNode[] | undefined) ?? []) {
    for (const series of (study.ReferencedSeriesSequence as ContentNode[] | undefined) ?? []) {
      for (const sop of (series.ReferencedSOPSequence as ContentNode[] | undefined) ?? []) {
        map.set(stringOf(sop, 'ReferencedSOPInstanceUID') ?? '', stringOf(series, 'SeriesInstanceUID') ?? '');
      }
    }
  }
  return map;
}

/** Float32 tolerance applies to annotation points only; everything else must match exactly. */
const approximate = (path: string) => /^annotations\.\d+\.points\./.test(path);

/**
 * Restores one Measurement Group: from its standard content, checked against the exact JSON record
 * written beside it. The JSON wins (it keeps float64 coordinates and the timestamps' written form)
 * only when the standard content agrees with it; a disagreement means another tool edited the
 * report, and the import is refused rather than guessing which side is right.
 */
function restoreGroup(group: ContentNode, studyInstanceUid: string, seriesOf: Map<string, string>, reader: string | undefined) {
  const lesion = restoreLesion(group, studyInstanceUid, reader);
  const annotations = childrenNamed(group, BM.annotation, 'CODE').map((node) =>
    restoreAnnotation(node, { lesionId: String(lesion.id), studyInstanceUid, seriesOfInstance: seriesOf }),
  );
  // The group holds the lesion's drawings: those its values do not cite are attached to it (a report
  // written before lesion form 2 has no list of its own, so both sides take it from the group).
  const attach = <L extends Parameters<typeof citedAnnotationIds>[0]>(l: L) => ({ ...l, attachedAnnotationIds: annotations.map((a) => String(a.id)).filter((id) => !citedAnnotationIds(l).includes(id)) });
  const stored = stringOf(childNamed(group, BM.record, 'TEXT'), 'TextValue');
  if (stored === undefined) return { lesion: LesionSchema.parse(attach(lesion as never)), annotations: annotations.map((a) => AnnotationSchema.parse(a)) };
  const parsed = StoredRecordSchema.parse(JSON.parse(stored));
  const record = { ...parsed, lesion: attach(parsed.lesion) };
  // The TEXT items carry the note and the drawings' labels as DICOM text can (asTextValue): the
  // record is compared as they show it, and restored as it is.
  const shown = {
    lesion: { ...record.lesion, note: asTextValue(record.lesion.note) },
    annotations: record.annotations.map((a) => ({ ...a, text: a.text === null ? null : asTextValue(a.text) })),
  };
  const difference = firstDifference({ lesion: attach(lesion as never), annotations }, shown, approximate);
  if (difference) {
    throw new AppError('conflict', `The report's structured content disagrees with its stored record at "${difference}" (lesion ${record.lesion.trackingUid}): it was changed by another tool. Re-export it from BoneMet Review.`);
  }
  return record;
}

/** Every SR Storage SOP Class (Basic Text, Enhanced, Comprehensive, Comprehensive 3D...) starts so. */
const SR_STORAGE_CLASSES = '1.2.840.10008.5.1.4.1.1.88.';

/**
 * The refusal of a valid TID 1500 report another program wrote (highdicom, OHIF/Cornerstone...):
 * it holds measurements, but none of the lesion records an import restores.
 */
function notWrittenHere(file: string, dataset: ContentNode, groups: number): AppError {
  const maker = ['Manufacturer', 'ManufacturerModelName', 'SoftwareVersions'].map((k) => stringOf(dataset, k)?.trim()).filter(Boolean).join(' ');
  return new AppError(
    'unsupported',
    `${file} is a TID 1500 Imaging Measurement Report, but BoneMet Review did not write it (written by ${maker ? `"${maker}"` : 'a program that does not name itself'}; ` +
      `${groups} measurement group(s), none holding a BoneMet lesion record). import-sr restores only the reports BoneMet Review exported: nothing was imported.`,
  );
}

// The SR of a study with a thousand lesions and their drawings is tens of megabytes: a file far
// larger is no report of this app, and is not read into memory to find that out.
const SR_FILE_LIMIT = { maxBytes: 256 * 2 ** 20, what: 'a report BoneMet Review wrote' };

/**
 * Reads a TID 1500 Measurement Report written by exportMeasurementReports back into lesion and
 * annotation records, exactly as they were stored.
 */
export function readMeasurementReport(file: string): RestoredReport {
  return restoreMeasurementReport(naturalize(parsePart10(readRegularFile(file, SR_FILE_LIMIT), file).dict) as ContentNode, file);
}

/**
 * The lesion and annotation records of a report this app wrote, from its dataset (a file's, or an
 * instance received from the PACS).
 * @param file - what the report is, for messages (a path, or the instance's SOP Instance UID)
 */
export function restoreMeasurementReport(dataset: ContentNode, file: string): RestoredReport {
  if (!String(dataset.SOPClassUID ?? '').startsWith(SR_STORAGE_CLASSES) || !isCode(conceptOf(dataset), SR.imagingMeasurementReport)) {
    throw new AppError('unsupported', `${file} is not an Imaging Measurement Report (TID 1500): import-sr restores only the SR reports BoneMet Review exported.`);
  }
  const measurements = childNamed(dataset, SR.imagingMeasurements, 'CONTAINER');
  const groups = measurements ? childrenOf(measurements).filter((c) => isCode(conceptOf(c), SR.measurementGroup)) : [];
  if (dataset.Manufacturer !== APP_NAME && !groups.some((g) => childNamed(g, BM.lesionRecordUid))) throw notWrittenHere(file, dataset, groups.length);
  if (dataset.SOPClassUID !== COMPREHENSIVE_3D_SR_STORAGE) {
    throw new AppError('unsupported', `${file} was converted from the Comprehensive 3D SR BoneMet Review wrote into another SR class by another tool, and cannot be restored: import the report as exported.`);
  }
  const studyInstanceUid = String(dataset.StudyInstanceUID ?? '');
  const reader = stringOf(childNamed(dataset, SR.personObserverLoginName), 'TextValue');
  const seriesOf = seriesOfInstances(dataset);
  const restored = groups.map((g) => restoreGroup(g, studyInstanceUid, seriesOf, reader));
  return { studyInstanceUid, lesions: restored.map((r) => r.lesion), annotations: restored.flatMap((r) => r.annotations) };
}
