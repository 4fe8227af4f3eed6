import type { Types } from '@cornerstonejs/core';

type AnyViewport = Types.IStackViewport | Types.IVolumeViewport;

/**
 * Whether a viewport's values are Hounsfield units (a CT), the units the Bone, Soft tissue, Lung
 * and Brain windows are given in: on an MR's signal or a radiograph's detector values the same
 * numbers window nothing meaningful.
 * @param viewport - a viewport showing an image or a volume
 */
export function showsHounsfield(viewport: AnyViewport): boolean {
  const data = (viewport as { getImageData(): Types.IImageData | undefined }).getImageData();
  return (data?.metadata as { Modality?: string } | undefined)?.Modality === 'CT';
}
