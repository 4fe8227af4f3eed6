import { AppError } from '@shared/errors';
import type { ExportRun, StudyJob } from './export-run';
import { studyFolder } from './export-layout';
import type { ResearchExportResult } from './research-export-types';
import { exportStudy } from './study-export';
import { takeBackWritten } from './take-back-written';

type Counted = 'imageFiles' | 'segFiles' | 'srFiles' | 'niftiFiles' | 'lesions' | 'bytesWritten';
type Listed = 'burnedInReview' | 'skipped' | 'niftiSkipped' | 'labelOverlaps' | 'unsegmented';
const COUNTED: readonly Counted[] = ['imageFiles', 'segFiles', 'srFiles', 'niftiFiles', 'lesions', 'bytesWritten'];
const LISTED: readonly Listed[] = ['burnedInReview', 'skipped', 'niftiSkipped', 'labelOverlaps', 'unsegmented'];

/**
 * Exports one study of a batch; when it fails (a file changed since import, no image to export) its
 * files, counts, notes and manifest rows are taken back and it is set aside in `failedStudies`, so that
 * one broken study never spoils the others. A cancel still stops the whole export.
 */
export async function exportStudyOrSetAside(run: ExportRun, job: StudyJob): Promise<void> {
  const { result } = run;
  const counts = Object.fromEntries(COUNTED.map((k) => [k, result[k]])) as Pick<ResearchExportResult, Counted>;
  const lengths = Object.fromEntries(LISTED.map((k) => [k, result[k].length])) as Record<Listed, number>;
  const [manifestLength, writtenLength] = [run.manifest.length, run.written.length];
  try {
    await exportStudy(run, job);
  } catch (error) {
    if (error instanceof AppError && error.code === 'cancelled') throw error;
    takeBackWritten(run.options.outDir, run.written.splice(writtenLength));
    Object.assign(result, counts);
    for (const key of LISTED) result[key].splice(lengths[key]);
    run.manifest.splice(manifestLength);
    result.failedStudies.push({ studyInstanceUid: job.studyInstanceUid, folder: studyFolder(job.pseudonym, job.studyNumber), error });
  }
}
