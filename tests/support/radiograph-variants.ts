import fs from 'node:fs';
import path from 'node:path';
import { runPython } from './python-runner';

/** The spacing attributes a variant of a radiograph states (absent ones are removed from the file). */
export interface RadiographSpacingVariant {
  pixelSpacing?: [number, number];
  imagerPixelSpacing?: [number, number];
  calibrationType?: 'GEOMETRY' | 'FIDUCIAL';
  magnificationFactor?: number;
  /** Seeds new SOP Instance and Series UIDs, so that several variants index side by side. */
  uidSuffix: string;
}

/**
 * Writes a copy of a real radiograph with pydicom, its spacing attributes set as the variant says
 * (every one the variant leaves out removed): how a modality that calibrates, or one that only
 * knows its detector, writes the same image.
 */
export function writeRadiographVariant(source: string, out: string, variant: RadiographSpacingVariant): string {
  fs.mkdirSync(path.dirname(out), { recursive: true });
  const script = [
    'import sys, json, pydicom',
    'ds = pydicom.dcmread(sys.argv[1]); v = json.loads(sys.argv[3])',
    'for kw in ("PixelSpacing", "ImagerPixelSpacing", "PixelSpacingCalibrationType", "EstimatedRadiographicMagnificationFactor"):',
    '    if kw in ds: del ds[kw]',
    'if "pixelSpacing" in v: ds.PixelSpacing = v["pixelSpacing"]',
    'if "imagerPixelSpacing" in v: ds.ImagerPixelSpacing = v["imagerPixelSpacing"]',
    'if "calibrationType" in v: ds.PixelSpacingCalibrationType = v["calibrationType"]',
    'if "magnificationFactor" in v: ds.EstimatedRadiographicMagnificationFactor = v["magnificationFactor"]',
    'from pydicom.uid import generate_uid',
    'ds.SOPInstanceUID = generate_uid(entropy_srcs=[ds.SOPInstanceUID, v["uidSuffix"]]); ds.file_meta.MediaStorageSOPInstanceUID = ds.SOPInstanceUID',
    'ds.SeriesInstanceUID = generate_uid(entropy_srcs=[ds.SeriesInstanceUID, v["uidSuffix"]])',
    'ds.save_as(sys.argv[2])',
  ].join('\n');
  const run = runPython(['-c', script, source, out, JSON.stringify(variant)]);
  if (run.status !== 0) throw new Error(`pydicom could not write the variant: ${run.stderr}`);
  return out;
}
