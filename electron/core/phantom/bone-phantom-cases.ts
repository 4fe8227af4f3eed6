import { DEFAULT_TISSUES, thighCentreX } from './anatomy';
import { ARM, BonePhantomSpecSchema, SHAFT_SIZES, type BonePhantomSpec, type BonePhantomSpecInput, type PhantomBone, type PhantomLesion } from './bone-phantom';
import type { Side } from './ground-truth';
import { createPrng } from './prng';

/** How a femur sits in its thigh (mm), as in the demo phantom: a little lateral and anterior. */
const FEMUR_OFFSET = { lateral: 6, anterior: 8 } as const;

/** A lesion as a case asks for it: everything but the ids. */
export type LesionRequest = Omit<PhantomLesion, 'id' | 'boneId'>;

/** Grid and noise options shared by the layouts. */
export interface PhantomGridOptions {
  seed: number;
  pixelSpacingMm?: number;
  sliceSpacingMm?: number;
  /** Length of the series along z (mm). */
  zExtentMm?: number;
  noiseSdHu?: number;
  supersampling?: number;
  /** A calibration phantom's rods under the body, and a scanner off its calibration. */
  calibrationRods?: BonePhantomSpecInput['calibrationRods'];
  scanner?: BonePhantomSpecInput['scanner'];
}

function grid(options: PhantomGridOptions, halfWidthMm: number, halfHeightMm: number) {
  const pixelSpacingMm = options.pixelSpacingMm ?? 0.75;
  const sliceSpacingMm = options.sliceSpacingMm ?? 1.25;
  return {
    columns: 2 * Math.ceil(halfWidthMm / pixelSpacingMm) + 1,
    rows: 2 * Math.ceil(halfHeightMm / pixelSpacingMm) + 1,
    pixelSpacingMm,
    sliceCount: Math.round((options.zExtentMm ?? 150) / sliceSpacingMm),
    sliceSpacingMm,
    tissues: { ...DEFAULT_TISSUES, noiseSdHu: options.noiseSdHu ?? 12 },
    supersampling: options.supersampling ?? 4,
    seed: options.seed,
    calibrationRods: options.calibrationRods ?? [],
    scanner: options.scanner ?? { slope: 1, interceptHu: 0 },
  };
}

/** A femur of a side, its axis tilted `tiltDeg` towards `azimuthDeg`. */
function femur(side: Side, tiltDeg: number, azimuthDeg: number): PhantomBone {
  const lateral = side === 'left' ? FEMUR_OFFSET.lateral : -FEMUR_OFFSET.lateral;
  return { id: `${side}-femur`, kind: 'femur', side, axisPointMm: [thighCentreX(side) + lateral, -FEMUR_OFFSET.anterior, 0], tiltDeg, azimuthDeg, ...SHAFT_SIZES.femur };
}

/**
 * Both thighs, the lesion in the femur of `side`; the other femur is intact and tilted as its
 * mirror image (azimuth reflected across the midsagittal plane), as in a patient lying straight.
 */
export function thighsPhantomSpec(options: PhantomGridOptions & { side: Side; tiltDeg: number; azimuthDeg: number; lesion: LesionRequest }): BonePhantomSpec {
  const other: Side = options.side === 'left' ? 'right' : 'left';
  const bones = [femur(options.side, options.tiltDeg, options.azimuthDeg), femur(other, options.tiltDeg, 180 - options.azimuthDeg)];
  return BonePhantomSpecSchema.parse({
    layout: 'thighs',
    // Tall enough for the rods of a calibration phantom under the thighs.
    ...grid(options, 170, Math.max(82, ...(options.calibrationRods ?? []).map((r) => Math.abs(r.centreMm[1]) + r.radiusMm + 4))),
    bones,
    lesions: [{ id: `${options.side}-femur-lesion`, boneId: bones[0]!.id, ...options.lesion }],
  });
}

/** One upper arm with a humerus and its lesion: no contralateral bone in the series. */
export function armPhantomSpec(options: PhantomGridOptions & { side: Side; tiltDeg: number; azimuthDeg: number; lesion: LesionRequest }): BonePhantomSpec {
  const humerus: PhantomBone = {
    id: `${options.side}-humerus`,
    kind: 'humerus',
    side: options.side,
    axisPointMm: [ARM.humerusOffsetMm[0], ARM.humerusOffsetMm[1], 0],
    tiltDeg: options.tiltDeg,
    azimuthDeg: options.azimuthDeg,
    ...SHAFT_SIZES.humerus,
  };
  return BonePhantomSpecSchema.parse({
    layout: 'arm',
    ...grid(options, ARM.skinRadiusMm + 6, ARM.skinRadiusMm + 6),
    bones: [humerus],
    lesions: [{ id: `${options.side}-humerus-lesion`, boneId: humerus.id, ...options.lesion }],
  });
}

/** One case of the accuracy table. */
export interface AccuracyCase {
  name: string;
  spec: BonePhantomSpec;
}

/**
 * Phantoms for the accuracy table: arcs spread from 10% to 90% of the circumference, axial
 * extents from 5 to 60 mm, axes tilted 0 to 15 degrees out of the slice normal, in the left and
 * right femur (contralateral found by mirroring) and in a humerus (every fourth case: no
 * contralateral, so the bone's own unaffected sections are the reference). Deterministic in `seed`.
 */
export function accuracyCases(count: number, seed = 1): AccuracyCase[] {
  const prng = createPrng(`bonemet-accuracy-cases|${seed}`);
  return Array.from({ length: count }, (_, n) => {
    const spread = count > 1 ? n / (count - 1) : 0.5;
    // Arcs and lengths sweep their ranges in different orders so that every pairing occurs.
    const arcPct = 10 + 80 * spread;
    const lengthMm = 5 + 55 * (((n * 7) % count) / Math.max(1, count - 1));
    const tiltDeg = 15 * (((n * 3) % count) / Math.max(1, count - 1));
    const azimuthDeg = 360 * prng.uniform();
    const humerus = n % 4 === 3;
    const side: Side = n % 2 === 0 ? 'left' : 'right';
    const innerRadius = humerus ? SHAFT_SIZES.humerus.innerRadiusMm : SHAFT_SIZES.femur.innerRadiusMm;
    const lesion: LesionRequest = {
      arcStartDeg: Math.floor(360 * prng.uniform() * 10) / 10,
      arcSweepDeg: arcPct * 3.6,
      axialStartMm: -lengthMm / 2 + 20 * (prng.uniform() - 0.5),
      axialLengthMm: lengthMm,
      marrowDepthMm: Math.round(prng.uniform() * Math.min(4, innerRadius - 3) * 10) / 10,
    };
    const common = { seed: seed * 1000 + n, side, tiltDeg, azimuthDeg, lesion };
    const spec = humerus ? armPhantomSpec(common) : thighsPhantomSpec(common);
    const name = `${humerus ? 'humerus' : 'femur'} ${side} arc ${arcPct.toFixed(0)}% length ${lengthMm.toFixed(1)} mm tilt ${tiltDeg.toFixed(1)} deg`;
    return { name, spec };
  });
}
