import { z } from 'zod';
import { SideSchema, TissueHuSchema } from './ground-truth';

// A CT phantom of straight tubular long bones whose axes may tilt out of the slice normal, with
// lytic lesions placed in each bone's own frame, rendered with partial volume (each voxel the
// mean of sub-samples over its box) and noise, and with ground truth computed analytically.

export const BONE_PHANTOM_CONVENTIONS = {
  frame:
    'Each bone is a straight tube about the line through axisPointMm along direction d (tiltDeg from patient +z towards ' +
    'azimuthDeg in the axial plane, 0 = patient left). Its frame: t = (p - axisPoint) . d; u = patient +x projected ' +
    'off d and normalised; v = d x u; theta = atan2(w . v, w . u) in degrees, w the offset of p from the axis.',
  lesion:
    'A lytic lesion turns into tumour every point of its bone with theta in [arcStartDeg, arcStartDeg + arcSweepDeg], ' +
    't in [axialStartMm, axialStartMm + axialLengthMm] and r in [innerRadius - marrowDepthMm, outerRadius].',
  figures:
    'circumferentialInvolvementPct = arcSweepDeg / 3.6; axialInvolvementMm = axialLengthMm; boneDiameterMm = 2 outerRadius; ' +
    'lesionWidthMm = 2 outerRadius sin(min(arcSweepDeg, 180) / 2) (the longest chord across the destroyed arc).',
  rigidity:
    'Ratios of a section through the lesion over an intact section, integrated analytically over the disc r <= outerRadius ' +
    'with E of each tissue from its nominal HU (shared/analysis/ctra-constants.ts laws): EA = int E dA; EI-min = smaller ' +
    'eigenvalue of the modulus-weighted second moments about the modulus-weighted centroid; GJ = int E r^2 dA / (2 (1 + nu)).',
} as const;

/** One bone of the phantom. */
export const PhantomBoneSchema = z.object({
  id: z.string().min(1),
  kind: z.enum(['femur', 'humerus']),
  side: SideSchema,
  /** Where the axis crosses the plane z = 0 (patient mm). */
  axisPointMm: z.tuple([z.number(), z.number(), z.number()]),
  tiltDeg: z.number().min(0).max(45),
  azimuthDeg: z.number(),
  outerRadiusMm: z.number().positive(),
  innerRadiusMm: z.number().positive(),
});
export type PhantomBone = z.infer<typeof PhantomBoneSchema>;

/** One lytic lesion, in its bone's frame. */
export const PhantomLesionSchema = z.object({
  id: z.string().min(1),
  boneId: z.string().min(1),
  arcStartDeg: z.number().min(0).lt(360),
  arcSweepDeg: z.number().gt(0).max(360),
  axialStartMm: z.number(),
  axialLengthMm: z.number().positive(),
  marrowDepthMm: z.number().min(0),
});
export type PhantomLesion = z.infer<typeof PhantomLesionSchema>;

/** The body around the bones: both thighs side by side, or one upper arm. */
export const PhantomLayoutSchema = z.enum(['thighs', 'arm']);

/** A rod of a calibration phantom lying along z under the body, of a known true HU. */
export const CalibrationRodSchema = z.object({
  centreMm: z.tuple([z.number(), z.number()]),
  radiusMm: z.number().positive(),
  hu: z.number(),
});
export type CalibrationRod = z.infer<typeof CalibrationRodSchema>;

/** What to render. */
export const BonePhantomSpecSchema = z.object({
  layout: PhantomLayoutSchema,
  columns: z.number().int().positive(),
  rows: z.number().int().positive(),
  pixelSpacingMm: z.number().positive(),
  sliceCount: z.number().int().positive(),
  sliceSpacingMm: z.number().positive(),
  tissues: TissueHuSchema,
  /** Sub-samples per voxel edge near a surface (1: none). */
  supersampling: z.number().int().min(1).max(8),
  seed: z.number().int(),
  bones: z.array(PhantomBoneSchema).min(1),
  lesions: z.array(PhantomLesionSchema),
  calibrationRods: z.array(CalibrationRodSchema).default([]),
  /** A scanner off its calibration: it stores interceptHu + slope x the true HU (before noise). */
  scanner: z.object({ slope: z.number().positive(), interceptHu: z.number() }).default({ slope: 1, interceptHu: 0 }),
});
export type BonePhantomSpec = z.infer<typeof BonePhantomSpecSchema>;
export type BonePhantomSpecInput = z.input<typeof BonePhantomSpecSchema>;

/** The analytic truth of one lesion: what a perfect analysis proposes, and a click inside the bone beside it. */
export const PhantomLesionTruthSchema = z.object({
  lesionId: z.string(),
  boneId: z.string(),
  click: z.tuple([z.number(), z.number(), z.number()]),
  circumferentialInvolvementPct: z.number(),
  axialInvolvementMm: z.number(),
  lesionWidthMm: z.number(),
  boneDiameterMm: z.number(),
  eaRatio: z.number(),
  eiMinRatio: z.number(),
  gjRatio: z.number(),
});
export type PhantomLesionTruth = z.infer<typeof PhantomLesionTruthSchema>;

/** The ground truth written beside a bone phantom. */
export const BonePhantomTruthSchema = z.object({
  schemaVersion: z.literal(1),
  conventions: z.record(z.string(), z.string()),
  spec: BonePhantomSpecSchema,
  lesions: z.array(PhantomLesionTruthSchema),
});
export type BonePhantomTruth = z.infer<typeof BonePhantomTruthSchema>;

/** Femoral and humeral shaft sizes (mm): an adult femur about 29 mm across with a 6 mm cortex, a humerus 22 and 4.5. */
export const SHAFT_SIZES = {
  femur: { outerRadiusMm: 14.5, innerRadiusMm: 8.5 },
  humerus: { outerRadiusMm: 11, innerRadiusMm: 6.5 },
} as const;

/** The upper arm of the 'arm' layout (mm): a disc of muscle in a ring of fat, the humerus a little off centre. */
export const ARM = { skinRadiusMm: 45, muscleRadiusMm: 38, humerusOffsetMm: [4, -3] as const } as const;
