import fs from 'node:fs';
import path from 'node:path';
import { SHARED_DICOM } from './paths';
import { runPython } from './python-runner';

/** highdicom's DX chest: 169 rows x 211 columns, Pixel Spacing 1.2\1.2012, no Frame of Reference, Image Position or Orientation. */
export const DX_RADIOGRAPH = path.join(SHARED_DICOM, 'highdicom/dx_image.dcm');
/** The DX's Pixel Spacing: between rows, then between columns (DICOM order). */
export const DX_SPACING = { rowMm: 1.2, columnMm: 1.201199999999 };
/** pydicom's 16 x 16 CR: Imager Pixel Spacing 0.1 only, no Pixel Spacing (the viewer measures it in pixels). */
export const CR_RADIOGRAPH = path.join(SHARED_DICOM, 'pydicom/dicomdirtests/77654033/CR1/6154');

/**
 * Copies a radiograph of the shared set into a study and patient (as if taken at the same visit as
 * the study's CT), under `folder`, for a test to import with it.
 */
export function fileRadiographInStudy(source: string, folder: string, study: { studyInstanceUid: string; patientName: string; patientId: string; studyDate: string }): void {
  const out = path.join(folder, 'radiograph', path.basename(source));
  fs.mkdirSync(path.dirname(out), { recursive: true });
  const script = [
    'import sys, pydicom',
    'ds = pydicom.dcmread(sys.argv[1])',
    'ds.StudyInstanceUID = sys.argv[3]; ds.PatientName = sys.argv[4]; ds.PatientID = sys.argv[5]; ds.StudyDate = sys.argv[6]',
    'ds.save_as(sys.argv[2])',
  ].join('\n');
  const run = runPython(['-c', script, source, out, study.studyInstanceUid, study.patientName, study.patientId, study.studyDate]);
  if (run.status !== 0) throw new Error(`pydicom could not file the radiograph: ${run.stderr}`);
}
