import { AppError } from '@shared/errors';
import type { StudyInstance } from '../../index/instance-queries';
import { IndexedFileFrames } from '../../index/indexed-file-frames';
import { niftiPair } from '../nifti/nifti-pair';
import { volumeProblem } from '../nifti/series-volume';
import type { SegmentInput } from '../seg/segmentation';
import { write, type ExportRun, type StudyJob } from './export-run';
import { niftiFile } from './export-layout';

/** The NIfTI files of one series: the image always, the label map when a lesion has a mask there. */
export interface SeriesNifti {
  image: string;
  mask: string | null;
  /** Tracking UID (replaced) -> voxel value in the mask. */
  labels: ReadonlyMap<string, number>;
}

/** The image instances of a study grouped by series, in the order the series were met. */
function bySeries(instances: readonly StudyInstance[]): Map<string, StudyInstance[]> {
  const groups = new Map<string, StudyInstance[]>();
  for (const instance of instances.filter((i) => i.hasPixelData)) groups.set(instance.seriesInstanceUid, [...(groups.get(instance.seriesInstanceUid) ?? []), instance]);
  return groups;
}

/**
 * Refuses, before anything is written, a NIfTI export that could write no NIfTI file at all: every
 * series of every chosen study is compressed, multi-frame, without geometry or of mixed sizes.
 * @param studies - each chosen study's indexed instances
 * @param frames - the export's frames of multi-frame files, kept for its SEG and NIfTI steps
 */
export function requireNiftiVolumes(studies: readonly { studyInstanceUid: string; instances: readonly StudyInstance[] }[], frames: IndexedFileFrames = new IndexedFileFrames()): void {
  const problems: string[] = [];
  for (const study of studies) {
    for (const [series, instances] of bySeries(study.instances)) {
      const problem = volumeProblem(instances, frames);
      if (!problem) return;
      problems.push(`series ${series} of study ${study.studyInstanceUid}: ${problem}`);
    }
  }
  const why = problems.length > 0 ? problems.join('; ') : 'the chosen studies have no images';
  throw new AppError('unsupported', `No series of the chosen studies can be written as NIfTI (${why}). Nothing was written: export again without NIfTI.`);
}

/**
 * Writes a NIfTI image of every image series of a study, whether or not a lesion was drawn on it,
 * and beside it the label map of the series' segments (label = segment number) where there are any.
 * A series that cannot be stacked is listed with the reason.
 * @param instances - the study's image instances with replaced UIDs (file paths still the originals)
 * @param seriesNumberOf - replaced Series UID -> its number in the dataset's layout
 * @param segmentsBySeries - replaced Series UID -> the segments of its SEG
 */
export async function exportStudyNifti(
  run: ExportRun,
  job: StudyJob,
  study: string,
  instances: readonly StudyInstance[],
  seriesNumberOf: ReadonlyMap<string, number>,
  segmentsBySeries: ReadonlyMap<string, readonly SegmentInput[]>,
): Promise<Map<string, SeriesNifti>> {
  const written = new Map<string, SeriesNifti>();
  for (const [series, seriesInstances] of bySeries(instances)) {
    const seriesNumber = seriesNumberOf.get(series) ?? 0;
    const segments = segmentsBySeries.get(series) ?? [];
    const masks = new Map(segments.map((s, i) => [i + 1, s.masks]));
    const pair = niftiPair(seriesInstances, masks, `${job.pseudonym} study-${job.studyNumber} series-${seriesNumber}`, run.frames);
    if ('skipped' in pair) {
      run.result.niftiSkipped.push({ subject: `${study} series ${seriesNumber}`, reason: pair.skipped });
      continue;
    }
    if (pair.leftOut) run.result.niftiSkipped.push({ subject: `${study} series ${seriesNumber} (some images)`, reason: pair.leftOut });
    for (const o of pair.overlaps) {
      const many = o.lost === o.drawn ? `all ${o.lost} of the ${o.drawn}` : `${o.lost} of the ${o.drawn}`;
      run.result.labelOverlaps.push({
        subject: `${niftiFile(job.pseudonym, job.studyNumber, seriesNumber, 'mask')} label ${o.label}`,
        reason: `${many} voxels drawn for this lesion hold label ${o.by.join(' or ')} in the label map, where a later lesion's area overlaps it (a voxel holds one label; the SEG keeps each lesion's whole area)`,
      });
    }
    const image = niftiFile(job.pseudonym, job.studyNumber, seriesNumber, 'image');
    write(run, image, pair.image);
    run.result.niftiFiles++;
    let mask: string | null = null;
    if (pair.mask) {
      mask = niftiFile(job.pseudonym, job.studyNumber, seriesNumber, 'mask');
      write(run, mask, pair.mask);
      run.result.niftiFiles++;
    }
    written.set(series, { image, mask, labels: new Map(segments.map((s, i) => [s.trackingUid, i + 1])) });
    await run.step('nifti', 0, 0);
  }
  return written;
}
