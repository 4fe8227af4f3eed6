import { isPlaneAnnotation, type Annotation } from '@shared/annotation/annotation';
import { cross } from '@shared/geometry/vector3';
import { call } from '../../api/client';
import type { AnnotationChange, AnnotationSnapshot } from './annotation-snapshot';
import { sameDrawing, toAnnotationRecord } from './annotation-record';
import { ExternalStore } from './external-store';
import { planeViewports } from './plane-jump';
import { restoreAnnotation } from './restore-annotation';
import { loadStacksOf } from './restore-stacks';
import { SaveQueue } from './save-queue';
import { mayPassOnRetry, SaveRetries } from './save-retries';
import { forgetSeriesStack, loadSeriesStack, type SeriesStack } from './series-stack';
import type { ViewerSession } from './viewer-session';

/** What the measurement panel shows about saving. */
export interface PersistenceState {
  /** Saves and deletions not yet answered by the store. */
  pending: number;
  /** True once the study's stored annotations are back on their images. */
  loaded: boolean;
  /** The stored records by annotation id (the lesion panel reads the lesion links here). */
  records: ReadonlyMap<string, Annotation>;
  /** Drawings that are shown but not saved, with the reason. */
  unsaved: ReadonlyMap<string, string>;
  /** Ids of other readers' drawings that are hidden now. */
  hidden: ReadonlySet<string>;
}

const SAVING = 'Saving the annotation failed';
const SIGN_IN_FIRST = 'not saved yet: sign in (reader chip in the header) and it will be';

/** Why a drawing whose save failed is not saved, and how it will be. */
function saveFailed(error: unknown, retried: boolean): string {
  const message = (error instanceof Error ? error.message : String(error)).replace(/\.$/, '');
  return `not saved: ${message}. ${retried ? 'Saving it again by itself in a few seconds.' : 'It is saved again at its next change.'}`;
}

/** A state with nothing restored, saved or hidden yet (fresh collections each time). */
function emptyState(): PersistenceState {
  return { pending: 0, loaded: false, records: new Map(), unsaved: new Map(), hidden: new Set() };
}

/** The slice of a stack a stored record lies on, if the stack holds it. */
function sliceOf(stack: SeriesStack | null, record: Annotation) {
  return stack?.slices.find((s) => s.sopInstanceUid === record.sopInstanceUid && (s.frame ?? 1) === record.frameNumber);
}

/**
 * Resolves once the saves of the viewer pages left before have run: a page lists its study's
 * drawings from the store after them, so that a drawing saved while the reader moved on is there.
 */
let savesOfPagesLeft: Promise<void> = Promise.resolve();

/** The state shown before a persistence exists (nothing loaded, nothing pending). */
export const NO_PERSISTENCE = new ExternalStore<PersistenceState>(emptyState());

/** Callbacks for what the reader must be told. */
export interface PersistenceEvents {
  /** The reader's initials, or null before anyone signed in. */
  reader(): string | null;
  error(error: unknown, context: string): void;
  note(text: string): void;
}

/** The series a retrieve in this page is still bringing from the PACS (the PACS feature's store). */
export interface SeriesArrivals {
  /** Whether a retrieve in this page is still bringing the series. */
  arriving(seriesUid: string): boolean;
  /** Resolves once no retrieve brings the series any more, or at once when `signal` aborts. */
  whenArrived(seriesUid: string, signal: AbortSignal): Promise<void>;
}

/**
 * Keeps a study's annotations in SQLite: every change the feed reports is saved (or deleted) under
 * the annotation's UUID, in order; opening the viewer puts the stored ones back on their images.
 */
export class AnnotationPersistence {
  readonly state = new ExternalStore<PersistenceState>(emptyState());
  // A failed save leaves its drawing marked unsaved (with the reason) until a later save succeeds;
  // one that may pass unchanged (the database busy, the host out of reach) is tried again by itself.
  private readonly retries = new SaveRetries<string>((id) => this.saveAgain(id));
  private readonly saves = new SaveQueue<string>({
    failed: (id, error, context) => {
      // Told once per drawing, not at each try again.
      if (id === null || !this.retries.retrying(id)) this.events.error(error, context);
      if (id === null || context !== SAVING) return;
      const retried = mayPassOnRetry(error);
      this.setUnsaved(id, saveFailed(error, retried));
      if (retried) this.retries.schedule(id);
      else this.retries.forget(id);
    },
    pending: (pending) => this.state.update({ pending }),
  });
  private stopFeed: () => void = () => undefined;
  private readonly stopping = new AbortController();
  private showOthers = false;

  constructor(
    private readonly session: ViewerSession,
    private readonly studyInstanceUid: string,
    private readonly events: PersistenceEvents,
    private readonly arrivals: SeriesArrivals,
  ) {}

