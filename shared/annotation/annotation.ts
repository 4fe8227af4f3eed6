import { z } from 'zod';
import { DicomUidSchema } from '../dicom/uid';

/**
 * Version of the persisted annotation record; bump with every change to the schema below.
 * 2: an annotation lies on a source image or on a reformat plane (v1 knew only source images).
 */
export const ANNOTATION_SCHEMA_VERSION = 2;

/** The drawing tools whose annotations are kept (Cornerstone tool names, plus our own). */
export const AnnotationToolSchema = z.enum([
  'Length',
  'Bidirectional',
  'EllipticalROI',
  'CircleROI',
  'RectangleROI',
  'PlanarFreehandROI',
  'Angle',
  'Probe',
  'ArrowAnnotate',
  'CorticalInvolvement',
]);
export type AnnotationTool = z.infer<typeof AnnotationToolSchema>;

/**
 * The farthest a drawn point lies from its frame of reference's origin, in mm. A scanner's origin
 * is within metres of the patient; the SR writes points as 32-bit floats (SCOORD3D), which hold
 * nothing beyond 3.4e38 and no mm detail beyond about 1e7: a point past this bound was a
 * drawing no report could carry, and its SR could not be restored.
 */
export const MAX_COORDINATE_MM = 1_000_000;

/** A point in patient (frame-of-reference) coordinates, millimetres. */
export const WorldPointSchema = z.tuple([z.number().finite(), z.number().finite(), z.number().finite()]);
export type WorldPoint = z.infer<typeof WorldPointSchema>;

/** A direction in patient coordinates: three components of length 1 (to 1e-3). */
export const UnitVectorSchema = z
  .tuple([z.number().finite(), z.number().finite(), z.number().finite()])
  .refine((v) => Math.abs(Math.hypot(...v) - 1) <= 1e-3, { message: 'must be a unit vector (length 1)' });
export type UnitVector = z.infer<typeof UnitVectorSchema>;

/**
 * One drawn annotation, keyed by DICOM UIDs and world coordinates: never by a Cornerstone
 * imageId, which changes from session to session. It lies either on a source image (its SOP
 * instance and frame) or on a reformat plane of the series' volume (frame of reference, plane
 * normal and view-up): exactly one of the two.
 */
export const AnnotationSchema = z
  .object({
    schemaVersion: z.literal(ANNOTATION_SCHEMA_VERSION),
    id: z.uuid(),
    lesionId: z.uuid().nullable(),
    studyInstanceUid: DicomUidSchema,
    seriesInstanceUid: DicomUidSchema,
    /** The source image it lies on; null for a drawing on a reformat plane. */
    sopInstanceUid: DicomUidSchema.nullable(),
    /** 1-based frame of a multi-frame instance; 1 otherwise; null on a reformat plane. */
    frameNumber: z.number().int().positive().nullable(),
    frameOfReferenceUid: DicomUidSchema.nullable(),
    /** The reformat plane's normal (towards the viewer), null on a source image. */
    viewPlaneNormal: UnitVectorSchema.nullable(),
    /** The reformat's up direction on screen, null on a source image. */
    viewUp: UnitVectorSchema.nullable(),
    tool: AnnotationToolSchema,
    points: z.array(WorldPointSchema).min(1).max(10_000),
    text: z.string().max(2000).nullable(),
    /** What the tool measured when it was drawn (mm, mm2, %, HU...), shown without re-rendering. */
    measurements: z.record(z.string().max(64), z.number().finite()),
    reader: z.string().min(1),
    createdAt: z.iso.datetime({ offset: true }),
    updatedAt: z.iso.datetime({ offset: true }),
  })
  .strict()
  .superRefine((a, ctx) => {
    const onImage = a.sopInstanceUid !== null && a.frameNumber !== null;
    const onPlane = a.frameOfReferenceUid !== null && a.viewPlaneNormal !== null && a.viewUp !== null;
    const imageFields = [a.sopInstanceUid, a.frameNumber].filter((v) => v !== null).length;
    const planeFields = [a.viewPlaneNormal, a.viewUp].filter((v) => v !== null).length;
    if (onImage && planeFields === 0) return;
    if (onPlane && imageFields === 0) {
      if (Math.abs(a.viewPlaneNormal![0] * a.viewUp![0] + a.viewPlaneNormal![1] * a.viewUp![1] + a.viewPlaneNormal![2] * a.viewUp![2]) > 1e-3) {
        ctx.addIssue({ code: 'custom', path: ['viewUp'], message: 'viewUp must lie in the plane (perpendicular to viewPlaneNormal)' });
      }
      return;
    }
    ctx.addIssue({
      code: 'custom',
      path: ['sopInstanceUid'],
      message:
        'An annotation lies on exactly one of: a source image (sopInstanceUid and frameNumber, no plane) or a reformat plane ' +
        '(frameOfReferenceUid, viewPlaneNormal and viewUp, with sopInstanceUid and frameNumber null).',
    });
  });
export type Annotation = z.infer<typeof AnnotationSchema>;

/** An annotation on a source image (the schema's refinement guarantees the pairing). */
export type ImageAnnotation = Annotation & { sopInstanceUid: string; frameNumber: number };
/** An annotation on a reformat plane. */
export type PlaneAnnotation = Annotation & { sopInstanceUid: null; frameNumber: null; frameOfReferenceUid: string; viewPlaneNormal: UnitVector; viewUp: UnitVector };

/** Whether an annotation lies on a reformat plane rather than on a source image. */
export function isPlaneAnnotation(a: Annotation): a is PlaneAnnotation {
  return a.sopInstanceUid === null;
}

/** Whether an annotation lies on a source image (its SOP instance and frame). */
export function isImageAnnotation(a: Annotation): a is ImageAnnotation {
  return a.sopInstanceUid !== null && a.frameNumber !== null;
}

// v1 records (written before reformat planes) lay on source images: the same fields, no plane.
function upgradeStored(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || (value as { schemaVersion?: unknown }).schemaVersion !== 1) return value;
  return { ...value, schemaVersion: ANNOTATION_SCHEMA_VERSION, viewPlaneNormal: null, viewUp: null };
}

/**
 * An annotation as a door saves or restores it: its points within MAX_COORDINATE_MM of the origin.
 * Only writes are bounded: a drawing stored before the bound is still read, and its study's
 * drawings and lesions with it, so that nothing saved is lost (its SR, in 32-bit coordinates,
 * still cannot carry it back).
 */
export const AnnotationToSaveSchema = AnnotationSchema.superRefine((a, ctx) => {
  a.points.forEach((point, i) =>
    point.forEach((v, axis) => {
      if (Math.abs(v) > MAX_COORDINATE_MM) ctx.addIssue({ code: 'custom', path: ['points', i, axis], message: `a drawn point lies within ${MAX_COORDINATE_MM} mm (1 km) of the frame of reference's origin: check the unit is mm` });
    }),
  );
});

/** A stored annotation of any released version, read as the current one. */
export const StoredAnnotationSchema = z.preprocess(upgradeStored, AnnotationSchema);
