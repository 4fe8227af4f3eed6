import path from 'node:path';
import type { ParsedExportJobRequest } from '@shared/export/export-job';
import { exportResearchDataset } from '../dataset/research-export';
import type { ExportProgress } from '../dataset/research-export-types';
import type { ExportJobEnv } from './export-job-env';
import type { ExportJobRun } from './export-job-run';

type DatasetRequest = Extract<ParsedExportJobRequest, { kind: 'dataset' }>;

function describe(p: ExportProgress): string {
  if (p.phase === 'images') return `De-identifying image ${p.filesDone} of ${p.filesTotal} (study ${p.studiesDone + 1} of ${p.studiesTotal})`;
  if (p.phase === 'derived') return 'Writing segmentations and structured reports';
  if (p.phase === 'nifti') return 'Writing NIfTI volumes';
  return 'Writing the manifest and README';
}

/**
 * Runs a research dataset export for a job: progress image by image, cancel checked between
 * images (the exporter removes what it wrote itself when it fails), every file it wrote listed at the end,
 * and each study it had to leave out as a failed item with its reason.
 */
export async function runDatasetJob(env: ExportJobEnv, run: ExportJobRun, request: DatasetRequest, folder: string): Promise<void> {
  const result = await exportResearchDataset(
    env.db,
    { studyInstanceUids: request.studyInstanceUids, outDir: folder, dateShift: request.dateShift, nifti: request.nifti, appVersion: env.appVersion },
    {
      isCancelled: () => run.cancelling,
      onProgress: (p) =>
        run.progress({
          phase: p.phase === 'done' ? 'writing' : p.phase,
          itemsDone: p.filesDone,
          itemsTotal: p.filesTotal,
          bytesDone: p.bytesDone,
          bytesTotal: p.bytesTotal,
          currentItem: describe(p),
        }),
    },
  );
  // From here on the byte count is what was written, file by file.
  run.progress({ bytesDone: 0, bytesTotal: 0 });
  // The dataset's own files, never the folder's whole content: another export or the user may have put files there meanwhile.
  for (const file of [...result.files].sort()) run.wrote(path.join(folder, file));
  for (const failed of result.failedStudies) run.itemFailed(`Study ${failed.studyInstanceUid} (left out of the dataset; the other studies were exported)`, failed.error);
  if (result.burnedInReview.length > 0) run.note(`${result.burnedInReview.length} image(s) may show identifying text or a face in their pixels: review them (README.md lists them) before sharing.`);
  for (const s of result.skipped) run.note(`Left out ${s.subject}: ${s.reason}`);
  for (const s of result.niftiSkipped) run.note(`No NIfTI for ${s.subject}: ${s.reason}`);
  for (const o of result.labelOverlaps) run.note(`Label map ${o.subject}: ${o.reason}`);
  for (const u of result.unsegmented) run.note(`Lesion ${u.trackingUid} of study ${u.study} has no segmentation: ${u.reason}`);
  run.note(`${result.imageFiles} images, ${result.segFiles} SEG, ${result.srFiles} SR, ${result.niftiFiles} NIfTI files for ${result.lesions} lesion(s); patients as ${result.patients.map((p) => p.pseudonym).join(', ')}.`);
}
