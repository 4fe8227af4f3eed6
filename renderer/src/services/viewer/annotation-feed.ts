import type { Types as CoreTypes } from '@cornerstonejs/core';
import { ExternalStore } from './external-store';
import { ANNOTATION_TOOLS } from './tools';

type Core = typeof import('@cornerstonejs/core');
type ToolsModule = typeof import('@cornerstonejs/tools');
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

/** One change, for a persistence layer to follow (a later issue stores these in SQLite). */
export interface AnnotationChange {
  kind: 'added' | 'modified' | 'removed';
  annotation: AnnotationSnapshot;
}

type ChangeListener = (change: AnnotationChange) => void;

/** A tool's figures for the image it was measured on: numbers and words only. */
function statsOf(annotation: Annotation): Record<string, number | string> {
  const { cachedStats } = annotation.data as { cachedStats?: Record<string, Record<string, unknown>> };
  // Cornerstone may list an entry with every value null before the one it computed.
  const entries = Object.values(cachedStats ?? {});
  const firstStats = entries.find((e) => Object.values(e).some((v) => typeof v === 'number')) ?? entries[0] ?? {};
  return Object.fromEntries(Object.entries(firstStats).filter(([, v]) => typeof v === 'number' || typeof v === 'string')) as Record<string, number | string>;
}

function snapshot(annotation: Annotation, resolve: (imageId: string) => ImageReference | null): AnnotationSnapshot {
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

/**
 * The seam between Cornerstone's live annotations and the app: follows the tools' events and
 * emits added / modified / removed (an annotation counts once it is completed, and again when an
 * undo brings it back), and keeps the current list for the measurement panel.
 */
export class AnnotationFeed {
  /** The annotations drawn so far and the ones Cornerstone has selected (what Delete removes). */
  readonly list = new ExternalStore<{ annotations: AnnotationSnapshot[]; selected: string[] }>({ annotations: [], selected: [] });
  private readonly listeners = new Set<ChangeListener>();
  private readonly known = new Map<string, AnnotationSnapshot>();
  private readonly removed = new Set<string>();
  private detach: (() => void) | null = null;

  constructor(private readonly resolveImage: (imageId: string) => ImageReference | null) {}

  /** Starts following the tools' annotation events. */
  start(cs: Core, tools: ToolsModule): void {
    const { Events } = tools.Enums;
    const relevant = (event: Event) => {
      const annotation = (event as CustomEvent<{ annotation?: Annotation }>).detail?.annotation;
      return annotation && (ANNOTATION_TOOLS as readonly string[]).includes(annotation.metadata?.toolName ?? '') ? annotation : null;
    };
    const onCompleted = (event: Event) => {
      const annotation = relevant(event);
      if (annotation) this.emit(this.known.has(annotation.annotationUID!) ? 'modified' : 'added', annotation);
    };
    const onAdded = (event: Event) => {
      const annotation = relevant(event);
      if (annotation && this.removed.has(annotation.annotationUID!)) this.emit('added', annotation);
    };
    const onModified = (event: Event) => {
      const annotation = relevant(event);
      if (annotation && this.known.has(annotation.annotationUID!)) this.emit('modified', annotation);
    };
    const onRemoved = (event: Event) => {
      const annotation = relevant(event);
      if (annotation && this.known.has(annotation.annotationUID!)) this.emit('removed', annotation);
    };
    const onSelection = () => this.list.update({ selected: [...(tools.annotation.selection.getAnnotationsSelected() ?? [])] });
    const pairs: [string, (event: Event) => void][] = [
      [Events.ANNOTATION_SELECTION_CHANGE, onSelection],
      [Events.ANNOTATION_COMPLETED, onCompleted],
      [Events.ANNOTATION_ADDED, onAdded],
      [Events.ANNOTATION_MODIFIED, onModified],
      [Events.ANNOTATION_REMOVED, onRemoved],
    ];
    // Annotations outlive a viewer page in Cornerstone's state: list the ones already there.
    for (const annotation of tools.annotation.state.getAllAnnotations()) {
      if ((ANNOTATION_TOOLS as readonly string[]).includes(annotation.metadata?.toolName ?? '')) this.known.set(annotation.annotationUID!, snapshot(annotation, this.resolveImage));
    }
    this.list.update({ annotations: [...this.known.values()] });
    pairs.forEach(([name, handler]) => cs.eventTarget.addEventListener(name, handler));
    this.detach = () => pairs.forEach(([name, handler]) => cs.eventTarget.removeEventListener(name, handler));
  }

  /**
   * Reports the figures that changed since last seen. Tools sometimes compute stats while drawing,
   * without an event (a restored annotation whose image was still loading); the session calls this
   * after each annotation render of a viewport (that event goes to the element, not the page).
   * @param tools - the tools module
   */
  refreshStats(tools: ToolsModule): void {
    for (const [uid, known] of this.known) {
      const annotation = tools.annotation.state.getAnnotation(uid);
      // Runs on every annotation render (scroll, pan, drag): compare the figures only, no snapshot.
      if (annotation && JSON.stringify(statsOf(annotation)) !== JSON.stringify(known.stats)) this.emit('modified', annotation);
    }
  }

  /**
   * Lists annotations put back into Cornerstone's state from storage, without reporting them as
   * changes (they are saved already, and restoring them is no step to undo).
   * @param tools - the tools module
   * @param uids - the restored annotations' UIDs
   */
  adopt(tools: ToolsModule, uids: readonly string[]): void {
    for (const uid of uids) {
      const annotation = tools.annotation.state.getAnnotation(uid);
      if (annotation) this.known.set(uid, snapshot(annotation, this.resolveImage));
    }
    this.list.update({ annotations: [...this.known.values()] });
  }

  /** Stops following events and forgets every listener. */
  stop(): void {
    this.detach?.();
    this.detach = null;
    this.listeners.clear();
  }

  /** Calls a listener on every change; returns the unsubscribe function. */
  onChange(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(kind: AnnotationChange['kind'], annotation: Annotation): void {
    const snap = snapshot(annotation, this.resolveImage);
    if (kind === 'removed') {
      this.known.delete(snap.annotationUid);
      this.removed.add(snap.annotationUid);
    } else {
      this.known.set(snap.annotationUid, snap);
      this.removed.delete(snap.annotationUid);
    }
    this.list.update({ annotations: [...this.known.values()] });
    this.listeners.forEach((listener) => listener({ kind, annotation: snap }));
  }
}