  /** Restores the study's stored annotations, then follows the feed. */
  async start(): Promise<void> {
    this.stopFeed = this.session.annotations.onChange((change) => this.follow(change));
    // Every reader's: another reader's drawings come back locked and hidden until asked for
    // (showOtherReaders), so that a surgeon opening a radiologist's lesion sees its drawings.
    await savesOfPagesLeft;
    const records = await call('annotations.list', { studyInstanceUid: this.studyInstanceUid, allReaders: true });
    // The series load concurrently; records are then put back one by one, in the stored order.
    const stacks = await loadStacksOf(records, loadSeriesStack);
    // Drawings are put back through the tools, which load after the first image.
    await this.session.onceTools();
    if (this.stopping.signal.aborted) return;
    // A drawing on a slice still arriving from the PACS is put back once its series has arrived.
    const arriving = records.filter((record) => !isPlaneAnnotation(record) && !sliceOf(stacks.get(record.seriesInstanceUid) ?? null, record) && this.arrivals.arriving(record.seriesInstanceUid));
    this.session.annotations.adopt(this.session.tools, this.restore(records.filter((record) => !arriving.includes(record)), stacks));
    this.state.update({ loaded: true, records: new Map(records.map((r) => [r.id, r])), hidden: new Set(this.showOthers ? [] : records.filter((r) => this.isOthers(r)).map((r) => r.id)) });
    this.session.tools.utilities.triggerAnnotationRenderForViewportIds(this.session.viewportIds());
    for (const seriesUid of new Set(arriving.map((record) => record.seriesInstanceUid))) {
      void this.restoreOnArrival(arriving.filter((record) => record.seriesInstanceUid === seriesUid)).catch((error: unknown) => this.events.error(error, 'Restoring the saved annotations failed'));
    }
  }

  /** Puts stored records back on their images (the tools are in); returns the ids of those restored. */
  private restore(records: readonly Annotation[], stacks: ReadonlyMap<string, SeriesStack | null>): string[] {
    const restored: string[] = [];
    for (const record of records) {
      const stack = stacks.get(record.seriesInstanceUid) ?? null;
      if (isPlaneAnnotation(record)) {
        // On a reformat plane: shown on the MPR of its series, which must still be indexed.
        if (!stack || stack.slices.length === 0) {
          this.events.note(`A reformat annotation's series (${record.seriesInstanceUid}) is no longer in the index: it is kept but not shown.`);
          continue;
        }
        restoreAnnotation(this.session.tools, record, null);
      } else {
        const slice = sliceOf(stack, record);
        if (!stack || !slice) {
          this.events.note(`An annotation's image (${record.sopInstanceUid}) is no longer in the index: it is kept but not shown.`);
          continue;
        }
        this.session.registerStack(stack);
        const iop = stack.instances.find((instance) => instance.id === slice.instanceId)?.imageOrientationPatient;
        restoreAnnotation(this.session.tools, record, slice.imageId, iop ? cross(iop.slice(0, 3), iop.slice(3, 6)) : null);
      }
      if (this.isOthers(record)) {
        this.session.tools.annotation.locking.setAnnotationLocked(record.id, true);
        this.session.tools.annotation.visibility.setAnnotationVisibility(record.id, this.showOthers);
      }
      restored.push(record.id);
    }
    return restored;
  }

  /** Restores the drawings of one series still arriving, once its retrieve has ended, from its listing then. */
  private async restoreOnArrival(records: readonly Annotation[]): Promise<void> {
    const seriesUid = records[0]!.seriesInstanceUid;
    await this.arrivals.whenArrived(seriesUid, this.stopping.signal);
    if (this.stopping.signal.aborted) return;
    forgetSeriesStack(seriesUid);
    const stacks = await loadStacksOf(records, loadSeriesStack);
    if (this.stopping.signal.aborted) return;
    this.session.annotations.adopt(this.session.tools, this.restore(records, stacks));
    this.session.tools.utilities.triggerAnnotationRenderForViewportIds(this.session.viewportIds());
  }

  /** Saves a drawing whose save failed again, as it is now (unless it was saved or removed since). */
  private saveAgain(id: string): void {
    const annotation = this.session.annotations.list.get().annotations.find((a) => a.annotationUid === id);
    if (annotation && this.state.get().unsaved.has(id)) this.follow({ kind: 'modified', annotation });
    else this.retries.forget(id);
  }

  /** Whether some drawing waits for a reader to be named before it can be saved. */
  waitsForReader(): boolean {
    return [...this.state.get().unsaved.values()].includes(SIGN_IN_FIRST);
  }

