import type { Types } from '@cornerstonejs/core';
import { describeImageError } from './describe-error';
import { alignCpuPolarity } from './file-polarity';
import { holdInputUntilTools, type HeldInput } from './early-input';
import { initCornerstone } from '../cornerstone';
import { AnnotationFeed } from './annotation-feed';
import type { ImageReference } from './annotation-snapshot';
import { AnnotationHistory } from './annotation-history';
import { ExternalStore } from './external-store';
import { loadVolume, volumeIdOf } from './mpr';
import { fitPrefetch } from './memory-budget';
import { moveFocalPlaneTo, type ReformatRequest } from './plane-jump';
import { showReferenceLines } from './reference-lines';
import { chooseRenderPath, drawsOnCpu, loadForStack, pinRenderPath } from './render-path';
import { sharedRenderingEngine } from './rendering-engine';
import type { SeriesStack } from './series-stack';
import { showLongerStack } from './stack-growth';
import { setPrimaryTool, type PrimaryToolName } from './tools';
import { keepForReload, resumeUsed, takeAfterReload, type ViewerResume } from './reload-resume';
import { readingToResume, resumeReading } from './session-resume';
import { LateTools } from './late-tools';
import { trackViewport } from './track-viewport';
import { ReadingPositions } from './reading-positions';
import { applyCarriedDisplay, captureView, displayOf, type CarriedDisplay } from './view-carry';
import type { InitialDisplay } from './view-actions';
import { markViewer } from './viewer-timing';
import { ViewportStateStore } from './viewport-state';

type Core = typeof import('@cornerstonejs/core');
type ToolsModule = typeof import('@cornerstonejs/tools');
type AnyViewport = Types.IStackViewport | Types.IVolumeViewport;

/** The three orthographic planes of a reformat. */
export type Orientation = 'axial' | 'sagittal' | 'coronal';

/** One viewport the session drives. */
export interface MountedViewport {
  id: string;
  element: HTMLDivElement;
  kind: 'stack' | 'orthographic';
  stack: SeriesStack;
  initial: InitialDisplay | null;
  detach(): void;
  /** Its input, held while it waits for the tools (it was enabled before they loaded). */
  heldInput: HeldInput | null;
  /** Its image or volume is shown: the tools may take it (LateTools.attach). */
  shown: boolean;
}

/** What the toolbar shows: the left-button tool and the viewport keys act on. */
export interface SessionState {
  activeTool: PrimaryToolName;
  activeViewportId: string | null;
  /** Why Cornerstone's tools (scrolling, windowing, drawing) are not in, once loading them failed; null otherwise. */
  toolsError: string | null;
}

let sessions = 0;
/** Prefetching waits for an idle moment after the first frame, but not longer than this. */
const PREFETCH_IDLE_TIMEOUT_MS = 300;

/**
 * One viewer page's Cornerstone state, kept outside React (OHIF style): its rendering engine, its
 * tool groups (stack and orthographic), the viewports it mounted and what they show.
 */
export class ViewerSession {
  readonly store = new ViewportStateStore();
  readonly state = new ExternalStore<SessionState>({ activeTool: 'WindowLevel', activeViewportId: null, toolsError: null });
  readonly history: AnnotationHistory;
  readonly annotations: AnnotationFeed;
  /** A reformat drawing picked while its plane is not shown: the page opens its reformat (selectAnnotation). */
  readonly reformatWanted = new ExternalStore<{ request: ReformatRequest | null }>({ request: null });
  readonly engine: Types.IRenderingEngine;
  /** Cornerstone's tools, started late (late-tools.ts). */
  private readonly lateTools: LateTools;
  private destroyed = false;
  private readonly n = ++sessions;
  private readonly mounted = new Map<string, MountedViewport>();
  private readonly imageRefs = new Map<string, ImageReference>();
  /**
   * Stack mounts waiting for their first image, with the slice they will open on (a lesion picked
   * meanwhile changes it); a later mount or an unmount of the id cancels one.
   */
  private readonly pendingMounts = new Map<string, { stack: SeriesStack; index: number }>();
  private readonly positions = new ReadingPositions();
  /** What this page showed before its tab was reloaded (see reload-resume.ts), or null. */
  readonly resumed: ViewerResume | null = takeAfterReload(window.location.hash);
  /** The lesion open in the page's panel, kept for a reload (the panel tells it). */
  selectedLesionId: string | null = null;
  private readonly keepOnReload = () => keepForReload(this.resumeSnapshot());
  /** Each stack viewport's last longer listing being shown (growStack), so that listings are taken in turn. */
  private readonly growths = new Map<string, Promise<void>>();

