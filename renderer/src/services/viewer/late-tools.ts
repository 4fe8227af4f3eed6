import type { AnnotationFeed } from './annotation-feed';
import type { ExternalStore } from './external-store';
import { createReadingToolGroup, loadedTools, setPrimaryTool } from './tools';
import { ToolsArrival, ToolsNotReadyError } from './tools-arrival';
import type { MountedViewport, SessionState } from './viewer-session';
import { markViewer } from './viewer-timing';

type Core = typeof import('@cornerstonejs/core');
type ToolsModule = typeof import('@cornerstonejs/tools');
type ReadingToolGroup = ReturnType<typeof createReadingToolGroup>;

/** The tools load after the first frame; a page that shows none (its image failed) loads them after this. */
const TOOLS_AT_THE_LATEST_MS = 1_500;
/** Pauses before loading the tools again after a failure (a host restarting), then the reader is told to reload. */
const TOOLS_RETRY_MS = [1_000, 3_000];

/** What a viewer session lends its tools: its state, its viewports, and word when it is gone. */
export interface ToolsHost {
  /** The session's number, naming its tool groups. */
  n: number;
  cs: Core;
  engineId: string;
  state: ExternalStore<SessionState>;
  annotations: AnnotationFeed;
  mounted(): Iterable<MountedViewport>;
  destroyed(): boolean;
  /** The tool groups are set up: reference lines may be drawn in them. */
  groupsReady(): void;
}

/**
 * The late start of a viewer session's Cornerstone tools (1 MB of script): not awaited at its start
 * but loaded after the first frame, or at the latest after TOOLS_AT_THE_LATEST_MS; then its tool
 * groups are made and the viewports already shown are put in them (their held input released).
 */
export class LateTools {
  /** The stack and the orthographic tool group, once the tools are set up. */
  groups: ReadingToolGroup[] = [];
  /** When the tools arrive: loading them, awaiting them, following what they provide. */
  readonly arrival = new ToolsArrival((tools) => {
    if (!this.host.destroyed()) this.setUp(tools);
  });
  private started = false;

  constructor(private readonly host: ToolsHost) {
    // Tools loaded before (the viewer warmed up from the study browser) are set up at once.
    if (loadedTools()) this.start();
    else setTimeout(() => this.start(), TOOLS_AT_THE_LATEST_MS);
  }

  /** The tools module once it has arrived, else null. */
  get loaded(): ToolsModule | null {
    return this.arrival.loaded;
  }

  /** The tools module, once loaded; before that a ToolsNotReadyError. */
  get module(): ToolsModule {
    const tools = this.arrival.loaded;
    if (!tools) throw new ToolsNotReadyError();
    return tools;
  }

  /**
   * Loads the tools (once, after the first frame or at the latest after TOOLS_AT_THE_LATEST_MS). A
   * failure is not silent: the image on screen would otherwise ignore the reader's wheel and mouse
   * with no word why. It is told in the session's state, the load is tried again after each of
   * TOOLS_RETRY_MS, and then the reader is asked to reload.
   */
  start(): void {
    if (this.started) return;
    this.started = true;
    const attempt = (retry: number) =>
      this.arrival.load().catch((error: unknown) => {
        if (this.host.destroyed()) return;
        const pause = TOOLS_RETRY_MS[retry];
        const reason = error instanceof Error ? error.message : String(error);
        const next = pause === undefined ? 'Reload the viewer (Ctrl+R); if it fails again, restart BoneMet Review.' : `Trying again in ${pause / 1000} s.`;
        this.host.state.update({ toolsError: `The viewer's tools could not be loaded (${reason}): scrolling, windowing and drawing do not work until they are. ${next}` });
        if (pause !== undefined) setTimeout(() => void attempt(retry + 1), pause);
      });
    void attempt(0);
  }

  private setUp(tools: ToolsModule): void {
    const { state, n } = this.host;
    // Whoever loaded them (a retry, or a reader's command after the retries gave up), the notice goes.
    if (state.get().toolsError) state.update({ toolsError: null });
    this.groups = [createReadingToolGroup(tools, `bonemet-stack-${n}`, false), createReadingToolGroup(tools, `bonemet-mpr-${n}`, true)];
    const { activeTool } = state.get();
    if (activeTool !== 'WindowLevel') for (const group of this.groups) setPrimaryTool(tools, group, activeTool);
    this.host.annotations.start(this.host.cs, tools);
    for (const record of this.host.mounted()) {
      // An element enabled before tools.init() never got the tools' listeners (they follow ELEMENT_ENABLED).
      if (!tools.store.state.enabledElements.includes(record.element)) tools.store.addEnabledElement(new CustomEvent('enabled', { detail: { element: record.element, viewportId: record.id } }) as never);
      if (record.shown) this.attach(record);
    }
    this.host.groupsReady();
    markViewer('tools-attached');
  }

  /**
   * Puts a viewport in its tool group once it shows its image or volume: tools then draw the
   * annotations on it and take its mouse. Before that, Cornerstone's CPU path cannot place a world
   * point on its canvas (it throws), and there would be nothing to measure.
   */
  attach(record: MountedViewport): void {
    const tools = this.arrival.loaded;
    record.shown = true;
    // Shown before the tools loaded: its input is held (ViewerSession.enable) until setUp comes back here.
    if (!tools) return;
    const held = record.heldInput;
    record.heldInput = null;
    this.groups[record.kind === 'stack' ? 0 : 1]!.addViewport(record.id, this.host.engineId);
    const onAnnotationsRendered = () => this.host.annotations.refreshStats(tools);
    const rendered = tools.Enums.Events.ANNOTATION_RENDERED;
    record.element.addEventListener(rendered, onAnnotationsRendered);
    const detach = record.detach;
    record.detach = () => {
      detach();
      record.element.removeEventListener(rendered, onAnnotationsRendered);
    };
    tools.utilities.triggerAnnotationRenderForViewportIds([record.id]);
    held?.release();
  }
}
