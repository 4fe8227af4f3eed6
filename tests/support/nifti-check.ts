import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from './paths';
import { hasCommand } from './test-requirements';
import { runPython } from './python-runner';

// The independent readers of an exported NIfTI: dcm2niix (what imaging labs convert DICOM with) and
// numpy/pydicom through compare-nifti.py (no nibabel on Debian's Python here).

const SCRIPT = path.join(REPO_ROOT, 'tests/support/compare-nifti.py');

/** One NIfTI header as compare-nifti.py reads it. */
export interface NiftiHeader {
  dims: number[];
  datatype: number;
  pixdim: number[];
  scl: [number, number];
  qform_code: number;
  sform_code: number;
  /** Spatial unit | temporal unit (nifti1.h NIFTI_UNITS_*: mm 2, s 8, ms 16). */
  xyzt_units: number;
  sform: number[][];
  qformMinusSformMm: number | null;
}

/** What compare-nifti.py found: each voxel of ours at the same world point of the other. */
export interface NiftiComparison {
  ours: NiftiHeader;
  theirs?: NiftiHeader;
  images?: number;
  dicomDatatypes?: number[];
  worstGridOffsetVoxels: number;
  voxelsOutside: number;
  voxelsCompared: number;
  voxelsDiffering: number;
  worstValueDifference: number;
  firstDifference?: unknown;
}

/** Compares our .nii(.gz) with another NIfTI file, or with the DICOM images of a folder. */
export function compareNifti(ours: string, other: string | { dicom: string }): NiftiComparison {
  const args = typeof other === 'string' ? [SCRIPT, ours, other] : [SCRIPT, ours, '--dicom', other.dicom];
  const run = runPython(args);
  if (run.status !== 0) throw new Error(`compare-nifti.py failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as NiftiComparison;
}

/** Whether dcm2niix is installed (npm test's pretest installs it where it can). */
export const HAS_DCM2NIIX = hasCommand({ root: '/', path: process.env.PATH ?? '' }, 'dcm2niix');

/** Converts the DICOM series in `folder` with dcm2niix into `out`; returns the one .nii it wrote. */
export function dcm2niix(folder: string, out: string): string {
  fs.mkdirSync(out, { recursive: true });
  const run = spawnSync('dcm2niix', ['-z', 'n', '-b', 'n', '-f', 'series', '-o', out, folder], { encoding: 'utf8' });
  const written = fs.readdirSync(out).filter((f) => f.endsWith('.nii'));
  if (run.status !== 0 || written.length !== 1) throw new Error(`dcm2niix wrote ${written.join(', ') || 'nothing'} (status ${run.status}): ${run.stdout}${run.stderr}`);
  return path.join(out, written[0]!);
}
