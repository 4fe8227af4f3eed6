import type { Types } from '@cornerstonejs/core';
import { isDesktop } from '../../api/client';
import type { AnnotationSnapshot } from './annotation-snapshot';
import { clientPointOfPixel } from './pixel-probe';
import { instanceStoredRange, type StoredRange } from './stored-range';
import type { ViewerSession } from './viewer-session';

/** A viewport as automation sees it. */
export interface AutomationViewport {
  id: string;
  kind: 'stack' | 'orthographic';
  seriesUid: string;
  status: string;
  error: string | null;
  sliceIndex: number;
  sliceCount: number;
}

/**
 * The automation seam: read-only helpers on `window.__bonemetViewer`, installed in the browser
 * mode only (never inside Electron), so that end-to-end tests can ask Cornerstone itself where
 * an image pixel is on screen and what the loader decoded, instead of guessing from screenshots.
 */
export interface ViewerAutomation {
  viewports(): AutomationViewport[];
  /** Client (page) CSS coordinates of the centre of pixel (column, row) of the shown image. */
  clientPointOfPixel(viewportId: string, column: number, row: number): { x: number; y: number } | null;
  /** The DICOM identity of the image a stack viewport shows. */
  currentImage(viewportId: string): { instanceId: number; sopInstanceUid: string; frame: number | null } | null;
  /** Stored (pre-rescale) value range over every frame of the instance a stack viewport shows. */
  storedRange(viewportId: string): Promise<StoredRange>;
  /** The annotations the measurement seam knows, with world coordinates. */
  annotations(): AnnotationSnapshot[];
  /** Where a viewport's camera looks: its focal point and view plane normal (world, mm). */
  camera(viewportId: string): { focalPoint: Types.Point3; viewPlaneNormal: Types.Point3 } | null;
  /** The grid of the volume a reformat viewport draws: origin, spacing (mm), size and direction cosines. */
  volumeGrid(viewportId: string): { origin: number[]; spacing: number[]; dimensions: number[]; direction: number[] } | null;
  /** How many frames Cornerstone has drawn in a viewport (IMAGE_RENDERED) since the seam was installed. */
  renderCount(viewportId: string): number;
  /** The client point of the last mouse drag the tools took (Cornerstone's MOUSE_DRAG), with a running count. */
  lastDrag(): { x: number; y: number; drags: number } | null;
  /** Whether an annotation's figures still wait for Cornerstone to recompute them after its last change. */
  figuresPending(annotationUid: string): boolean;
  /** True once Cornerstone's tools take the viewports' input (they load after the first image). */
  toolsReady(): boolean;
}

declare global {
  interface Window {
    __bonemetViewer?: ViewerAutomation;
  }
}

function currentSlice(session: ViewerSession, viewportId: string) {
  const record = session.get(viewportId);
  const viewport = session.viewport(viewportId);
  if (!record || !viewport || record.kind !== 'stack') return null;
  return record.stack.slices[(viewport as Types.IStackViewport).getCurrentImageIdIndex()] ?? null;
}

/**
 * Installs the automation seam for a session (browser mode only); returns its removal.
 * @param session - the viewer session to expose
 */
export function installAutomation(session: ViewerSession): () => void {
  if (isDesktop()) return () => undefined;
  const counters = followRendersAndDrags(session);
  const automation: ViewerAutomation = {
    viewports: () =>
      session.viewportIds().map((id) => {
        const record = session.get(id)!;
        const state = session.store.get(id);
        return { id, kind: record.kind, seriesUid: record.stack.seriesUid, status: state.status, error: state.error, sliceIndex: state.sliceIndex, sliceCount: state.sliceCount };
      }),
    clientPointOfPixel: (viewportId, column, row) => {
      const viewport = session.viewport(viewportId);
      return viewport ? clientPointOfPixel(viewport, column, row) : null;
    },
    currentImage: (viewportId) => {
      const slice = currentSlice(session, viewportId);
      return slice ? { instanceId: slice.instanceId, sopInstanceUid: slice.sopInstanceUid, frame: slice.frame } : null;
    },
    storedRange: async (viewportId) => {
      const slice = currentSlice(session, viewportId);
      if (!slice) throw new Error(`Viewport ${viewportId} shows no stack image`);
      const imageIds = session.get(viewportId)!.stack.slices.filter((s) => s.instanceId === slice.instanceId).map((s) => s.imageId);
      return instanceStoredRange(session.cs, imageIds);
    },
    annotations: () => session.annotations.list.get().annotations,
    camera: (viewportId) => {
      const camera = session.viewport(viewportId)?.getCamera();
      return camera?.focalPoint && camera.viewPlaneNormal ? { focalPoint: camera.focalPoint, viewPlaneNormal: camera.viewPlaneNormal } : null;
    },
    volumeGrid: (viewportId) => {
      const viewport = session.viewport(viewportId) as Partial<Types.IVolumeViewport> | undefined;
      const grid = viewport?.getImageData?.();
      return grid ? { origin: [...grid.origin], spacing: [...grid.spacing], dimensions: [...grid.dimensions], direction: [...grid.direction] } : null;
    },
    renderCount: (viewportId) => counters.renders.get(viewportId) ?? 0,
    lastDrag: counters.lastDrag,
    // Cornerstone's `invalidated` flag, cleared when a tool recomputes its figures (tools without
    // figures, such as the arrow, never clear it).
    toolsReady: () => session.toolsReady,
    figuresPending: (annotationUid) => session.toolsReady && session.tools.annotation.state.getAnnotation(annotationUid)?.invalidated === true,
  };
  window.__bonemetViewer = automation;
  return () => {
    counters.stop();
    if (window.__bonemetViewer === automation) delete window.__bonemetViewer;
  };
}

/**
 * Counts Cornerstone's renders per viewport and keeps the last drag point the tools took, for
 * benchmarks (real frames drawn) and for drawing helpers (release the mouse only once a move was
 * taken). Both events are dispatched on viewport elements without bubbling: caught while capturing.
 * @param session - the viewer session whose modules name the events
 */
function followRendersAndDrags(session: ViewerSession) {
  const renders = new Map<string, number>();
  let drag: { x: number; y: number; drags: number } | null = null;
  const onRendered = (event: Event) => {
    const id = (event as CustomEvent<{ viewportId?: string }>).detail?.viewportId;
    if (id) renders.set(id, (renders.get(id) ?? 0) + 1);
  };
  const onDrag = (event: Event) => {
    const client = (event as CustomEvent<{ currentPoints?: { client?: number[] } }>).detail?.currentPoints?.client;
    if (client) drag = { x: client[0]!, y: client[1]!, drags: (drag?.drags ?? 0) + 1 };
  };
  const rendered = session.cs.Enums.Events.IMAGE_RENDERED;
  document.addEventListener(rendered, onRendered, true);
  const stopDrags = session.whileTools((tools) => {
    const dragged = tools.Enums.Events.MOUSE_DRAG;
    document.addEventListener(dragged, onDrag, true);
    return () => document.removeEventListener(dragged, onDrag, true);
  });
  return {
    renders,
    lastDrag: () => drag,
    stop: () => {
      document.removeEventListener(rendered, onRendered, true);
      stopDrags();
    },
  };
}
