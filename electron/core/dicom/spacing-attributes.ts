import type { DataSet } from 'dicom-parser';
import type { SpacingAttributes } from '@shared/dicom/measurement-spacing';
import { functionalGroupItem } from './functional-groups';

/** A decimal-string (DS) attribute with exactly `count` finite values, or null. */
export function decimalStrings(dataSet: DataSet, tag: string, count: number): number[] | null {
  const raw = dataSet.string(tag);
  if (raw === undefined) return null;
  const values = raw.split('\\').map((part) => Number(part.trim()));
  return values.length === count && values.every(Number.isFinite) ? values : null;
}

/**
 * Pixel Spacing where an enhanced multi-frame object keeps it (PS3.3 C.7.6.16.2.1): in the Pixel
 * Measures of the first frame's or the shared functional groups. Cornerstone measures a frame with
 * that spacing, so the index must know it to label the figures as mm.
 */
function functionalGroupPixelSpacing(dataSet: DataSet): [number, number] | null {
  const measures = functionalGroupItem(dataSet, 1, 'x00289110');
  return measures ? (decimalStrings(measures, 'x00280030', 2) as [number, number] | null) : null;
}

/**
 * The attributes the spacing rule (measurementSpacing) reads from a data set: SOP Class, Pixel
 * Spacing (top level, else the functional groups'), Imager Pixel Spacing (0018,1164), Pixel
 * Spacing Calibration Type (0028,0A02) and Estimated Radiographic Magnification Factor (0018,1114).
 */
export function readSpacingAttributes(dataSet: DataSet): SpacingAttributes & { pixelSpacing: [number, number] | null; imagerPixelSpacing: [number, number] | null; pixelSpacingCalibrationType: string | null; magnificationFactor: number | null } {
  return {
    sopClassUid: (dataSet.string('x00080016') ?? dataSet.string('x00020002') ?? '').replace(/\0/g, '').trim(),
    pixelSpacing: (decimalStrings(dataSet, 'x00280030', 2) as [number, number] | null) ?? functionalGroupPixelSpacing(dataSet),
    imagerPixelSpacing: decimalStrings(dataSet, 'x00181164', 2) as [number, number] | null,
    pixelSpacingCalibrationType: (dataSet.string('x00280a02') ?? '').trim().toUpperCase() || null,
    magnificationFactor: decimalStrings(dataSet, 'x00181114', 1)?.[0] ?? null,
  };
}
