import type { Lesion } from '@shared/lesion/lesion';
import { listAnnotations } from '../../lesions/annotation-store';
import { encodeDataset } from '../dicom/export-file';
import { datesOfDeidentifiedStudy } from '../dicom/object-dates';
import type { StudyInstance } from '../../index/instance-queries';
import { planeAnnotationsLeftOut } from '../plane-annotations';
import { planSegmentations } from '../seg/plan-segmentations';
import { buildSegmentation, type SegmentInput } from '../seg/segmentation';
import { buildMeasurementReport } from '../sr/measurement-report';
import { instanceIndex, lesionModality } from '../sr/report-source';
import { withContentUid } from './content-uid';
import { mappedAnnotation, mappedLesion } from './deidentified-records';
import { write, type ExportRun, type StudyJob } from './export-run';
import { segFile, srFile } from './export-layout';

/** What the SEG and SR of a study hold, for the manifest and the NIfTI label maps. */
export interface StudyFindings {
  /** The lesions with replaced UIDs and ids, in the order they were marked. */
  lesions: Lesion[];
  srFile: string;
  /** Tracking UID (replaced) -> its SEG file and segment number. */
  segOf: Map<string, { file: string; segmentNumber: number }>;
  /** Series UID (replaced) -> its segments, numbered from 1 in order (the NIfTI labels). */
  segmentsBySeries: Map<string, readonly SegmentInput[]>;
}

/** Where the study is: its folder in the dataset, its images (replaced UIDs) and their series numbers. */
export interface StudyPlace {
  folder: string;
  header: Record<string, unknown>;
  instances: StudyInstance[];
  seriesNumberOf: ReadonlyMap<string, number>;
  /** Replaced SOP Instance UIDs of the images not exported (they say Burned In Annotation is YES). */
  withheld: ReadonlySet<string>;
}

/**
 * Writes a study's SEG (one per series with lesion areas) and its SR, de-identified: every UID and
 * record id through the export's keyed map, the objects' own UIDs derived from it, their dates the
 * study's as the images carry them.
 * @param lesions - the study's lesions as recorded (original UIDs)
 */
export async function exportStudyFindings(run: ExportRun, job: StudyJob, place: StudyPlace, lesions: readonly Lesion[]): Promise<StudyFindings> {
  const map = (uid: string) => run.uidMap.map(job.pseudonym, uid);
  const derive = (name: string) => run.uidMap.derive(job.pseudonym, name);
  const mappedLesions = lesions.map((l) => mappedLesion(l, map));
  const recorded = listAnnotations(run.db, job.studyInstanceUid).map((a) => mappedAnnotation(a, map));
  // A drawing on an image the export withheld cannot be referenced: it stays out of SR and SEG.
  const annotations = recorded.filter((a) => a.sopInstanceUid === null || !place.withheld.has(a.sopInstanceUid));
  if (annotations.length < recorded.length) {
    run.result.skipped.push({ subject: `${recorded.length - annotations.length} annotation(s) in ${place.folder}`, reason: 'drawn on an image that is not exported (Burned In Annotation is YES): left out of the SR and SEG' });
  }
  const leftOut = planeAnnotationsLeftOut(annotations);
  if (leftOut) run.result.skipped.push({ subject: `${leftOut.subject} in ${place.folder}`, reason: leftOut.reason });
  const { header, instances } = place;
  const dates = datesOfDeidentifiedStudy(header);
  const seg = planSegmentations({ lesions: mappedLesions, annotations, instances, header, contentCreator: '', appVersion: run.options.appVersion, dates, deriveUid: derive, frames: run.frames });
  run.result.unsegmented.push(...seg.unsegmented.map((u) => ({ ...u, study: place.folder })));
  const segOf = new Map<string, { file: string; segmentNumber: number }>();
  for (const input of seg.inputs) {
    const relative = segFile(place.folder, place.seriesNumberOf.get(input.seriesInstanceUid) ?? 0);
    write(run, relative, encodeDataset(withContentUid(buildSegmentation(input), `seg-instance:${input.seriesInstanceUid}`, derive)));
    run.result.segFiles++;
    input.segments.forEach((s, i) => segOf.set(s.trackingUid, { file: relative, segmentNumber: i + 1 }));
    await run.step('derived', 0, 0);
  }
  const studyUid = map(job.studyInstanceUid);
  const report = buildMeasurementReport({
    studyInstanceUid: studyUid, lesions: mappedLesions, annotations, instances: instanceIndex(instances), header,
    modality: lesionModality(lesions, job.instances), observer: null, deidentified: true,
    seriesInstanceUid: derive(`sr-series:${studyUid}`), sopInstanceUid: '0', appVersion: run.options.appVersion, dates,
  });
  const sr = srFile(place.folder);
  write(run, sr, encodeDataset(withContentUid(report, `sr-instance:${studyUid}`, derive)));
  run.result.srFiles++;
  await run.step('derived', 0, 0);
  return { lesions: mappedLesions, srFile: sr, segOf, segmentsBySeries: new Map(seg.inputs.map((input) => [input.seriesInstanceUid, input.segments])) };
}
