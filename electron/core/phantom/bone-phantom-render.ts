import type { Volume } from '../analysis/volume/volume';
import { thighCentreX, THIGH } from './anatomy';
import { arcOffsetDeg, boneFrame, type BoneFrame } from './bone-frame';
import { ARM, type BonePhantomSpec, type PhantomBone, type PhantomLesion } from './bone-phantom';
import { createPrng } from './prng';

interface PreparedBone {
  bone: PhantomBone;
  frame: BoneFrame;
  lesions: PhantomLesion[];
  /** The in-plane reach of the tube on an axial slice, squared (mm2), for a quick reject. */
  reach2: number;
}

/** The soft tissue (or air, or a calibration rod) at an axial point, from the layout alone. */
function softTissueAt(spec: BonePhantomSpec, x: number, y: number): number {
  const t = spec.tissues;
  for (const rod of spec.calibrationRods) if (Math.hypot(x - rod.centreMm[0], y - rod.centreMm[1]) <= rod.radiusMm) return rod.hu;
  if (spec.layout === 'arm') {
    const r = Math.hypot(x, y);
    return r > ARM.skinRadiusMm ? t.air : r > ARM.muscleRadiusMm ? t.fat : t.muscle;
  }
  for (const side of ['right', 'left'] as const) {
    const r = Math.hypot(x - thighCentreX(side), y);
    if (r <= THIGH.skinRadiusMm) return r > THIGH.muscleRadiusMm ? t.fat : t.muscle;
  }
  return t.air;
}

/** The tissue of a bone at a point, or null outside the bone. */
function boneTissueAt(spec: BonePhantomSpec, prepared: PreparedBone, x: number, y: number, z: number): number | null {
  const { frame } = prepared;
  const px = x - frame.point[0];
  const py = y - frame.point[1];
  const pz = z - frame.point[2];
  const t = px * frame.d[0] + py * frame.d[1] + pz * frame.d[2];
  const a = px * frame.u[0] + py * frame.u[1] + pz * frame.u[2];
  const b = px * frame.v[0] + py * frame.v[1] + pz * frame.v[2];
  const r = Math.sqrt(a * a + b * b);
  const { outerRadiusMm, innerRadiusMm } = prepared.bone;
  if (r > outerRadiusMm) return null;
  for (const lesion of prepared.lesions) {
    if (t < lesion.axialStartMm || t > lesion.axialStartMm + lesion.axialLengthMm) continue;
    if (r < innerRadiusMm - lesion.marrowDepthMm) continue;
    const deg = (Math.atan2(b, a) * 180) / Math.PI;
    if (arcOffsetDeg(deg < 0 ? deg + 360 : deg, lesion.arcStartDeg) <= lesion.arcSweepDeg) return spec.tissues.tumour;
  }
  return r >= innerRadiusMm ? spec.tissues.cortex : spec.tissues.marrow;
}

/** The nominal HU at a point of the phantom. */
function tissueAt(spec: BonePhantomSpec, bones: readonly PreparedBone[], x: number, y: number, z: number): number {
  for (const prepared of bones) {
    const hu = boneTissueAt(spec, prepared, x, y, z);
    if (hu !== null) return hu;
  }
  return softTissueAt(spec, x, y);
}

/**
 * Standard normal noise for millions of voxels: a table of 2^16 deviates from the seeded PRNG,
 * picked by a xorshift stream seeded from it. Box-Muller per voxel took half the rendering time;
 * the picks are uniform and independent enough for white noise in a test phantom.
 */
function noiseSource(key: string): () => number {
  const prng = createPrng(key);
  const table = Float32Array.from({ length: 1 << 16 }, () => prng.gaussian());
  let state = (Math.floor(prng.uniform() * 0xffffffff) | 1) >>> 0;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return table[(state >>> 8) & 0xffff]!;
  };
}

