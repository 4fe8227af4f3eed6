/**
 * The steps of opening the viewer, in the order a deep link's first image passes them; its tools
 * load after its first frame, and take the viewports' input at tools-attached.
 */
export const VIEWER_STEPS = ['cornerstone', 'session', 'first-image-decoded', 'first-frame', 'tools', 'tools-attached'] as const;

/** One step of opening the viewer. */
export type ViewerStep = (typeof VIEWER_STEPS)[number];

/** The User Timing mark of a step (visible in the browser's performance tools and to the benchmark). */
export function viewerMarkName(step: ViewerStep): string {
  return `bonemet:viewer:${step}`;
}

/**
 * Marks the first time this page reaches a step of opening the viewer (later openings are not
 * marked: the benchmark and a reader's profile look at the page's first image).
 * @param step - the step reached
 */
export function markViewer(step: ViewerStep): void {
  const name = viewerMarkName(step);
  if (performance.getEntriesByName(name, 'mark').length === 0) performance.mark(name);
}
