import { z } from 'zod';
import { PatientPointSchema } from './bone-analysis-request';
import { CtraConstantsSchema } from './ctra-constants';

/**
 * The method's identity, carried by every computed value into the form, the scores' reasons and
 * the exports (DICOM: Algorithm Name and Algorithm Version). Bump the version whenever a change
 * could move a figure.
 */
export const BONE_ANALYSIS_METHOD = {
  algorithmName: 'BoneMet cortical involvement and CT rigidity analysis',
  algorithmVersion: '1.0.0',
} as const;

const UnitDirectionSchema = z.tuple([z.number(), z.number(), z.number()]);

/** How each proposed figure is defined; exported with the values so that nobody has to guess. */
export const FIGURE_DEFINITIONS = {
  section:
    'Cross-sections perpendicular to the bone axis, one every sectionSpacingMm. On each, 360 rays from the ring centre; ' +
    'a ray has intact cortex when its highest HU reaches half-way between the soft tissue level and the intact cortical peak ' +
    'of the bone around it (half maximum, so partial volume does not bias arc ends); arc ends are interpolated between rays. ' +
    'Angles: theta = atan2(v, u) in degrees, u = patient +x (left) projected onto the section, v = axis x u.',
  circumferentialInvolvementPct: 'Destroyed arc / full circumference x 100, on the section where the region destroys most.',
  axialInvolvementMm: 'Length along the bone axis of the sections the region covers: section count x sectionSpacingMm.',
  lesionWidthMm:
    "Mirels' lesion width: the longest chord between two destroyed points of the periosteal circle on the worst section " +
    '(2R sin(arc/2) for an arc up to 180 degrees, the diameter beyond).',
  boneDiameterMm: "Mirels' bone diameter: the periosteal ring diameter on the same section (size fraction = width / diameter).",
  region: 'The connected region (sections x angles, 8-connected, wrapping round) of destroyed cortex nearest the click.',
  rigidity:
    'Per section, over the pixels inside the periosteal surface: EA = sum E dA, EI-min = smallest eigenvalue of the ' +
    'modulus-weighted second-moment tensor about the modulus-weighted centroid, GJ = sum G r^2 dA with G = E / (2 (1 + nu)). ' +
    'Ratios are lesion side over reference at the same level; the lowest counts.',
} as const;

/** One destroyed arc on a section, with the four points the cortical-arc tool takes (centre, end, end, destroyed side). */
export const SectionArcSchema = z.object({
  startDeg: z.number(),
  /** Greater than startDeg; may exceed 360 when the arc crosses 0. */
  endDeg: z.number(),
  sweepDeg: z.number().min(0).max(360),
  /** The destruction region the arc belongs to (see regions). */
  regionId: z.number().int().nonnegative(),
  toolPoints: z.tuple([PatientPointSchema, PatientPointSchema, PatientPointSchema, PatientPointSchema]),
});
export type SectionArc = z.infer<typeof SectionArcSchema>;

/** One cross-section of the bone: where it lies, its cortex and its rigidity. */
export const BoneSectionSchema = z.object({
  index: z.number().int().nonnegative(),
  /** Distance along the axis from the click's projection (mm), positive along axis.direction. */
  position: z.number(),
  /** The ring centre, in patient coordinates: the section's plane passes through it, normal to the axis. */
  centre: PatientPointSchema,
  periostealRadiusMm: z.number().positive(),
  endostealRadiusMm: z.number().nonnegative().nullable(),
  /** All destroyed cortex on this section, whichever region it belongs to. */
  circumferentialInvolvementPct: z.number().min(0).max(100),
  cortexIntact: z.boolean(),
  ea: z.number().nonnegative(),
  eiMin: z.number().nonnegative(),
  gj: z.number().nonnegative(),
  eaRatio: z.number().nonnegative().nullable(),
  eiMinRatio: z.number().nonnegative().nullable(),
  gjRatio: z.number().nonnegative().nullable(),
  arcs: z.array(SectionArcSchema),
});
export type BoneSection = z.infer<typeof BoneSectionSchema>;