  /**
   * Starts Cornerstone (once per page) and a session for one viewer page. Its tools (1 MB of
   * script) are not awaited: they load after the first frame (see whenTools), off its path.
   */
  static async create(): Promise<ViewerSession> {
    const session = new ViewerSession(await initCornerstone());
    markViewer('session');
    return session;
  }

  private constructor(readonly cs: Core) {
    this.engine = sharedRenderingEngine(cs);
    this.history = new AnnotationHistory(cs, () => this.lateTools.loaded);
    this.annotations = new AnnotationFeed((imageId) => this.imageRefs.get(imageId) ?? null);
    this.annotations.onChange(() => this.history.refresh());
    if (this.resumed) {
      const { tool, lesionId } = resumeReading(this.resumed, this.positions);
      if (tool) this.state.update({ activeTool: tool });
      this.selectedLesionId = lesionId;
    }
    // pagehide, not beforeunload: the latter's leave prompt may keep the page.
    window.addEventListener('pagehide', this.keepOnReload);
    this.lateTools = new LateTools({
      n: this.n, cs, engineId: this.engine.id, state: this.state, annotations: this.annotations,
      mounted: () => this.mounted.values(),
      destroyed: () => this.destroyed,
      groupsReady: () => this.refreshReferenceLines(),
    });
  }

  /** What the page shows now, for a reload to resume (session-resume.ts). */
  private resumeSnapshot(): ViewerResume {
    const viewports = [...this.mounted.values()].map((record) => ({ viewportId: record.id, seriesUid: record.stack.seriesUid, position: record.kind === 'stack' ? this.stackPosition(record.id) : null }));
    return readingToResume(window.location.hash, this.state.get().activeTool, this.selectedLesionId, viewports, this.positions.leftSlices());
  }

  /** Cornerstone's tools module, once loaded (whenTools); before that a ToolsNotReadyError. */
  get tools(): ToolsModule {
    return this.lateTools.module;
  }

  /** True once the tools take the viewports' input. */
  get toolsReady(): boolean {
    return this.lateTools.loaded !== null;
  }

  /** Loads the tools now if not yet asked for (a reader's command needs them); resolves once they are set up here. */
  whenTools(): Promise<ToolsModule> {
    return this.lateTools.arrival.load();
  }

  /** Resolves once the tools are set up in this session, without asking for them sooner than the first frame does. */
  onceTools(): Promise<ToolsModule> {
    return this.lateTools.arrival.once();
  }

  /** Follows something only the tools provide from when they are set up here (ToolsArrival.whileArrived); returns its stop. */
  whileTools(follow: (tools: ToolsModule) => () => void): () => void {
    return this.lateTools.arrival.whileArrived(follow);
  }

  /** A mounted viewport's record, if any. */
  get(viewportId: string): MountedViewport | undefined {
    return this.mounted.get(viewportId);
  }

  /** The Cornerstone viewport behind an id, while it is mounted. */
  viewport(viewportId: string): AnyViewport | undefined {
    if (!this.mounted.has(viewportId)) return undefined;
    return this.engine.getViewport(viewportId) as AnyViewport | undefined;
  }

  /** The ids of the mounted viewports, in mounting order. */
  viewportIds(): string[] {
    return [...this.mounted.keys()];
  }

  /** Every stack viewport and its series, those still waiting for their first image included. */
  stackViewports(): { id: string; stack: SeriesStack }[] {
    const mounted = [...this.mounted.values()].filter((record) => record.kind === 'stack');
    return [...mounted.map(({ id, stack }) => ({ id, stack })), ...[...this.pendingMounts].map(([id, { stack }]) => ({ id, stack }))];
  }

  /**
   * Shows a slice in a stack viewport; one still waiting for its first image opens on it.
   * @param viewportId - a stack viewport
   * @param index - 0-based slice of its series
   */
  showSlice(viewportId: string, index: number): void {
    const pending = this.pendingMounts.get(viewportId);
    if (pending) pending.index = index;
    else if (this.mounted.get(viewportId)?.kind === 'stack') void this.cs.utilities.jumpToSlice(this.mounted.get(viewportId)!.element, { imageIndex: index });
  }