/** Patient coordinates of voxel (i, j, k): axial slices centred on x = y = z = 0. */
export function bonePhantomOrigin(spec: BonePhantomSpec): [number, number, number] {
  return [(-(spec.columns - 1) / 2) * spec.pixelSpacingMm, (-(spec.rows - 1) / 2) * spec.pixelSpacingMm, (-(spec.sliceCount - 1) / 2) * spec.sliceSpacingMm];
}

/**
 * Renders a bone phantom as a HU volume. Voxels whose box straddles a bone surface or a lesion
 * boundary (their corners disagree) are the mean of supersampling^3 sub-samples over the box;
 * every voxel then goes through the scanner's calibration and gets Gaussian noise of noiseSdHu.
 */
export function renderBonePhantom(spec: BonePhantomSpec): Volume {
  const bones: PreparedBone[] = spec.bones.map((bone) => {
    const frame = boneFrame(bone);
    const stretch = 1 / Math.max(0.5, frame.d[2]);
    return { bone, frame, lesions: spec.lesions.filter((l) => l.boneId === bone.id), reach2: (bone.outerRadiusMm * stretch + 2 * spec.pixelSpacingMm + spec.sliceSpacingMm) ** 2 };
  });
  const { columns, rows, sliceCount: slices, pixelSpacingMm: s, sliceSpacingMm: dz, supersampling: n } = spec;
  const origin = bonePhantomOrigin(spec);
  const hu = new Int16Array(columns * rows * slices);
  const noise = noiseSource(`bonemet-bone-phantom|${spec.seed}`);
  const corners: [number, number, number][] = [];
  for (const a of [-0.5, 0.5]) for (const b of [-0.5, 0.5]) for (const c of [-0.5, 0.5]) corners.push([a * s, b * s, c * dz]);
  const sub = Array.from({ length: n }, (_, q) => (q + 0.5) / n - 0.5);
  // The soft tissue does not change along z: one image of it, copied into every slice.
  const soft = new Float32Array(columns * rows);
  for (let j = 0; j < rows; j++) for (let i = 0; i < columns; i++) soft[j * columns + i] = softTissueAt(spec, origin[0] + i * s, origin[1] + j * s);
  const slice = new Float32Array(columns * rows);
  for (let k = 0; k < slices; k++) {
    const z = origin[2] + k * dz;
    slice.set(soft);
    for (const b of bones) {
      // Only the pixels near where the bone's axis crosses this slice can hold bone.
      const t = (z - b.frame.point[2]) / b.frame.d[2];
      const cx = b.frame.point[0] + t * b.frame.d[0];
      const cy = b.frame.point[1] + t * b.frame.d[1];
      for (let j = 0; j < rows; j++) {
        const y = origin[1] + j * s;
        const left = b.reach2 - (y - cy) ** 2;
        if (left < 0) continue;
        const half = Math.sqrt(left);
        const i0 = Math.max(0, Math.ceil((cx - half - origin[0]) / s));
        const i1 = Math.min(columns - 1, Math.floor((cx + half - origin[0]) / s));
        for (let i = i0; i <= i1; i++) {
          const x = origin[0] + i * s;
          const centre = tissueAt(spec, bones, x, y, z);
          const straddles = n > 1 && corners.some(([a, bb, c]) => tissueAt(spec, bones, x + a, y + bb, z + c) !== centre);
          if (!straddles) slice[j * columns + i] = centre;
          else {
            let sum = 0;
            for (const a of sub) for (const bb of sub) for (const c of sub) sum += tissueAt(spec, bones, x + a * s, y + bb * s, z + c * dz);
            slice[j * columns + i] = sum / (n * n * n);
          }
        }
      }
    }
    const offset = k * columns * rows;
    const { slope, interceptHu } = spec.scanner;
    for (let p = 0; p < slice.length; p++) hu[offset + p] = Math.max(-1024, Math.min(3071, Math.round(interceptHu + slope * slice[p]! + spec.tissues.noiseSdHu * noise())));
  }
  return {
    hu,
    columns,
    rows,
    slices,
    origin,
    rowDir: [1, 0, 0],
    columnDir: [0, 1, 0],
    sliceDir: [0, 0, 1],
    spacing: [s, s, dz],
  };
}
