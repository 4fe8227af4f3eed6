import path from 'node:path';
import { REPO_ROOT } from './paths';
import { runPython } from './python-runner';

// The cylinder phantom's writer alone (no core import), so that end-to-end specs can write one too.

const SCRIPT = path.join(REPO_ROOT, 'tests/support/cylinder-bone-phantom.py');

/** What the phantom script knows to be true of the series it wrote (see cylinder-bone-phantom.py). */
export interface CylinderTruth {
  studyInstanceUid: string;
  seriesInstanceUid: string;
  circumferentialInvolvementPct: number;
  axialInvolvementMm: number;
  lesionWidthMm: number;
  boneDiameterMm: number;
  axisDirection: [number, number, number];
  sliceNormal: [number, number, number];
  click: [number, number, number];
  /** Rigidity through the lesion over an intact section (absent without a lesion). */
  eaRatio: number;
  eiMinRatio: number;
  gjRatio: number;
  firstVoxel: [number, number, number];
  /** Every slice written, with its exact place (before any rounding `positionDecimals` asked for). */
  slices: { sopInstanceUid: string; position: [number, number, number] }[];
}

/** Writes a cylinder-bone CT series (spec keys as in cylinder-bone-phantom.py's DEFAULTS) into `folder`. */
export function writeCylinderPhantom(spec: Record<string, unknown>, folder: string): CylinderTruth {
  const made = runPython([SCRIPT, JSON.stringify(spec), folder]);
  if (made.status !== 0) throw new Error(`the phantom script failed: ${made.stderr}`);
  return JSON.parse(made.stdout) as CylinderTruth;
}

const ENHANCED_SCRIPT = path.join(REPO_ROOT, 'tests/support/enhanced-ct-phantom.py');

/** What enhanced-ct-phantom.py wrote: its series, and which slice (1-based, along the normal) each frame holds. */
export interface EnhancedPhantom {
  seriesInstanceUid: string;
  sopInstanceUid: string;
  frames: number;
  fileOrder: number[];
}

/** Rewrites a phantom's single-frame slices as one Enhanced CT file (see enhanced-ct-phantom.py for the spec). */
export function writeEnhancedCtPhantom(slicesFolder: string, file: string, spec: Record<string, unknown>): EnhancedPhantom {
  const made = runPython([ENHANCED_SCRIPT, slicesFolder, file, JSON.stringify(spec)]);
  if (made.status !== 0) throw new Error(`the enhanced CT script failed: ${made.stderr}`);
  return JSON.parse(made.stdout) as EnhancedPhantom;
}
