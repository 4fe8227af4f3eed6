import type { InstanceSummary } from '@shared/dicom/series';

type Core = typeof import('@cornerstonejs/core');
type Loader = typeof import('@cornerstonejs/dicom-image-loader');

/** Ahead of the loader's own metadata provider (priority 0). */
const PRIORITY = 100;

/** The images whose measuring spacing is not the file's Pixel Spacing (a radiograph's Imager Pixel Spacing, corrected or not), by image id. */
const spacingByImageId = new Map<string, [number, number]>();

/** Pixel Spacing as Cornerstone reads it (positive), or null. */
function cornerstoneSpacing(instance: InstanceSummary): [number, number] | null {
  const ps = instance.pixelSpacing;
  return ps && ps[0] > 0 && ps[1] > 0 ? ps : null;
}

/**
 * Tells the viewer the spacing to measure an instance's images with when the index's rule
 * (measurementSpacing) differs from the Pixel Spacing Cornerstone reads: Imager Pixel Spacing alone
 * (the detector's), or divided by the Estimated Radiographic Magnification Factor. The SR writer
 * places drawings with the same spacing (viewerPixelPlane).
 * @param imageIds - the image ids of the instance's frames
 */
export function registerMeasurementSpacing(instance: InstanceSummary, imageIds: readonly string[]): void {
  const wanted = instance.measurementSpacing.spacing;
  const read = cornerstoneSpacing(instance);
  const differs = wanted !== null && (read === null || wanted[0] !== read[0] || wanted[1] !== read[1]);
  for (const imageId of imageIds) {
    if (differs) spacingByImageId.set(imageId, wanted);
    else spacingByImageId.delete(imageId);
  }
}

/**
 * Makes Cornerstone place and measure a registered image with the spacing rule's spacing, so that
 * the figures it computes are in the mm the panel names ("mm (detector)", "mm (magnification-corrected)").
 * @param cs - the core module
 * @param loader - the DICOM image loader (its wadouri provider gives the rest of the plane)
 */
export function measureWithRuleSpacing(cs: Core, loader: Loader): void {
  const fileProvider = loader.wadouri.metaData.metaDataProvider as (type: string, imageId: string) => unknown;
  cs.metaData.addProvider((type: string, imageId: string) => {
    if (type !== 'imagePlaneModule') return undefined;
    const spacing = spacingByImageId.get(imageId);
    if (!spacing) return undefined;
    const module = fileProvider(type, imageId) as Record<string, unknown> | undefined;
    if (!module) return undefined;
    return { ...module, pixelSpacing: [...spacing], rowPixelSpacing: spacing[0], columnPixelSpacing: spacing[1], usingDefaultValues: false };
  }, PRIORITY);
}
