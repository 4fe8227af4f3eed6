import path from 'node:path';

// Where each file of a research dataset goes. Folder names carry no identifier: the pseudonym and
// running numbers only (UIDs are inside the files and in the manifest).

const two = (n: number) => String(n).padStart(2, '0');

/** The DICOM folder of one study: dicom/<pseudonym>/study-NN. */
export function studyFolder(pseudonym: string, studyNumber: number): string {
  return path.posix.join('dicom', pseudonym, `study-${two(studyNumber)}`);
}

/** The folder of one series of a study: .../series-NN-<modality>. */
export function seriesFolder(study: string, seriesNumber: number, modality: string): string {
  const safe = modality.replace(/[^A-Za-z0-9]/g, '') || 'XX';
  return path.posix.join(study, `series-${two(seriesNumber)}-${safe}`);
}

/** An image file of a series. */
export function imageFile(series: string, index: number): string {
  return path.posix.join(series, `IM${String(index).padStart(6, '0')}.dcm`);
}

/** The SEG of one series, in its study's folder. */
export function segFile(study: string, seriesNumber: number): string {
  return path.posix.join(study, `SEG-series-${two(seriesNumber)}.dcm`);
}

/** The study's Measurement Report. */
export function srFile(study: string): string {
  return path.posix.join(study, 'SR-measurements.dcm');
}

/** A NIfTI file of one series: nifti/<pseudonym>_study-NN_series-NN_<kind>.nii.gz. */
export function niftiFile(pseudonym: string, studyNumber: number, seriesNumber: number, kind: 'image' | 'mask'): string {
  return path.posix.join('nifti', `${pseudonym}_study-${two(studyNumber)}_series-${two(seriesNumber)}_${kind}.nii.gz`);
}