  /**
   * Shows a series in a stack viewport, from a 0-based slice of its spatial order.
   * @param viewportId - an id unique in this session
   * @param element - the div Cornerstone draws into
   * @param stack - the series
   * @param initialIndex - the first slice to show
   */
  async mountStack(viewportId: string, element: HTMLDivElement, listed: SeriesStack, initialIndex: number): Promise<void> {
    const pending = { stack: listed, index: Math.min(Math.max(0, initialIndex), listed.imageIds.length - 1) };
    // A page started as a reload resumed shows it now: the next viewer page of this tab starts afresh.
    resumeUsed();
    this.store.reset(viewportId);
    this.store.update(viewportId, { sliceCount: listed.imageIds.length, sliceIndex: pending.index + 1 });
    // The first image decides the renderer (render-path.ts); a failed load is reported by setStack.
    this.pendingMounts.set(viewportId, pending);
    const first = await loadForStack(this.cs, listed.imageIds[pending.index]!).catch(() => null);
    markViewer('first-image-decoded');
    if (this.pendingMounts.get(viewportId) !== pending) return;
    this.pendingMounts.delete(viewportId);
    // A longer listing may have come meanwhile (growStack): the viewport opens on it.
    const { index, stack } = pending;
    const record = this.enable(viewportId, element, stack, 'stack', { type: this.cs.Enums.ViewportType.STACK }, first ? drawsOnCpu(first) : true);
    this.store.update(viewportId, { sliceCount: stack.imageIds.length, sliceIndex: index + 1 });
    const viewport = this.viewport(viewportId) as Types.IStackViewport;
    try {
      await viewport.setStack(stack.imageIds, index);
    } catch (error) {
      if (this.mounted.get(viewportId) === record) this.store.update(viewportId, { status: 'error', error: describeImageError(error) });
      return;
    }
    if (this.mounted.get(viewportId) !== record) return;
    alignCpuPolarity(viewport);
    this.lateTools.attach(record);
    if (record.stack !== stack) this.showGrown(record);
    this.captureInitial(record);
    // As the reformat left it, or as this viewport did when another series was opened in it.
    const display = this.positions.displayFor(viewportId, stack.seriesUid);
    if (display) applyCarriedDisplay(this.cs, viewport, display);
    // Later slices load in the background so that scrolling does not wait, once the first one is
    // drawn and the page is idle: their parsing and decoding would otherwise hold back that frame
    // and the overlays' update after it (about 150 ms on a busy machine).
    const { IMAGE_RENDERED } = this.cs.Enums.Events;
    const prefetch = (tools: ToolsModule) => {
      if (this.mounted.get(viewportId) !== record) return;
      if (first) fitPrefetch(tools, record.stack.imageIds.length, first.sizeInBytes);
      tools.utilities.stackPrefetch.enable(element);
    };
    const firstFrame = () => {
      markViewer('first-frame');
      // The tools (and the prefetch they drive) start once the first image is on screen.
      requestIdleCallback(
        () => {
          this.lateTools.start();
          void this.onceTools().then(prefetch);
        },
        { timeout: PREFETCH_IDLE_TIMEOUT_MS },
      );
    };
    element.addEventListener(IMAGE_RENDERED, firstFrame, { once: true });
  }

  /**
   * Takes a longer listing of the series a stack viewport shows (one still arriving from the PACS)
   * without mounting it again: the reader stays on the image they are reading, with their window,
   * zoom and pan, their held input and any drawing under way (mounting again opened a stale slice
   * number with the file's window at every listing).
   * @param viewportId - a stack viewport
   * @param stack - the same series, listed again
   */
  growStack(viewportId: string, stack: SeriesStack): void {
    const pending = this.pendingMounts.get(viewportId);
    if (pending) {
      if (pending.stack.seriesUid !== stack.seriesUid) return;
      pending.index = Math.max(0, stack.imageIds.indexOf(pending.stack.imageIds[pending.index]!));
      pending.stack = stack;
      return;
    }
    const record = this.mounted.get(viewportId);
    if (!record || record.kind !== 'stack' || record.stack.seriesUid !== stack.seriesUid || record.stack === stack) return;
    // A listing answered late, older than the one shown, would drop slices the reader may be on.
    if (stack.imageIds.length < record.stack.imageIds.length) return;
    const longer = stack.imageIds.length > record.stack.imageIds.length;
    record.stack = stack;
    this.registerStack(stack);
    // Listed again with nothing new (the retrieve's end, a drawing's restore): the viewport keeps its images.
    if (!longer) return;
    // Not shown yet: mountStack shows the longer listing once its own setStack is done.
    if (record.shown) this.showGrown(record);
  }

