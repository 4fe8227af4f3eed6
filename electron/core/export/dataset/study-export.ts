import { AppError } from '@shared/errors';
import type { Lesion } from '@shared/lesion/lesion';
import { scoreLesion } from '@shared/scoring/score-lesion';
import { listLesions } from '../../lesions/lesion-store';
import { deidentifyFile } from '../deid/deidentify-file';
import { isStandardUid } from '../dicom/uids';
import { naturalize } from '../dicom/part10-io';
import { pickStudyHeader } from '../dicom/study-header';
import { readIndexedFile } from '../../index/indexed-file';
import type { StudyInstance } from '../../index/instance-queries';
import { mappedInstance } from './deidentified-records';
import { write, type ExportRun, type StudyJob } from './export-run';
import { imageFile, seriesFolder, studyFolder } from './export-layout';
import type { ManifestEntry } from './manifest';
import type { ResearchExportResult } from './research-export-types';
import { exportStudyFindings } from './study-findings';
import { exportStudyNifti, type SeriesNifti } from './study-nifti';

/**
 * The instances without pixels, each named by where it sits in the export (a series folder, or the
 * study's n-th series without images) and its place among that series' pixel-less instances, never
 * by its file: PACS exports name files by SOP Instance UID or by patient; nor by a private SOP class
 * UID, which is the source's own. Said as "k of n pixel-less
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
    // A private SOP class UID is the source's own, and can be built from anything (an ID, a date).
    const what = isStandardUid(instance.sopClassUid) ? `${instance.sopClassUid} instance` : 'instance of a private SOP class,';
    return {
      subject: `pixel-less ${what} ${counts.get(series)} of ${totals.get(series)} in ${where}`,
      reason: 'no pixel data (a report, presentation state or similar): not exported; the app writes its own SR',
    };
  });
}

/** Where a lesion is in the NIfTI files: the series its mask is in, else the series it was marked on (image only). */
function lesionNifti(nifti: ReadonlyMap<string, SeriesNifti>, lesion: Lesion): ManifestEntry['nifti'] {
  for (const series of nifti.values()) {
    const label = series.labels.get(lesion.trackingUid);
    if (label !== undefined) return { image: series.image, mask: series.mask, label };
  }
  const own = nifti.get(lesion.seriesInstanceUid);
  return own ? { image: own.image, mask: null, label: null } : null;
}

/** Exports one study: its images de-identified, then its SEGs and SR, and (on request) a NIfTI image of every series. */
export async function exportStudy(run: ExportRun, job: StudyJob): Promise<void> {
  const map = (uid: string) => run.uidMap.map(job.pseudonym, uid);
  const ctx = { mapUid: map, pseudonym: job.pseudonym, dateShiftDays: run.options.dateShift ? job.dateShiftDays : null };
  const study = studyFolder(job.pseudonym, job.studyNumber);
  const seriesNumbers = new Map<string, number>();
  const seriesFolders = new Map<string, string>();
  let header: Record<string, unknown> | null = null;
  const counters = new Map<string, number>();
  const withoutPixels: StudyInstance[] = [];
  /** Images not exported: nothing else (SEG, SR, NIfTI) may reference or carry them either. */
  const withheld = new Set<string>();
  for (const instance of job.instances) {
    if (!instance.hasPixelData) {
      withoutPixels.push(instance);
      continue;
    }
    if (!seriesNumbers.has(instance.seriesInstanceUid)) seriesNumbers.set(instance.seriesInstanceUid, seriesNumbers.size + 1);
    const seriesNumber = seriesNumbers.get(instance.seriesInstanceUid)!;
    const index = (counters.get(instance.seriesInstanceUid) ?? 0) + 1;
    counters.set(instance.seriesInstanceUid, index);
    const bytes = readIndexedFile(instance);
    const out = deidentifyFile(bytes, instance.filePath, ctx);
    // The modality as the image is exported: the source's may be text that names the patient.
    const folder = seriesFolder(study, seriesNumber, String(out.dataset['00080060']?.Value?.[0] ?? ''));
    const relative = imageFile(folder, index);
    if (out.withheld) {
      withheld.add(instance.sopInstanceUid);
      run.result.skipped.push({ subject: `${relative} (not written)`, reason: out.withheld });
      await run.step('images', bytes.byteLength, 0);
      continue;
    }
    seriesFolders.set(instance.seriesInstanceUid, folder);
    write(run, relative, out.bytes);
    run.result.imageFiles++;
    if (out.burnedIn) run.result.burnedInReview.push({ subject: relative, reason: out.burnedIn });
    if (!header) {
      const { '7FE00010': _pixels, ...rest } = out.dataset;
      header = pickStudyHeader(naturalize(rest));
    }
    await run.step('images', bytes.byteLength, out.bytes.byteLength);
  }
  run.result.skipped.push(...skippedInstances(withoutPixels, study, seriesFolders));
  if (!header && withheld.size > 0) return; // every image withheld, each listed with the reason
  if (!header) throw new AppError('not_found', `Study ${job.studyInstanceUid} has no images to export.`);

  const lesions = listLesions(run.db, { studyInstanceUid: job.studyInstanceUid });
  const place = {
    folder: study,
    header,
    instances: job.instances.filter((i) => i.hasPixelData && !withheld.has(i.sopInstanceUid)).map((i) => mappedInstance(i, map)),
    seriesNumberOf: new Map([...seriesNumbers].map(([uid, n]) => [map(uid), n])),
    withheld: new Set([...withheld].map(map)),
  };
  const findings = lesions.length > 0 ? await exportStudyFindings(run, job, place, lesions) : null;
  const nifti = run.options.nifti ? await exportStudyNifti(run, job, study, place.instances, place.seriesNumberOf, findings?.segmentsBySeries ?? new Map()) : new Map<string, SeriesNifti>();
  if (!findings) return;
  findings.lesions.forEach((lesion, i) => {
    run.manifest.push({
      pseudonym: job.pseudonym, lesion, scores: scoreLesion(lesion), lesionNumber: i + 1, srFile: findings.srFile,
      seg: findings.segOf.get(lesion.trackingUid) ?? null, nifti: lesionNifti(nifti, lesion),
    });
  });
  run.result.lesions += lesions.length;
}