/** The bone's straight long axis and the in-plane directions of its sections. */
export const BoneAxisSchema = z.object({
  /** The click projected onto the axis: position 0. */
  point: PatientPointSchema,
  direction: UnitDirectionSchema,
  u: UnitDirectionSchema,
  v: UnitDirectionSchema,
  angleToSliceNormalDeg: z.number(),
  sectionSpacingMm: z.number().positive(),
  /** From the first to the last section analysed. */
  lengthMm: z.number().nonnegative(),
});
export type BoneAxis = z.infer<typeof BoneAxisSchema>;

/** A connected region of destroyed cortex. */
export const DestructionRegionSchema = z.object({
  id: z.number().int().nonnegative(),
  firstSection: z.number().int().nonnegative(),
  lastSection: z.number().int().nonnegative(),
  /** Where the region destroys the largest share of the circumference. */
  worstSection: z.number().int().nonnegative(),
  worstPct: z.number(),
  /** From the click to the nearest destroyed cortex of the region, mm. */
  distanceFromClickMm: z.number().nonnegative(),
});
export type DestructionRegion = z.infer<typeof DestructionRegionSchema>;

/** Where a lowest rigidity ratio lies. */
export const RatioLocationSchema = z.object({
  sectionIndex: z.number().int().nonnegative(),
  position: z.number(),
  point: PatientPointSchema,
});

/** The contralateral bone's profile, for the plot beside the lesion's. */
export const ReferenceProfileSchema = z.object({
  kind: z.enum(['contralateral', 'own-sections', 'none']),
  /** How the contralateral bone was found. */
  foundBy: z.enum(['mirrored', 'second-click']).nullable(),
  seed: PatientPointSchema.nullable(),
  /** Per lesion-side section, the reference values at the same level (null where there is none). */
  sections: z.array(z.object({ index: z.number().int(), ea: z.number().nullable(), eiMin: z.number().nullable(), gj: z.number().nullable() })),
  note: z.string(),
});

/** The rigidity verdict: lowest ratios, where, the flag and every constant, labelled experimental. */
export const RigidityVerdictSchema = z.object({
  experimental: z.literal(true),
  eaRatio: z.number().nullable(),
  eiMinRatio: z.number().nullable(),
  gjRatio: z.number().nullable(),
  /** The lowest of the three ratios, and which it is. */
  at: RatioLocationSchema.extend({ governing: z.enum(['ea', 'eiMin', 'gj']) }).nullable(),
  lowestAt: z.object({ ea: RatioLocationSchema.nullable(), eiMin: RatioLocationSchema.nullable(), gj: RatioLocationSchema.nullable() }),
  flagged: z.boolean(),
  constants: CtraConstantsSchema,
});

/** Everything one analysis proposes, with the profile it was derived from. */
export const BoneAnalysisResultSchema = z.object({
  method: z.object({ algorithmName: z.string(), algorithmVersion: z.string() }),
  seriesInstanceUid: z.string(),
  at: PatientPointSchema,
  axis: BoneAxisSchema,
  sections: z.array(BoneSectionSchema),
  regions: z.array(DestructionRegionSchema),
  /** The region the figures below describe (nearest the click), or null when no cortex is destroyed. */
  regionId: z.number().int().nonnegative().nullable(),
  circumferentialInvolvementPct: z.number().nullable(),
  axialInvolvementMm: z.number().nullable(),
  lesionWidthMm: z.number().nullable(),
  boneDiameterMm: z.number().positive(),
  /** The section each figure was taken on (first and last for the axial extent). */
  takenOn: z.object({
    circumferentialInvolvementPct: z.number().int().nullable(),
    axialInvolvementMm: z.object({ first: z.number().int(), last: z.number().int() }).nullable(),
    lesionWidthMm: z.number().int().nullable(),
    boneDiameterMm: z.number().int(),
  }),
  rigidity: RigidityVerdictSchema,
  reference: ReferenceProfileSchema,
  definitions: z.record(z.string(), z.string()),
  notes: z.array(z.string()),
  seconds: z.number().nonnegative(),
});
export type BoneAnalysisResult = z.infer<typeof BoneAnalysisResultSchema>;
