import type { Types } from '@cornerstonejs/core';
import { drawnOnCpu } from './view-actions';

/**
 * Shows a longer listing of the series a stack viewport shows (one still arriving from the PACS)
 * on the image the reader is on, with the window, polarity, zoom, pan, rotation and flips they
 * left: Cornerstone's setStack resets every one of them, and the image a slice number names moves
 * when slices arrive before it in spatial order.
 * @param viewport - the stack viewport, showing an image of the series
 * @param imageIds - the series' image ids in spatial order (those shown now among them)
 */
export async function showLongerStack(viewport: Types.IStackViewport, imageIds: string[]): Promise<void> {
  const reading = viewport.getImageIds()[viewport.getTargetImageIdIndex()];
  const index = reading === undefined ? 0 : Math.max(0, imageIds.indexOf(reading));
  const { voiRange, invert, isComputedVOI, interpolationType } = viewport.getProperties();
  const camera = viewport.getCamera();
  const { rotation } = viewport.getViewPresentation({ rotation: true });
  await viewport.setStack(imageIds, index);
  // The window shown is kept: on the CPU path it always holds from slice to slice (and Cornerstone
  // does not mark one the reader set there); on the GPU path a window the file chose stays the file's.
  const keepWindow = voiRange && (drawnOnCpu(viewport) || !isComputedVOI);
  viewport.setProperties({ invert, interpolationType, ...(keepWindow ? { voiRange } : {}) });
  viewport.setCamera(camera);
  if (rotation !== undefined) viewport.setViewPresentation({ rotation });
  viewport.render();
}
