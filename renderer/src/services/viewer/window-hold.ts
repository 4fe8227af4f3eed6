import type { Types } from '@cornerstonejs/core';
import { drawnOnCpu } from './view-actions';

type Core = typeof import('@cornerstonejs/core');

/**
 * Keeps a CPU-drawn stack's reported window equal to the one it draws. On Cornerstone's CPU path
 * the window drawn holds from slice to slice, but each new slice resets the viewport's voiRange
 * (what getProperties, the overlay, the presets, the W/L drag and the reformat read) to that
 * slice's own window from the file. The window shown before the new slice is put back once
 * Cornerstone has taken the slice, before it is drawn. A new stack (setStack) starts afresh.
 * Returns the function that stops it.
 * @param cs - the core module
 * @param element - the viewport's element
 * @param getViewport - the live viewport (undefined once it is gone)
 */
export function holdWindowAcrossSlices(cs: Core, element: HTMLDivElement, getViewport: () => Types.IStackViewport | Types.IVolumeViewport | undefined): () => void {
  let stackShown: readonly string[] | null = null;
  const onNewImage = () => {
    const viewport = getViewport();
    if (!viewport || viewport.type !== cs.Enums.ViewportType.STACK || !drawnOnCpu(viewport)) return;
    const stack = viewport as Types.IStackViewport;
    const imageIds = stack.getImageIds();
    const sameStack = imageIds === stackShown;
    stackShown = imageIds;
    const { voiRange } = stack.getProperties();
    if (!sameStack || !voiRange) return;
    // STACK_NEW_IMAGE fires before Cornerstone resets voiRange for the slice, in the same task.
    queueMicrotask(() => {
      if (getViewport() !== viewport || stack.getImageIds() !== imageIds) return;
      // Slices of one series mostly carry one window: set it again only when the slice's own
      // differs, since setting it makes Cornerstone build the slice's lookup table anew.
      const reset = stack.getProperties().voiRange;
      if (reset?.lower !== voiRange.lower || reset?.upper !== voiRange.upper) stack.setProperties({ voiRange });
    });
  };
  element.addEventListener(cs.Enums.Events.STACK_NEW_IMAGE, onNewImage);
  return () => element.removeEventListener(cs.Enums.Events.STACK_NEW_IMAGE, onNewImage);
}
