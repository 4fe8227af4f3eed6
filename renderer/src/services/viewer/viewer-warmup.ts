import { initCornerstone } from '../cornerstone';
import { loadForStack, warmCanvas } from './render-path';
import { loadSeriesStack } from './series-stack';
import { initTools } from './tools';

/** What a deep link asks the viewer to show first. */
export interface FirstImage {
  seriesUid: string;
  /** 0-based slice of the series' spatial order. */
  index: number;
}

let warming: Promise<unknown> | null = null;

/**
 * Starts what every opening of the viewer waits for: Cornerstone's core, loader and tools (their
 * scripts download and compile while the page does something else), and the page's first 2D
 * canvas (Chromium's first canvas draw sets up its raster path: 100 to 400 ms without a GPU).
 * Idempotent; a failure is left for the viewer itself to report when it starts.
 */
export function warmViewer(): void {
  warming ??= Promise.all([initCornerstone(), initTools()]).catch(() => (warming = null));
  warmCanvas();
}

/**
 * Starts what a link's first image waits for, and only that: Cornerstone's core and loader and the
 * first canvas. The tools load after its first frame (ViewerSession.whenTools): their script would
 * otherwise compete with the core's for the machine's cores.
 */
export function warmFirstImagePath(): void {
  void initCornerstone().catch(() => undefined);
  warmCanvas();
}

/**
 * For a deep link: warms the viewer and, at the same time, lists the series and loads its first
 * image into Cornerstone's cache, so that the viewport finds it there when React mounts it.
 * @param first - the series and slice the link opens
 */
export function prefetchFirstImage(first: FirstImage): void {
  // The series list is asked for first: the canvas warm-up holds the main thread a while.
  const stack = loadSeriesStack(first.seriesUid);
  warmFirstImagePath();
  void Promise.all([initCornerstone(), stack])
    .then(([cs, stack]) => {
      return loadForStack(cs, stack.imageIds[Math.min(Math.max(0, first.index), stack.imageIds.length - 1)]!);
    })
    // The viewport loads the image again itself and reports what went wrong.
    .catch(() => undefined);
}
