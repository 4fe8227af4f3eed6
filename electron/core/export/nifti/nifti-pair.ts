import { allowedMisplacementMm } from '@shared/dicom/position-precision';
import type { StudyInstance } from '../../index/instance-queries';
import type { IndexedFileFrames } from '../../index/indexed-file-frames';
import { quaternionOf, rasAffine, squaredOff } from './affine';
import { encodeNiftiGz } from './nifti1';
import { sliceKey } from '../seg/slice-geometry';
import { readSeriesVolume } from './series-volume';

/** The masks of a series' lesions: label (1..n) -> image (imageKey: instance and frame) -> rows x columns mask. */
export type LabelMasks = ReadonlyMap<number, ReadonlyMap<string, Uint8Array>>;

/** A label whose drawn voxels later labels took, in part or whole: a label map holds one label per voxel. */
export interface LabelOverlap {
  label: number;
  /** Voxels drawn for it, and how many of them hold another label in the map. */
  drawn: number;
  lost: number;
  /** The labels drawn over it. */
  by: number[];
}

/**
 * The image and, when any lesion of the series has a mask, the label-map .nii.gz bytes of one series:
 * the image keeps its stored values with the rescale in scl_slope/scl_inter (real values when slices
 * rescale differently); the mask holds each lesion's label (segment number) where it was drawn, a
 * later lesion winning where two overlap (`overlaps` counts what each covered label lost, and to which). `leftOut` names a localiser left out of the volume. No mask is written for a series nobody drew on: an empty
 * label map would read as "no lesion here", which nobody said.
 * @param frames - the export's frames of multi-frame files, read once for all its steps (default: read here)
 */
export function niftiPair(
  instances: readonly StudyInstance[],
  masks: LabelMasks,
  description: string,
  frames?: IndexedFileFrames,
): { image: Buffer; mask: Buffer | null; leftOut: string | null; overlaps: LabelOverlap[] } | { skipped: string } {
  const volume = readSeriesVolume(instances, frames);
  if ('skipped' in volume) return volume;
  const affine = rasAffine(volume.geometry);
  const stepLength = Math.hypot(...volume.geometry.sliceStep);
  // The qform is rigid: for a stack tilted only by rounded positions it is taken square to the
  // slices, within the misplacement the stack was accepted with of the sform.
  const square = quaternionOf(affine) ? null : squaredOff(volume.geometry, volume.dims[2], allowedMisplacementMm(stepLength));
  const quaternion = quaternionOf(square ? rasAffine(square) : affine);
  const pixdim: [number, number, number] = [volume.geometry.spacing[1], volume.geometry.spacing[0], stepLength];
  const common = { dims: volume.dims, pixdim, affine, quaternion };
  const image = encodeNiftiGz({ ...common, type: volume.type, data: volume.data, scaleSlope: volume.scaleSlope, scaleIntercept: volume.scaleIntercept, description });
  const { leftOut } = volume;
  if (masks.size === 0) return { image, mask: null, leftOut, overlaps: [] };
  const [nx, ny, nz] = volume.dims;
  // Labels are segment numbers: past 255 lesions on one series, a byte would wrap them onto others.
  const wide = Math.max(...masks.keys()) > 255;
  const labels = wide ? new Uint16Array(nx * ny * nz) : new Uint8Array(nx * ny * nz);
  const drawn = new Map<number, number>();
  const coveredBy = new Map<number, Set<number>>();
  volume.slices.forEach((slice, k) => {
    for (const [label, byImage] of masks) {
      const mask = byImage.get(sliceKey(slice));
      if (!mask) continue;
      for (let i = 0; i < mask.length; i++) {
        if (!mask[i]) continue;
        const at = k * nx * ny + i;
        const before = labels[at]!;
        if (before !== 0 && before !== label) coveredBy.set(before, (coveredBy.get(before) ?? new Set()).add(label));
        labels[at] = label;
        drawn.set(label, (drawn.get(label) ?? 0) + 1);
      }
    }
  });
  const kept = new Map<number, number>();
  if (coveredBy.size > 0) for (const value of labels) if (value !== 0) kept.set(value, (kept.get(value) ?? 0) + 1);
  const overlaps = [...coveredBy].map(([label, by]) => ({ label, drawn: drawn.get(label)!, lost: drawn.get(label)! - (kept.get(label) ?? 0), by: [...by].sort((a, b) => a - b) }));
  return { image, mask: encodeNiftiGz({ ...common, type: wide ? 'uint16' : 'uint8', data: labels, description: `${description} lesion labels`, intent: 'label' }), leftOut, overlaps };
}
