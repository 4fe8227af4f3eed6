import type { Types } from '@cornerstonejs/core';
import { cameraThrough } from './plane-camera';

type Core = typeof import('@cornerstonejs/core');
type AnyViewport = Types.IStackViewport | Types.IVolumeViewport;

/** A VOI window as width and centre. */
export interface Window {
  width: number;
  center: number;
}

/**
 * Sets a window/level on a viewport (linear VOI function, as DICOM defines width and centre).
 * @param cs - the core module
 * @param viewport - the viewport
 * @param window - width and centre in modality units (HU for CT)
 */
export function applyWindow(cs: Core, viewport: AnyViewport, window: Window): void {
  const voiRange = cs.utilities.windowLevel.toLowHighRange(window.width, window.center);
  viewport.setProperties({ voiRange });
  viewport.render();
}

/** The window a viewport shows now, or null before its first image. */
export function currentWindow(cs: Core, viewport: AnyViewport): Window | null {
  const { voiRange } = (viewport.getProperties() ?? {}) as { voiRange?: { lower: number; upper: number } };
  if (!voiRange) return null;
  const { windowWidth, windowCenter } = cs.utilities.windowLevel.toWindowLevel(voiRange.lower, voiRange.upper);
  return { width: windowWidth, center: windowCenter };
}

/** Swaps black and white (MONOCHROME1 files start inverted by Cornerstone itself). */
export function toggleInvert(viewport: AnyViewport): void {
  const { invert } = (viewport.getProperties() ?? {}) as { invert?: boolean };
  viewport.setProperties({ invert: !invert });
  viewport.render();
}

/** Whether Cornerstone draws a viewport on the CPU (stacks, see render-path.ts). */
export function drawnOnCpu(viewport: AnyViewport): boolean {
  return (viewport as { useCPURendering?: boolean }).useCPURendering === true;
}

/**
 * Sets the mirroring of a viewport. Cornerstone's generic flip needs the GPU path's image data and
 * does nothing on the CPU path, whose camera takes the flips itself.
 */
function setFlips(viewport: AnyViewport, flips: { flipHorizontal?: boolean; flipVertical?: boolean }): void {
  if (drawnOnCpu(viewport)) viewport.setCamera(flips);
  else viewport.setViewPresentation(flips);
}

/** Mirrors the image left-right or top-bottom. */
export function flip(viewport: AnyViewport, direction: 'horizontal' | 'vertical'): void {
  const presentation = viewport.getViewPresentation({ flipHorizontal: true, flipVertical: true });
  if (direction === 'horizontal') setFlips(viewport, { flipHorizontal: !presentation.flipHorizontal });
  else setFlips(viewport, { flipVertical: !presentation.flipVertical });
  viewport.render();
}

/**
 * The zoom a reader expects (1 = the image fitted to its viewport) on either path: the CPU path's
 * own zoom is its scale, screen pixels per image pixel.
 * @param viewport - a viewport showing an image
 */
export function fittedZoom(viewport: AnyViewport): number {
  if (!drawnOnCpu(viewport)) return viewport.getZoom();
  const fit = (viewport as { getFitParallelScaleCPU?(ratio: number): number }).getFitParallelScaleCPU?.(1);
  const { parallelScale } = viewport.getCamera();
  return fit && parallelScale ? fit / parallelScale : viewport.getZoom();
}

/**
 * Turns the image by a quarter turn.
 * @param viewport - the viewport
 * @param degrees - +90 clockwise, -90 anticlockwise
 */
export function rotate(viewport: AnyViewport, degrees: 90 | -90): void {
  const { rotation = 0 } = viewport.getViewPresentation({ rotation: true });
  viewport.setViewPresentation({ rotation: (((rotation + degrees) % 360) + 360) % 360 });
  viewport.render();
}

/** How a viewport first showed its image: the file's own window and polarity. */
export interface InitialDisplay {
  window: Window | null;
  invert: boolean;
}

/**
 * Back to how the image first appeared: no flip, no rotation, fitted and centred, first window
 * and polarity (MONOCHROME1 files start inverted), on the slice the reader is on: a reformat's
 * own reset would also take its plane back to the middle of the volume, which a stack's does not.
 * @param cs - the core module
 * @param viewport - the viewport
 * @param initial - what its first render showed
 */
export function resetView(cs: Core, viewport: AnyViewport, initial: InitialDisplay): void {
  viewport.setViewPresentation({ rotation: 0 });
  setFlips(viewport, { flipHorizontal: false, flipVertical: false });
  const reading = viewport.type === cs.Enums.ViewportType.STACK ? undefined : viewport.getCamera().focalPoint;
  viewport.resetCamera();
  if (reading) {
    const { focalPoint, position, viewPlaneNormal } = viewport.getCamera();
    if (focalPoint && position && viewPlaneNormal) viewport.setCamera(cameraThrough({ focalPoint, position, viewPlaneNormal }, reading));
  }
  viewport.setProperties({ invert: initial.invert });
  if (initial.window) applyWindow(cs, viewport, initial.window);
  viewport.render();
}
