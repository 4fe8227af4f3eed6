import type { Types } from '@cornerstonejs/core';
import { drawnOnCpu } from './view-actions';

type Core = typeof import('@cornerstonejs/core');
type AnyViewport = Types.IStackViewport | Types.IVolumeViewport;

/**
 * Whether the file stores its image dark-for-bright (MONOCHROME1): Cornerstone inverts such an
 * image to show it as meant, which is the file's polarity, not a reader's inversion.
 * @param cs - the core module
 * @param viewport - a viewport showing an image
 */
export function storedInverted(cs: Core, viewport: AnyViewport): boolean {
  const imageId = viewport.getCurrentImageId?.();
  const pixel = imageId ? (cs.metaData.get('imagePixelModule', imageId) as { photometricInterpretation?: string } | undefined) : undefined;
  return pixel?.photometricInterpretation === 'MONOCHROME1';
}

/**
 * Makes a CPU-drawn stack's invert property say what it draws. Cornerstone's WebGL path sets
 * invert for a MONOCHROME1 image; its CPU path draws the image inverted (as meant) yet leaves the
 * property false, so Invert would first do nothing and Reset would show the image black-for-bone.
 * @param viewport - a stack viewport that has just shown its first image
 */
export function alignCpuPolarity(viewport: Types.IStackViewport): void {
  const image = viewport.getCornerstoneImage?.();
  if (!image || !drawnOnCpu(viewport) || !image.invert || viewport.getProperties().invert) return;
  viewport.setProperties({ invert: true });
  viewport.render();
}
