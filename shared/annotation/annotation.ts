import { z } from 'zod';
import { DicomUidSchema } from '../dicom/uid';

/** Version of the persisted annotation record; bump with every change to the schema below. */
export const ANNOTATION_SCHEMA_VERSION = 1;

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

/** A point in patient (frame-of-reference) coordinates, millimetres. */
export const WorldPointSchema = z.tuple([z.number().finite(), z.number().finite(), z.number().finite()]);
export type WorldPoint = z.infer<typeof WorldPointSchema>;

/**
 * One drawn annotation, keyed by DICOM UIDs and world coordinates: never by a Cornerstone
 * imageId, which changes from session to session.
 */
export const AnnotationSchema = z
  .object({
    schemaVersion: z.literal(ANNOTATION_SCHEMA_VERSION),
    id: z.uuid(),
    lesionId: z.uuid().nullable(),
    studyInstanceUid: DicomUidSchema,
    seriesInstanceUid: DicomUidSchema,
    sopInstanceUid: DicomUidSchema,
    /** 1-based frame of a multi-frame instance; 1 otherwise. */
    frameNumber: z.number().int().positive(),
    frameOfReferenceUid: DicomUidSchema.nullable(),
    tool: AnnotationToolSchema,
    points: z.array(WorldPointSchema).min(1).max(10_000),
    text: z.string().max(2000).nullable(),
    /** What the tool measured when it was drawn (mm, mm2, %, HU...), shown without re-rendering. */
    measurements: z.record(z.string().max(64), z.number().finite()),
    reader: z.string().min(1),
    createdAt: z.iso.datetime({ offset: true }),
    updatedAt: z.iso.datetime({ offset: true }),
  })
  .strict();
export type Annotation = z.infer<typeof AnnotationSchema>;
