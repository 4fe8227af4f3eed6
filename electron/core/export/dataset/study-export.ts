import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { AppError } from '@shared/errors';
import { scoreLesion } from '@shared/scoring/score-lesion';
import { listAnnotations } from '../../lesions/annotation-store';
import { listLesions } from '../../lesions/lesion-store';
import { deidentifyFile } from '../deid/deidentify-file';
import type { UidMap } from '../deid/uid-map';
import { encodeDataset } from '../dicom/export-file';
import { writeExportFile } from '../write-export-file';
import { naturalize } from '../dicom/part10-io';
import { pickStudyHeader } from '../dicom/study-header';
import type { StudyInstance } from '../dicom/study-instances';
import { datesOfDeidentifiedStudy } from '../dicom/object-dates';
import { niftiPair } from '../nifti/nifti-pair';
import { planSegmentations } from '../seg/plan-segmentations';
import { buildSegmentation } from '../seg/segmentation';
import { buildMeasurementReport } from '../sr/measurement-report';
import { instanceIndex, lesionModality } from '../sr/report-source';
import { withContentUid } from './content-uid';
import { mappedAnnotation, mappedInstance, mappedLesion } from './deidentified-records';
import { imageFile, niftiFile, segFile, seriesFolder, srFile, studyFolder } from './export-layout';
import type { ManifestEntry } from './manifest';
import { planeAnnotationsLeftOut } from '../plane-annotations';
import type { ResearchExportOptions, ResearchExportResult } from './research-export-types';

/** One study to export, with its patient's research identity. */
export interface StudyJob {
  studyInstanceUid: string;
  instances: StudyInstance[];
  pseudonym: string;
  dateShiftDays: number;
  studyNumber: number;
}

/** The shared state of one export run that each study adds to. */
export interface ExportRun {
  db: Database.Database;
  uidMap: UidMap;
  options: ResearchExportOptions;
  now: Date;
  /** Called after every file written; throws AppError('cancelled') when the user cancelled. */
  step(phase: 'images' | 'derived' | 'nifti', bytesRead: number, bytesWritten: number): Promise<void>;
  result: ResearchExportResult;
  manifest: ManifestEntry[];
}

function write(run: ExportRun, relative: string, bytes: Uint8Array): void {
  writeExportFile(path.join(run.options.outDir, relative), bytes);
  run.result.bytesWritten += bytes.byteLength;
}

/**
 * The instances without pixels, each named by where it sits in the export (a series folder, or the
 * study's n-th series without images) and its place among that series' pixel-less instances, never
 * by its file: PACS exports name files by SOP Instance UID or by patient. Said as "k of n pixel-less
 * instances" so that it cannot be read as the k-th image of the series folder.
 */
function skippedInstances(instances: readonly StudyInstance[], study: string, seriesFolders: ReadonlyMap<string, string>): ResearchExportResult['skipped'] {
  const imageless = new Map<string, number>();
  const totals = new Map<string, number>();
  for (const { seriesInstanceUid: series } of instances) totals.set(series, (totals.get(series) ?? 0) + 1);
  const counts = new Map<string, number>();
  return instances.map((instance) => {
    const series = instance.seriesInstanceUid;
    const folder = seriesFolders.get(series);
    if (folder === undefined && !imageless.has(series)) imageless.set(series, imageless.size + 1);
    const where = folder !== undefined
      ? `the series exported as ${folder} (its images are exported, this instance is not)`
      : `${study}, series without images ${imageless.get(series)} (nothing exported for that series)`;
    counts.set(series, (counts.get(series) ?? 0) + 1);
    return {
      subject: `pixel-less ${instance.sopClassUid} instance ${counts.get(series)} of ${totals.get(series)} in ${where}`,
      reason: 'no pixel data (a report, presentation state or similar): not exported; the app writes its own SR',
    };
  });
}

