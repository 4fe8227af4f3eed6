import { snapshot, statsOf, type AnnotationChange, type AnnotationSnapshot, type ImageReference } from './annotation-snapshot';
import { ExternalStore } from './external-store';
import { changeOnEvent, type ToolEvent } from './feed-changes';
import { ANNOTATION_TOOLS } from './tools';

type Core = typeof import('@cornerstonejs/core');
type ToolsModule = typeof import('@cornerstonejs/tools');
type Annotation = import('@cornerstonejs/tools').Types.Annotation;
type ChangeListener = (change: AnnotationChange) => void;

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
    // Each event means a change, or none, by what the feed has seen of its annotation.
    const on = (toolEvent: ToolEvent) => (event: Event) => {
      const annotation = relevant(event);
      if (!annotation) return;
      const uid = annotation.annotationUID!;
      const kind = changeOnEvent(toolEvent, { known: this.known.has(uid), removed: this.removed.has(uid) });
      if (kind) this.emit(kind, annotation);
    };
    const onSelection = () => this.list.update({ selected: [...(tools.annotation.selection.getAnnotationsSelected() ?? [])] });
    const pairs: [string, (event: Event) => void][] = [
      [Events.ANNOTATION_SELECTION_CHANGE, onSelection],
      [Events.ANNOTATION_COMPLETED, on('completed')],
      [Events.ANNOTATION_ADDED, on('added')],
      [Events.ANNOTATION_MODIFIED, on('modified')],
      [Events.ANNOTATION_REMOVED, on('removed')],
    ];
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
