// Functions that Playwright runs inside the viewer's page (serialised: self-contained, no imports,
// and no function bound to a name inside them: tsx wraps those in a helper the page does not have).

/** In-page times (ms since the page's navigation start) of the first `rendered` of each plane, and of the M key. */
export interface ViewerMarks {
  stack?: number;
  axial?: number;
  sagittal?: number;
  coronal?: number;
  mprKey?: number;
  /** When the series was asked for from the loaded app (markOpen). */
  open?: number;
}

/** What one scroll over consecutive slices took. */
export interface ScrollRun {
  ms: number;
  /** Frames Cornerstone drew in the viewport meanwhile (IMAGE_RENDERED, counted by the seam). */
  renders: number;
  from: number;
  to: number;
}

/**
 * Init script: notes when each plane's viewport first says `data-viewport-status="rendered"` and
 * when M (the reformat key) went down, in the page's own clock, so that no driver round trip or
 * polling interval is counted.
 */
export function recordViewerMarks(): void {
  const marks: Record<string, number> = {};
  (window as unknown as { __benchMarks: Record<string, number> }).__benchMarks = marks;
  new MutationObserver(() => {
    for (const element of document.querySelectorAll('[data-testid="viewport"][data-viewport-status="rendered"]')) {
      marks[element.getAttribute('data-orientation') ?? 'unknown'] ??= performance.now();
    }
  }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-viewport-status'] });
  addEventListener('keydown', (event) => {
    if (event.key === 'm') marks.mprKey ??= event.timeStamp;
  }, true);
}

/**
 * Notes the time and goes to a deep link inside the loaded app, as a click on a series does.
 * @param hash - the series' deep link (`#/study/.../series/...`)
 */
export function markOpen(hash: string): void {
  (window as unknown as { __benchMarks: ViewerMarks }).__benchMarks.open = performance.now();
  location.hash = hash;
}

/** The marks recorded so far. */
export function readViewerMarks(): ViewerMarks {
  return (window as unknown as { __benchMarks: ViewerMarks }).__benchMarks;
}

/**
 * Scrolls the stack viewport over `count` consecutive slices with wheel notches on its element (the
 * path a user's wheel takes into Cornerstone), each sent once the previous slice was drawn: the
 * fastest pace at which every slice is shown, without a test driver's round trip per slice.
 * @param args - how many slices, and which way (1 = next, -1 = previous)
 */
export async function scrollSlices(args: { count: number; direction: number }): Promise<ScrollRun> {
  const seam = window.__bonemetViewer!;
  const element = document.querySelector<HTMLElement>('[data-testid="viewport"][data-orientation="stack"]')!;
  const id = element.getAttribute('data-viewport-id')!;
  const box = element.getBoundingClientRect();
  const [x, y] = [box.left + box.width / 2, box.top + box.height / 2];
  const from = seam.viewports().find((v) => v.id === id)!.sliceIndex;
  const rendersBefore = seam.renderCount(id);
  const started = performance.now();
  for (let k = 1; k <= args.count; k++) {
    const target = from + k * args.direction;
    const drawn = new AbortController();
    const shown = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`slice ${target} was not drawn within 30 s`)), 30_000);
      element.addEventListener(
        'CORNERSTONE_IMAGE_RENDERED',
        () => {
          if (seam.viewports().find((v) => v.id === id)!.sliceIndex !== target) return;
          clearTimeout(timer);
          drawn.abort();
          resolve();
        },
        { signal: drawn.signal },
      );
    });
    // One notch as a mouse sends it: Chromium derives a constructed event's legacy wheelDelta with
    // the opposite sign, and Cornerstone reads that first, so the notch's own values are set.
    const notch = new WheelEvent('wheel', { deltaY: 100 * args.direction, clientX: x, clientY: y, bubbles: true, cancelable: true });
    Object.defineProperty(notch, 'wheelDelta', { value: -120 * args.direction });
    Object.defineProperty(notch, 'wheelDeltaY', { value: -120 * args.direction });
    element.dispatchEvent(notch);
    await shown;
    // The next notch comes in a task of its own, as input does: one sent from inside the render
    // callback makes Cornerstone hold the next frame back (about 200 ms here).
    await new Promise<void>((resolve) => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => resolve();
      channel.port2.postMessage(null);
    });
  }
  return { ms: performance.now() - started, renders: seam.renderCount(id) - rendersBefore, from, to: seam.viewports().find((v) => v.id === id)!.sliceIndex };
}

/** The viewer's own User Timing marks (`bonemet:viewer:<step>`, see viewer-timing.ts), ms since navigation start. */
export function readViewerSteps(): Record<string, number> {
  const steps: Record<string, number> = {};
  for (const mark of performance.getEntriesByType('mark')) {
    if (mark.name.startsWith('bonemet:viewer:')) steps[mark.name.slice('bonemet:viewer:'.length)] = mark.startTime;
  }
  return steps;
}

/**
 * How long the benchmarks' reader looks at the study list before opening a series: the app warms
 * the viewer when it is first idle, and a click within the first second of the list (before that)
 * measured Cornerstone's start-up instead, from 0.2 to 1 s from one run to the next.
 */
export const READER_LOOKS_MS = 3_000;

