type Core = typeof import('@cornerstonejs/core');
type ToolsModule = typeof import('@cornerstonejs/tools');

/** The share of the renderer's limit that decoded images may take; the rest is the app's own. */
const IMAGE_SHARE = 0.75;
/** Without Chromium's performance.memory: a 64-bit Chromium renderer's default heap limit. */
const DEFAULT_LIMIT_BYTES = 4 * 1024 ** 3;

/** What the viewer may hold in decoded images, and the limit that share comes from. */
export interface MemoryBudget {
  /** The renderer's limit: Chromium's JS heap limit, which `--js-flags=--max-old-space-size` sets. */
  limitBytes: number;
  /** The part of it decoded images may fill (Cornerstone's image cache is held to it). */
  imageBytes: number;
}

/**
 * The viewer's memory budget in this renderer. Chromium reports its heap limit (4 GB by default
 * on 64-bit; an operator lowers it with `--js-flags=--max-old-space-size=N`); three quarters of
 * it are for decoded images, the rest for the app, its scripts and the images being decoded.
 */
export function viewerMemoryBudget(): MemoryBudget {
  const reported = (performance as { memory?: { jsHeapSizeLimit?: number } }).memory?.jsHeapSizeLimit;
  const limitBytes = reported && reported > 0 ? reported : DEFAULT_LIMIT_BYTES;
  return { limitBytes, imageBytes: Math.floor(limitBytes * IMAGE_SHARE) };
}

/**
 * Holds Cornerstone's image cache to the budget: a stack larger than it still opens and scrolls
 * (the slices least recently shown make room), where a reformat, which needs every slice at
 * once, is refused beforehand (mprAvailability).
 * @param cs - the core module
 */
export function applyMemoryBudget(cs: Core): void {
  cs.cache.setMaxCacheSize(viewerMemoryBudget().imageBytes);
}

/**
 * How many slices on each side of the shown one the stack may load ahead: all of them when the
 * whole series fits the budget, else as many as fill half of it, so that loading ahead never
 * pushes out what it has just loaded.
 * @param sliceCount - slices in the stack
 * @param bytesPerSlice - one decoded slice
 */
export function prefetchReach(sliceCount: number, bytesPerSlice: number): number {
  const { imageBytes } = viewerMemoryBudget();
  if (sliceCount * bytesPerSlice <= imageBytes) return Infinity;
  return Math.max(1, Math.floor(imageBytes / bytesPerSlice / 4));
}

/**
 * Holds how far a stack loads ahead to the memory budget, for a series of this many slices (prefetchReach).
 * @param tools - the tools module
 * @param sliceCount - slices in the stack
 * @param bytesPerSlice - one decoded slice
 */
export function fitPrefetch(tools: ToolsModule, sliceCount: number, bytesPerSlice: number): void {
  const { stackPrefetch } = tools.utilities;
  stackPrefetch.setConfiguration({ ...stackPrefetch.getConfiguration(), maxImagesToPrefetch: prefetchReach(sliceCount, bytesPerSlice) });
}

/** Bytes as a reader reads them: whole megabytes (10^6 bytes, as the benchmark prints them). */
export function megabytes(bytes: number): string {
  return `${Math.round(bytes / 1e6).toLocaleString('en-GB')} MB`;
}
