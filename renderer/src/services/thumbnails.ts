import { imageIdForInstance } from '../api/instance-urls';
import { initCornerstone } from './cornerstone';
import { describeImageError } from './viewer/describe-error';
import { softwareCanvas } from './viewer/render-path';

/** Side of the square thumbnail bitmap, in device pixels. */
export const THUMBNAIL_SIZE = 256;
const LOAD_TIMEOUT_MS = 60_000;
const RENDER_TIMEOUT_MS = 20_000;

const rendered = new Map<number, Promise<HTMLCanvasElement>>();

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
        // In the words the viewport gives for the same image (a truncated file, the host's remedy).
        reject(new Error(describeImageError(error)));
      },
    );
  });
}

type Cornerstone = Awaited<ReturnType<typeof initCornerstone>>;

/** Loads an image for the CPU path, colour as RGBA, without caching it (a thumbnail is drawn once). */
function loadImage(cs: Cornerstone, imageId: string) {
  const options = { priority: -5, requestType: 'thumbnail', useRGBA: true, ignoreCache: true };
  return withTimeout(cs.imageLoader.loadImage(imageId, options), LOAD_TIMEOUT_MS, 'Loading the image');
}

/**
 * The image the viewer already holds, when the CPU path can draw it as it is (grey, or colour as
 * RGBA): its file's pixel bytes are gone by then (slim-datasets.ts), so it is not decoded again.
 */
function cachedForCpu(cs: Cornerstone, imageId: string) {
  const image = cs.cache.getImage(imageId);
  if (!image) return undefined;
  return !image.color || image.getPixelData().length === image.rows * image.columns * 4 ? image : undefined;
}

/** Thumbnails wait for a quiet moment: the viewer's first image and its slices come first. */
const IDLE_TIMEOUT_MS = 1_000;

/**
 * Draws on the CPU, as the viewer's stacks are (render-path.ts): no WebGL context for a list of
 * thumbnails, and a software canvas.
 */
async function renderOffscreen(instanceId: number): Promise<HTMLCanvasElement> {
  const cs = await initCornerstone();
  await new Promise<void>((resolve) => requestIdleCallback(() => resolve(), { timeout: IDLE_TIMEOUT_MS }));
  const imageId = imageIdForInstance(instanceId);
  const canvas = softwareCanvas(THUMBNAIL_SIZE, THUMBNAIL_SIZE);
  const image = cachedForCpu(cs, imageId) ?? (await loadImage(cs, imageId));
  const modality = (cs.metaData.get('generalSeriesModule', imageId) as { modality?: string } | undefined)?.modality;
  await withTimeout(cs.utilities.renderToCanvasCPU(canvas, image, modality), RENDER_TIMEOUT_MS, 'Rendering the image');
  return canvas;
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