  private showGrown(record: MountedViewport): void {
    const take = async () => {
      const viewport = this.viewport(record.id) as Types.IStackViewport | undefined;
      if (this.mounted.get(record.id) !== record || !viewport || viewport.getImageIds() === record.stack.imageIds) return;
      await showLongerStack(viewport, record.stack.imageIds);
      // A series that fitted the memory budget may outgrow it as it arrives: loading ahead is held to it again.
      const tools = this.lateTools.loaded;
      const image = viewport.getCornerstoneImage();
      if (tools && image) fitPrefetch(tools, record.stack.imageIds.length, image.sizeInBytes);
    };
    const next = (this.growths.get(record.id) ?? Promise.resolve()).then(take).catch((error: unknown) => {
      if (this.mounted.get(record.id) === record) this.store.update(record.id, { status: 'error', error: describeImageError(error) });
    });
    this.growths.set(record.id, next);
  }

  /**
   * Shows a series as an orthographic reformat (the volume is built once and shared).
   * @param viewportId - an id unique in this session
   * @param element - the div Cornerstone draws into
   * @param stack - the series, which must be reformattable (see mprAvailability)
   * @param orientation - the plane to show
   */
  async mountOrthographic(viewportId: string, element: HTMLDivElement, stack: SeriesStack, orientation: Orientation): Promise<void> {
    const { ViewportType, OrientationAxis } = this.cs.Enums;
    const axis = { axial: OrientationAxis.AXIAL, sagittal: OrientationAxis.SAGITTAL, coronal: OrientationAxis.CORONAL }[orientation];
    const record = this.enable(viewportId, element, stack, 'orthographic', { type: ViewportType.ORTHOGRAPHIC, orientation: axis }, false);
    try {
      await loadVolume(this.cs, stack);
      if (this.mounted.get(viewportId) !== record) return;
      const viewport = this.viewport(viewportId) as Types.IVolumeViewport;
      await viewport.setVolumes([{ volumeId: volumeIdOf(stack) }]);
      if (this.mounted.get(viewportId) !== record) return;
      this.lateTools.attach(record);
      viewport.render();
    } catch (error) {
      if (this.mounted.get(viewportId) === record) this.store.update(viewportId, { status: 'error', error: describeImageError(error) });
      return;
    }
    this.captureInitial(record);
    const carried = this.positions.carriedView(stack.seriesUid);
    const viewport = this.viewport(viewportId)!;
    if (carried) {
      applyCarriedDisplay(this.cs, viewport, carried);
      if (carried.point) moveFocalPlaneTo(viewport, carried.point);
    }
  }

  private enable(viewportId: string, element: HTMLDivElement, stack: SeriesStack, kind: MountedViewport['kind'], options: { type: string; orientation?: string }, cpu: boolean): MountedViewport {
    this.unmount(viewportId);
    this.store.reset(viewportId);
    chooseRenderPath(this.cs, cpu);
    const { type, orientation } = options;
    this.engine.enableElement({ viewportId, element, type, defaultOptions: { background: [0, 0, 0], ...(orientation ? { orientation } : {}) } } as Types.PublicViewportInput);
    pinRenderPath(this.engine.getViewport(viewportId)!);
    this.registerStack(stack);
    const record: MountedViewport = { id: viewportId, element, kind, stack, initial: null, detach: () => undefined, heldInput: null, shown: false };
    this.mounted.set(viewportId, record);
    const untrack = trackViewport(this.cs, this.store, viewportId, () => this.viewport(viewportId));
    const { STACK_NEW_IMAGE, IMAGE_RENDERED } = this.cs.Enums.Events;
    const held = this.toolsReady ? null : holdInputUntilTools(element, kind === 'stack' ? [STACK_NEW_IMAGE, IMAGE_RENDERED] : [IMAGE_RENDERED]);
    record.detach = () => {
      untrack();
      held?.discard();
    };
    record.heldInput = held;
    const active = this.state.get().activeViewportId;
    // One still waiting for its first image stays the active one (the reformat left for its viewport).
    if (!active || (!this.mounted.has(active) && !this.pendingMounts.has(active))) this.setActiveViewport(viewportId);
    else this.refreshReferenceLines();
    return record;
  }

  /** Lets annotations on a series' images be traced to their DICOM identity (also before it is shown). */
  registerStack(stack: SeriesStack): void {
    for (const slice of stack.slices) this.imageRefs.set(slice.imageId, { seriesInstanceUid: stack.seriesUid, sopInstanceUid: slice.sopInstanceUid, frame: slice.frame });
  }

  private captureInitial(record: MountedViewport): void {
    const viewport = this.viewport(record.id);
    if (viewport) record.initial = displayOf(this.cs, viewport);
  }

  /** The window and polarity a rendered viewport shows, or null before its first image. */
  private shownDisplay(viewportId: string): CarriedDisplay | null {
    const viewport = this.viewport(viewportId);
    return viewport && this.store.get(viewportId).status === 'rendered' ? displayOf(this.cs, viewport) : null;
  }