  /** Saves the drawings made before anyone signed in (call when a reader is named). */
  saveWaitingForReader(): void {
    const { unsaved } = this.state.get();
    for (const annotation of this.session.annotations.list.get().annotations) {
      if (unsaved.get(annotation.annotationUid) === SIGN_IN_FIRST) this.follow({ kind: 'modified', annotation });
    }
  }

  /**
   * Shows or hides the other readers' drawings (they stay locked: only their reader changes them).
   * @param show - true to show them
   */
  showOtherReaders(show: boolean): void {
    this.showOthers = show;
    const others = [...this.state.get().records.values()].filter((record) => this.isOthers(record));
    this.state.update({ hidden: new Set(show ? [] : others.map((r) => r.id)) });
    // Before the tools load nothing is restored yet: start() applies the choice then.
    if (!this.session.toolsReady) return;
    for (const record of others) this.session.tools.annotation.visibility.setAnnotationVisibility(record.id, show);
    this.session.tools.utilities.triggerAnnotationRenderForViewportIds(this.session.viewportIds());
  }

  private isOthers(record: Annotation): boolean {
    const reader = this.events.reader();
    return reader !== null && record.reader !== reader;
  }

  /** Stops following the feed and waiting for series to arrive (pending saves still finish). */
  stop(): void {
    this.stopFeed();
    this.stopping.abort();
    this.retries.stop();
    const saved = this.saves.enqueue(null, () => Promise.resolve(), SAVING);
    savesOfPagesLeft = Promise.all([savesOfPagesLeft, saved]).then(() => undefined);
  }

  /**
   * Reads the stored records again (after the core changed some itself: saving a lesion links the
   * drawings it cites, deleting one unlinks them), after the saves already queued.
   */
  reloadRecords(): Promise<unknown> {
    return this.saves.enqueue(null, async () => {
      const stored = await call('annotations.list', { studyInstanceUid: this.studyInstanceUid, allReaders: true });
      const records = new Map(this.state.get().records);
      for (const record of stored) if (records.has(record.id)) records.set(record.id, record);
      this.state.update({ records });
    }, 'Reading the saved annotations failed');
  }

  private follow({ kind, annotation }: AnnotationChange): void {
    const id = annotation.annotationUid;
    if (kind === 'removed') {
      this.setUnsaved(id, null);
      this.retries.forget(id);
      void this.saves.enqueue(id, async () => {
        const stored = this.state.get().records.get(id);
        // Another reader's drawing is theirs: removing it here only hides it from this page.
        if (!stored || this.isOthers(stored)) return;
        await call('annotations.delete', { id });
        const records = new Map(this.state.get().records);
        records.delete(id);
        this.state.update({ records });
      }, 'Deleting the annotation failed');
      return;
    }
    void this.saves.enqueue(id, async () => {
      const reader = this.events.reader();
      const stored = this.state.get().records.get(id);
      if (stored && this.isOthers(stored)) return;
      if (!reader) {
        this.setUnsaved(id, SIGN_IN_FIRST);
        return;
      }
      const now = new Date().toISOString();
      const planeSeriesInstanceUid = annotation.image ? null : (stored?.seriesInstanceUid ?? this.reformatSeriesOf(annotation));
      const record = toAnnotationRecord(annotation, { studyInstanceUid: this.studyInstanceUid, reader, lesionId: stored?.lesionId ?? null, createdAt: stored?.createdAt ?? now, now, planeSeriesInstanceUid });
      if ('refused' in record) {
        this.setUnsaved(id, record.refused);
        this.events.note(record.refused);
        return;
      }
      if (stored && sameDrawing(stored, record)) return this.setUnsaved(id, null);
      this.remember(await call('annotations.save', { annotation: record }));
      this.setUnsaved(id, null);
    }, SAVING);
  }

  /**
   * The series of the mounted reformat a drawing lies on: same frame of reference, camera parallel
   * to its plane (Cornerstone drops the volume id from an annotation's metadata).
   */
  private reformatSeriesOf(annotation: AnnotationSnapshot): string | null {
    const normal = annotation.viewPlaneNormal;
    if (!normal || !annotation.frameOfReferenceUid) return null;
    const [id] = planeViewports(this.session, annotation.frameOfReferenceUid, normal);
    return id ? this.session.get(id)!.stack.seriesUid : null;
  }

  private remember(record: Annotation): void {
    this.state.update({ records: new Map(this.state.get().records).set(record.id, record) });
  }

  private setUnsaved(id: string, reason: string | null): void {
    if (reason === null) this.retries.forget(id);
    const current = this.state.get().unsaved;
    if ((current.get(id) ?? null) === reason) return;
    const unsaved = new Map(current);
    if (reason) unsaved.set(id, reason);
    else unsaved.delete(id);
    this.state.update({ unsaved });
  }
}
