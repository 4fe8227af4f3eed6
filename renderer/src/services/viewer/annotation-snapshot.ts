import type { Types as CoreTypes } from '@cornerstonejs/core';

type Annotation = import('@cornerstonejs/tools').Types.Annotation;

/** Where an annotation was drawn, by DICOM identity (never a session-bound Cornerstone image id). */
export interface ImageReference {
  seriesInstanceUid: string;
  sopInstanceUid: string;
  frame: number | null;
}

/** An annotation as the rest of the app sees it: world (patient) coordinates in mm, stats, text. */
export interface AnnotationSnapshot {
  annotationUid: string;
  toolName: string;
  frameOfReferenceUid: string | null;
  /** The image it lies on (stack viewports); null for one drawn on a reformat. */
  image: ImageReference | null;
  viewPlaneNormal: CoreTypes.Point3 | null;
  /** The view's up direction when it was drawn (a reformat's plane is normal + up). */
  viewUp: CoreTypes.Point3 | null;
  points: CoreTypes.Point3[];
  /** The tool's own figures for the image: length, area, mean, stdDev, min, max, angle, value, units. */
  stats: Record<string, number | string>;
  text: string | null;
}

/** One change, for the persistence to follow (it stores these in SQLite). */
export interface AnnotationChange {
  kind: 'added' | 'modified' | 'removed';
  annotation: AnnotationSnapshot;
}

/** A tool's figures for the image it was measured on: numbers and words only. */
export function statsOf(annotation: Annotation): Record<string, number | string> {
  const { cachedStats } = annotation.data as { cachedStats?: Record<string, Record<string, unknown>> };
  // Cornerstone may list an entry with every value null before the one it computed.
  const entries = Object.values(cachedStats ?? {});
  const firstStats = entries.find((e) => Object.values(e).some((v) => typeof v === 'number')) ?? entries[0] ?? {};
  return Object.fromEntries(Object.entries(firstStats).filter(([, v]) => typeof v === 'number' || typeof v === 'string')) as Record<string, number | string>;
}

/**
 * An annotation of Cornerstone's state as the app keeps it: its points (a contour's polyline, else
 * its handles) in world mm, its figures and words, and the image it lies on by DICOM identity.
 * @param annotation - a Cornerstone annotation (plain data: no Cornerstone call is made)
 * @param resolve - the DICOM identity of a Cornerstone image id, or null when unknown
 */
export function snapshot(annotation: Annotation, resolve: (imageId: string) => ImageReference | null): AnnotationSnapshot {
  const data = annotation.data as { handles?: { points?: CoreTypes.Point3[] }; contour?: { polyline?: CoreTypes.Point3[] }; text?: string; label?: string };
  const stats = statsOf(annotation);
  const points = data.contour?.polyline?.length ? data.contour.polyline : (data.handles?.points ?? []);
  const metadata = annotation.metadata ?? { toolName: 'unknown' };
  return {
    annotationUid: annotation.annotationUID!,
    toolName: metadata.toolName,
    frameOfReferenceUid: metadata.FrameOfReferenceUID ?? null,
    image: metadata.referencedImageId ? resolve(metadata.referencedImageId) : null,
    viewPlaneNormal: (metadata.viewPlaneNormal as CoreTypes.Point3 | undefined) ?? null,
    viewUp: (metadata.viewUp as CoreTypes.Point3 | undefined) ?? null,
    points: points.map((p) => [p[0], p[1], p[2]] as CoreTypes.Point3),
    stats,
    // Arrow annotations keep their words in data.label (5.x); older tools used data.text.
    text: data.label || data.text || null,
  };
}