  /**
   * Where a stack viewport is (0-based slice, window and polarity), for leaving it or reloading the
   * page; null before its first slice is shown, so that opening it again follows the link instead.
   */
  private stackPosition(viewportId: string): { index: number; display: CarriedDisplay | null } | null {
    const shown = this.store.get(viewportId).sliceIndex;
    return shown >= 1 ? { index: shown - 1, display: this.shownDisplay(viewportId) } : null;
  }

  /** Stops showing a viewport and releases its element. */
  unmount(viewportId: string): void {
    this.pendingMounts.delete(viewportId);
    this.growths.delete(viewportId);
    const record = this.mounted.get(viewportId);
    if (!record) return;
    record.detach();
    const left = record.kind === 'stack' ? this.stackPosition(viewportId) : null;
    if (left) this.positions.leftAt(viewportId, record.stack.seriesUid, left.index, left.display);
    const tools = this.lateTools.loaded;
    tools?.utilities.cine.stopClip(record.element);
    if (record.kind === 'stack') tools?.utilities.stackPrefetch.disable(record.element);
    this.mounted.delete(viewportId);
    for (const group of this.lateTools.groups) group.removeViewports(this.engine.id, viewportId);
    this.engine.disableElement(viewportId);
    // The active id may name a viewport that React is about to mount again (a series dropped on
    // it): it is kept, and commands fall back to the first viewport meanwhile (see activeViewport).
    this.refreshReferenceLines();
  }

  /** The viewport keys and toolbar act on: the active one, or the first mounted while it is away. */
  activeViewport(): string | null {
    const active = this.state.get().activeViewportId;
    return active && this.mounted.has(active) ? active : (this.viewportIds()[0] ?? null);
  }

  /**
   * The 0-based slice a stack viewport should open a series on: where the reader last was, in this
   * viewport or in the series' reformat (whichever came later), if anywhere.
   */
  initialSlice(viewportId: string, seriesUid: string): number | undefined {
    return this.positions.initialSlice(viewportId, seriesUid);
  }

  /**
   * Notes how a series is shown now (window, polarity, slice), just before the layout switches
   * between its stack and its reformat, so that the other layout opens the same way.
   * @param seriesUid - the series whose layout is about to change
   */
  carryView(seriesUid: string): void {
    const views = this.viewportIds()
      .filter((id) => this.mounted.get(id)!.stack.seriesUid === seriesUid && this.store.get(id).status === 'rendered')
      .map((id) => ({ id, kind: this.mounted.get(id)!.kind, viewport: this.viewport(id)! }));
    const active = this.activeViewport();
    const lead = views.find((v) => v.id === active) ?? views[0];
    this.positions.carry(seriesUid, lead ? captureView(this.cs, this.mounted.get(lead.id)!.stack, lead, views) : null);
  }

  /** Makes a viewport the one keys and toolbar act on; the others show its plane as reference lines. */
  setActiveViewport(viewportId: string | null): void {
    this.state.update({ activeViewportId: viewportId });
    this.refreshReferenceLines();
  }

  private refreshReferenceLines(): void {
    const viewportId = this.state.get().activeViewportId;
    showReferenceLines(this.lateTools.groups, viewportId && this.mounted.has(viewportId) && this.mounted.size > 1 ? viewportId : null);
  }

  /** Puts a tool on the left mouse button in every viewport (Crosshairs only where there is a reformat). */
  setPrimaryTool(name: PrimaryToolName): void {
    // Before the tools load, the choice is kept and applied when they do (LateTools).
    const tools = this.lateTools.loaded;
    if (tools) for (const group of this.lateTools.groups) setPrimaryTool(tools, group, name);
    this.state.update({ activeTool: name });
  }

  /** Fits every viewport to its (possibly new) element size. */
  resize(): void {
    if (this.mounted.size > 0) this.engine.resize(true, true);
  }

  /** Releases the session: its viewports, tool groups and event listeners (the page keeps the engine). */
  destroy(): void {
    this.destroyed = true;
    window.removeEventListener('pagehide', this.keepOnReload);
    for (const id of this.viewportIds()) this.unmount(id);
    for (const group of this.lateTools.groups) this.lateTools.loaded?.ToolGroupManager.destroyToolGroup(group.id);
    this.annotations.stop();
    // Cornerstone's annotation state is the page's, not the session's: drawings left in it would be
    // listed by the next viewer whatever study it shows, on image ids of this session. They are
    // stored (pending saves finish from snapshots); each viewer restores its own study's.
    this.lateTools.loaded?.annotation.state.removeAllAnnotations();
  }
}
