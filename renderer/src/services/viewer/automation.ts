import type { Types } from '@cornerstonejs/core';
import { isDesktop } from '../../api/client';
import type { AnnotationSnapshot } from './annotation-feed';
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
  };
  window.__bonemetViewer = automation;
  return () => {
    if (window.__bonemetViewer === automation) delete window.__bonemetViewer;
  };
}
