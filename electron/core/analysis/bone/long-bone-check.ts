import { AppError } from '@shared/errors';
import { dot } from '@shared/geometry/vector3';
import { sampleTrilinear, worldToIndex, type Volume } from '../volume/volume';
import { BONE_HU, MAX_AXIS_TILT_DEG, SHAFT_RADIUS_RANGE_MM } from './bone-thresholds';
import type { MeasuredBone } from './measure-bone';
import type { BoneTrace } from './trace-bone';

/** The refusal for a bone that is not a long bone's shaft, with the reason in words. */
export function notALongBone(reason: string): AppError {
  return new AppError(
    'unsupported',
    `The bone analysis covers long bones (femur, tibia, fibula, humerus, radius, ulna), followed along their shaft; ` +
      `the bone clicked does not look like one: ${reason}. Measure this lesion with the cortical involvement tool instead.`,
  );
}

/**
 * The refusal for a bone the images do not hold whole: its cortex runs off their edge or into the
 * padding outside the scanner's circle, where destroyed and merely unseen cortex look alike.
 * @param followedMm - how far along its axis the bone was imaged whole
 */
export function cutByFieldOfView(followedMm: number): AppError {
  return new AppError(
    'unsupported',
    'The bone analysis needs the whole cross-section of the bone in the images: this bone leaves their field of view ' +
      `(its cortex runs off the edge of the images or into the padding outside the scanned circle; imaged whole for only ${followedMm.toFixed(0)} mm along it). ` +
      'Reconstruct the series with a field of view that holds the whole limb, or measure this lesion with the cortical involvement tool.',
  );
}

/** Angle between the bone's axis and the slice normal, degrees (0 to 90). */
export function axisTiltDeg(volume: Volume, direction: readonly number[]): number {
  return (Math.acos(Math.min(1, Math.abs(dot(direction, volume.sliceDir)))) * 180) / Math.PI;
}

/** Why a traced bone is not taken as a long bone's shaft: the reason in words, and whether it is the want of length alone. */
export interface LongBoneObjection {
  reason: string;
  /** The bone could not be followed far enough: a trace the field of view stopped may owe this to the images, not the bone. */
  tooShort: boolean;
}

/**
 * Why a traced bone is not the shaft of a long bone lying along the scan, or null when it is:
 * its axis within MAX_AXIS_TILT_DEG of the slice normal, followed for at least 40 mm and four
 * radii, a shaft's radius, and most of its sections' centres near one line.
 */
export function longBoneObjection(volume: Volume, trace: BoneTrace): LongBoneObjection | null {
  const objection = (reason: string, tooShort = false) => ({ reason, tooShort });
  const tilt = axisTiltDeg(volume, trace.axis.direction);
  if (tilt > MAX_AXIS_TILT_DEG) return objection(`its long axis lies across the slices (${tilt.toFixed(0)} degrees from their normal), not along the scan as a limb's long bone does`);
  const r = trace.radiusMm;
  if (r < SHAFT_RADIUS_RANGE_MM.min || r > SHAFT_RADIUS_RANGE_MM.max) return objection(`its cross-section (${(2 * r).toFixed(0)} mm across) is not that of a long bone's shaft`);
  const needed = Math.max(40, 4 * r);
  if (trace.stations.length < 3 || trace.lengthMm < needed) {
    return objection(`it could be followed along its axis for only ${trace.lengthMm.toFixed(0)} mm (a long bone's shaft, for at least ${needed.toFixed(0)} mm)`, true);
  }
  if (trace.inlierFraction < 0.5) return objection('its cross-sections do not line up along a shaft');
  return null;
}

/** Why a measured bone's sections are not a long bone's round tube, or null: at least half must fit a ring closely. */
export function shaftShapeObjection(bone: MeasuredBone): string | null {
  if (bone.sections.length === 0) return 'no cross-section of it could be measured';
  const round = bone.sections.filter((s) => s.ringRmsMm !== null && s.ringRmsMm <= 0.12 * s.periostealRadiusMm).length;
  return round >= 0.5 * bone.sections.length ? null : 'its cross-sections are not the round cortical ring of a long bone';
}

/**
 * Whether a point is enclosed by bone in its slice: at least 3/4 of 32 in-plane rays meet bone
 * (>= BONE_HU) within 30 mm, as from inside a vertebral body or a medullary canal.
 */
export function enclosedByBone(volume: Volume, point: readonly number[]): boolean {
  const [ci, cj, ck] = worldToIndex(volume, point);
  let hits = 0;
  for (let n = 0; n < 32; n++) {
    const a = (n * 2 * Math.PI) / 32;
    const di = (Math.cos(a) * 0.5) / volume.spacing[0];
    const dj = (Math.sin(a) * 0.5) / volume.spacing[1];
    for (let s = 1; s <= 60; s++) {
      if (sampleTrilinear(volume, ci + s * di, cj + s * dj, ck) >= BONE_HU) {
        hits++;
        break;
      }
    }
  }
  return hits >= 24;
}
