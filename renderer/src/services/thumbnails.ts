import { imageIdForInstance } from '../api/instance-urls';
import { initCornerstone } from './cornerstone';
import { softwareCanvas } from './viewer/render-path';

/** Side of the square thumbnail bitmap, in device pixels. */
export const THUMBNAIL_SIZE = 256;
const LOAD_TIMEOUT_MS = 60_000;
const RENDER_TIMEOUT_MS = 20_000;
/** Cornerstone's own id of the hidden rendering engine its canvas helpers share. */
const THUMBNAIL_ENGINE_ID = '_thumbnails';

const rendered = new Map<number, Promise<HTMLCanvasElement>>();

/** Turns what Cornerstone's loaders reject with (Errors, XHR records, strings) into a sentence. */
export function describeLoadError(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === 'object' && error !== null) {
    const record = error as { status?: number; statusText?: string; message?: string; error?: unknown };
    if (typeof record.message === 'string') return record.message;
    if (typeof record.status === 'number') return `HTTP ${record.status}${record.statusText ? ` ${record.statusText}` : ''} while loading the image`;
    if (record.error !== undefined) return describeLoadError(record.error);
  }
  return String(error);
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms / 1000} s`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(describeLoadError(error)));
      },
    );
  });
}

type Cornerstone = Awaited<ReturnType<typeof initCornerstone>>;

/** Loads an image for the GPU path (cached) or, as RGBA for colour, for the CPU path (not cached). */
function loadImage(cs: Cornerstone, imageId: string, forCpu: boolean) {
  const options = { priority: -5, requestType: 'thumbnail', ...(forCpu ? { useRGBA: true, ignoreCache: true } : {}) };
  const loading = forCpu ? cs.imageLoader.loadImage(imageId, options) : cs.imageLoader.loadAndCacheImage(imageId, options);
  return withTimeout(loading, LOAD_TIMEOUT_MS, 'Loading the image');
}

/** Thumbnails wait for a quiet moment: the viewer's first image and its slices come first. */
const IDLE_TIMEOUT_MS = 1_000;

async function renderOffscreen(instanceId: number): Promise<HTMLCanvasElement> {
  const cs = await initCornerstone();
  await new Promise<void>((resolve) => requestIdleCallback(() => resolve(), { timeout: IDLE_TIMEOUT_MS }));
  const imageId = imageIdForInstance(instanceId);
  const canvas = softwareCanvas(THUMBNAIL_SIZE, THUMBNAIL_SIZE);
  const modalityOf = () => (cs.metaData.get('generalSeriesModule', imageId) as { modality?: string } | undefined)?.modality;
  let gpuError: unknown = null;
  if (!cs.getShouldUseCPURendering()) {
    const image = await loadImage(cs, imageId, false);
    try {
      await withTimeout(cs.utilities.renderToCanvasGPU(canvas, image, modalityOf(), THUMBNAIL_ENGINE_ID), RENDER_TIMEOUT_MS, 'Rendering the image');
      return canvas;
    } catch (error) {
      // Some images fail in WebGL; the CPU path may still draw them.
      console.warn(`GPU thumbnail of instance ${instanceId} failed, trying the CPU`, error);
      gpuError = error;
      discardGpuViewport(cs, imageId);
    }
  }
  await cs.utilities.renderToCanvasCPU(canvas, await loadImage(cs, imageId, true), modalityOf());
  // After a WebGL failure, an all-black CPU result means the image was not drawn either: say so.
  if (gpuError !== null && isBlack(canvas)) throw new Error(`Cornerstone could not draw this image (${describeLoadError(gpuError)})`);
  return canvas;
}

function isBlack(canvas: HTMLCanvasElement): boolean {
  const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
  for (let i = 0; i < data.length; i += 4) if (data[i]! | data[i + 1]! | data[i + 2]!) return false;
  return true;
}

/** Removes what a failed renderToCanvasGPU left behind: its viewport and hidden element. */
function discardGpuViewport(cs: Cornerstone, imageId: string): void {
  const viewportId = `renderGPUViewport-${imageId}`;
  try {
    cs.getRenderingEngine(THUMBNAIL_ENGINE_ID)?.disableElement(viewportId);
  } catch {
    // the viewport was never enabled
  }
  document.querySelectorAll(`[viewport-id-for-remove="${CSS.escape(viewportId.split(':').join('-'))}"]`).forEach((element) => element.remove());
}

/**
 * Renders one instance into a THUMBNAIL_SIZE-square bitmap with Cornerstone (wadouri loader),
 * once per instance per page; a failed render is forgotten so that it can be retried.
 * @param instanceId - the index id of the instance to show
 */
export function renderThumbnail(instanceId: number): Promise<HTMLCanvasElement> {
  let pending = rendered.get(instanceId);
  if (!pending) {
    pending = renderOffscreen(instanceId);
    rendered.set(instanceId, pending);
    pending.catch(() => rendered.delete(instanceId));
  }
  return pending;
}
