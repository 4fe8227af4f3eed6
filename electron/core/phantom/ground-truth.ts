import { z } from 'zod';
import { DicomUidSchema } from '@shared/dicom/uid';

// Conventions, stated once and copied into every ground-truth.json so that a
// reader of the file never has to guess them.
export const ARC_CONVENTION =
  'Angles in degrees in the axial plane about the femur centre, in patient (LPS) coordinates: ' +
  'theta = atan2(y - cy, x - cx); 0 = patient left (+x), 90 = posterior (+y), 180 = patient right, ' +
  '270 = anterior. The arc runs from arcStartDeg in increasing theta to arcEndDeg; arcStartDeg is in ' +
  '[0, 360) and arcEndDeg in (arcStartDeg, arcStartDeg + 360], so an arc crossing 0 has arcEndDeg > 360. ' +
  'With ImageOrientationPatient 1\\0\\0\\0\\1\\0, increasing theta turns clockwise on screen.';
export const AXIAL_CONVENTION =
  'A slice is involved when its centre z lies in the lesion z range. zStartMm/zEndMm are the outer ' +
  'faces of the involved slabs (first involved centre - spacing/2, last + spacing/2), so ' +
  'axialExtentMm = zEndMm - zStartMm = involvedSliceCount x sliceSpacingMm.';
export const SIZE_CONVENTION =
  'inPlaneMaxDimensionMm is the largest distance between two points of the tumour annular sector on an ' +
  'axial slice; largestDimensionMm = max(axialExtentMm, inPlaneMaxDimensionMm). centreMm is the point at ' +
  'the middle angle of the arc, halfway between the tumour inner and outer radius, at the middle of the z range.';

/** Which thigh; patient left is +x in LPS. */
export const SideSchema = z.enum(['left', 'right']);
export type Side = z.infer<typeof SideSchema>;

/** A requested lytic lesion: the cortex and marrow within the arc and z range become tumour. */
export const LesionSpecSchema = z
  .object({
    id: z.string().min(1),
    side: SideSchema,
    arcStartDeg: z.number().min(0).lt(360),
    arcEndDeg: z.number(),
    zStartMm: z.number(),
    zEndMm: z.number(),
    /** How far below the endosteal surface the tumour replaces marrow. */
    marrowDepthMm: z.number().min(0).default(3),
  })
  .refine((l) => l.arcEndDeg > l.arcStartDeg && l.arcEndDeg <= l.arcStartDeg + 360, 'arc must satisfy start < end <= start + 360')
  .refine((l) => l.zEndMm >= l.zStartMm, 'zEndMm must be >= zStartMm');
export type LesionSpecInput = z.input<typeof LesionSpecSchema>;
export type LesionSpec = z.output<typeof LesionSpecSchema>;

/** One femur: a straight cortical tube along z. */
export const FemurTruthSchema = z.object({
  side: SideSchema,
  centreXMm: z.number(),
  centreYMm: z.number(),
  outerRadiusMm: z.number().positive(),
  innerRadiusMm: z.number().positive(),
});
export type FemurTruth = z.infer<typeof FemurTruthSchema>;

const Vec3Schema = z.object({ x: z.number(), y: z.number(), z: z.number() });

/** Image geometry shared by every slice of the series. */
export const GeometryTruthSchema = z.object({
  rows: z.number().int().positive(),
  columns: z.number().int().positive(),
  /** Row spacing then column spacing, as in PixelSpacing. */
  pixelSpacingMm: z.tuple([z.number().positive(), z.number().positive()]),
  sliceThicknessMm: z.number().positive(),
  sliceSpacingMm: z.number().positive(),
  sliceCount: z.number().int().positive(),
  firstSliceZMm: z.number(),
  imageOrientationPatient: z.tuple([z.number(), z.number(), z.number(), z.number(), z.number(), z.number()]),
  /** ImagePositionPatient of the first slice: centre of its top-left pixel. */
  firstImagePositionPatient: z.tuple([z.number(), z.number(), z.number()]),
  slicePositionsZMm: z.array(z.number()),
});
export type GeometryTruth = z.infer<typeof GeometryTruthSchema>;

/** Nominal HU of each tissue before noise. */
export const TissueHuSchema = z.object({
  air: z.number(),
  fat: z.number(),
  muscle: z.number(),
  marrow: z.number(),
  cortex: z.number(),
  tumour: z.number(),
  noiseSdHu: z.number().min(0),
});
export type TissueHu = z.infer<typeof TissueHuSchema>;

/** One lesion as the pixels show it. */
export const LesionTruthSchema = z.object({
  id: z.string(),
  bone: z.literal('femur'),
  side: SideSchema,
  region: z.literal('diaphysis'),
  nature: z.literal('lytic'),
  arcStartDeg: z.number(),
  arcEndDeg: z.number(),
  circumferentialFraction: z.number().min(0).max(1),
  zStartMm: z.number(),
  zEndMm: z.number(),
  axialExtentMm: z.number().positive(),
  involvedSliceIndices: z.object({ first: z.number().int().min(0), last: z.number().int().min(0) }),
  involvedSliceCount: z.number().int().positive(),
  tumourInnerRadiusMm: z.number().min(0),
  tumourOuterRadiusMm: z.number().positive(),
  inPlaneMaxDimensionMm: z.number().positive(),
  largestDimensionMm: z.number().positive(),
  centreMm: Vec3Schema,
});
export type LesionTruth = z.infer<typeof LesionTruthSchema>;

/** One written slice. */
export const SliceTruthSchema = z.object({
  index: z.number().int().min(0),
  instanceNumber: z.number().int().positive(),
  sopInstanceUid: DicomUidSchema,
  fileName: z.string(),
  zMm: z.number(),
});

/** Everything the phantom generator knows about the study it wrote (ground-truth.json). */
export const PhantomGroundTruthSchema = z.object({
  schemaVersion: z.literal(1),
  conventions: z.object({ arc: z.string(), axial: z.string(), size: z.string() }),
  seed: z.number().int(),
  patient: z.object({ name: z.string(), id: z.string() }),
  studyDate: z.string().regex(/^\d{8}$/),
  studyInstanceUid: DicomUidSchema,
  seriesInstanceUid: DicomUidSchema,
  frameOfReferenceUid: DicomUidSchema,
  geometry: GeometryTruthSchema,
  tissues: TissueHuSchema,
  femora: z.array(FemurTruthSchema),
  lesions: z.array(LesionTruthSchema),
  slices: z.array(SliceTruthSchema),
});
export type PhantomGroundTruth = z.infer<typeof PhantomGroundTruthSchema>;