/** Exports one study: its images de-identified, then its SEGs, its SR and (on request) NIfTI pairs. */
export async function exportStudy(run: ExportRun, job: StudyJob): Promise<void> {
  const map = (uid: string) => run.uidMap.map(job.pseudonym, uid);
  const derive = (name: string) => run.uidMap.derive(job.pseudonym, name);
  const ctx = { mapUid: map, pseudonym: job.pseudonym, dateShiftDays: run.options.dateShift ? job.dateShiftDays : null };
  const study = studyFolder(job.pseudonym, job.studyNumber);
  const seriesNumbers = new Map<string, number>();
  const seriesFolders = new Map<string, string>();
  let header: Record<string, unknown> | null = null;
  const counters = new Map<string, number>();
  const withoutPixels: StudyInstance[] = [];
  for (const instance of job.instances) {
    if (!instance.hasPixelData) {
      withoutPixels.push(instance);
      continue;
    }
    if (!seriesNumbers.has(instance.seriesInstanceUid)) seriesNumbers.set(instance.seriesInstanceUid, seriesNumbers.size + 1);
    const seriesNumber = seriesNumbers.get(instance.seriesInstanceUid)!;
    const index = (counters.get(instance.seriesInstanceUid) ?? 0) + 1;
    counters.set(instance.seriesInstanceUid, index);
    let bytes: Buffer;
    try {
      bytes = fs.readFileSync(instance.filePath);
    } catch (error) {
      throw new AppError('io_error', `Cannot read ${instance.filePath}: ${(error as Error).message}. Import the study again if its files moved.`, { cause: error });
    }
    const out = deidentifyFile(bytes, instance.filePath, ctx);
    const folder = seriesFolder(study, seriesNumber, instance.modality);
    seriesFolders.set(instance.seriesInstanceUid, folder);
    const relative = imageFile(folder, index);
    write(run, relative, out.bytes);
    run.result.imageFiles++;
    if (out.burnedIn) run.result.burnedInReview.push({ subject: relative, reason: out.burnedIn });
    if (!header) {
      const { '7FE00010': _pixels, ...rest } = out.dataset;
      header = pickStudyHeader(naturalize(rest));
    }
    await run.step('images', bytes.byteLength, out.bytes.byteLength);
  }
  if (!header) throw new AppError('not_found', `Study ${job.studyInstanceUid} has no images to export.`);
  run.result.skipped.push(...skippedInstances(withoutPixels, study, seriesFolders));

  const lesions = listLesions(run.db, { studyInstanceUid: job.studyInstanceUid });
  if (lesions.length === 0) return;
  const mappedLesions = lesions.map((l) => mappedLesion(l, map));
  const annotations = listAnnotations(run.db, job.studyInstanceUid).map((a) => mappedAnnotation(a, map));
  const leftOut = planeAnnotationsLeftOut(annotations);
  if (leftOut) run.result.skipped.push({ subject: `${leftOut.subject} in ${study}`, reason: leftOut.reason });
  const instances = job.instances.filter((i) => i.hasPixelData).map((i) => mappedInstance(i, map));
  const mappedSeriesNumber = new Map([...seriesNumbers].map(([uid, n]) => [map(uid), n]));
  const dates = datesOfDeidentifiedStudy(header);
  const seg = planSegmentations({ lesions: mappedLesions, annotations, instances, header, contentCreator: '', appVersion: run.options.appVersion, dates, deriveUid: derive });
  run.result.unsegmented.push(...seg.unsegmented.map((u) => ({ ...u, study: study })));
  const segOf = new Map<string, { file: string; segmentNumber: number }>();
  for (const input of seg.inputs) {
    const relative = segFile(study, mappedSeriesNumber.get(input.seriesInstanceUid) ?? 0);
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
  const sr = srFile(study);
  write(run, sr, encodeDataset(withContentUid(report, `sr-instance:${studyUid}`, derive)));
  run.result.srFiles++;
  await run.step('derived', 0, 0);

  const niftiOf = new Map<string, { image: string; mask: string; label: number }>();
  if (run.options.nifti) {
    for (const input of seg.inputs) {
      const seriesNumber = mappedSeriesNumber.get(input.seriesInstanceUid) ?? 0;
      const labels = new Map(input.segments.map((s, i) => [i + 1, s.masks]));
      const pair = niftiPair(instances.filter((i) => i.seriesInstanceUid === input.seriesInstanceUid), labels, `${job.pseudonym} study-${job.studyNumber} series-${seriesNumber}`);
      if ('skipped' in pair) {
        run.result.niftiSkipped.push({ subject: `${study} series ${seriesNumber}`, reason: pair.skipped });
        continue;
      }
      const [image, mask] = [niftiFile(job.pseudonym, job.studyNumber, seriesNumber, 'image'), niftiFile(job.pseudonym, job.studyNumber, seriesNumber, 'mask')];
      write(run, image, pair.image);
      write(run, mask, pair.mask);
      run.result.niftiFiles += 2;
      input.segments.forEach((s, i) => niftiOf.set(s.trackingUid, { image, mask, label: i + 1 }));
      await run.step('nifti', 0, 0);
    }
  }
  mappedLesions.forEach((lesion, i) => {
    run.manifest.push({ pseudonym: job.pseudonym, lesion, scores: scoreLesion(lesion), lesionNumber: i + 1, srFile: sr, seg: segOf.get(lesion.trackingUid) ?? null, nifti: niftiOf.get(lesion.trackingUid) ?? null });
  });
  run.result.lesions += lesions.length;
}
