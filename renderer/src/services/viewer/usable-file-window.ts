type Core = typeof import('@cornerstonejs/core');
type Loader = typeof import('@cornerstonejs/dicom-image-loader');

interface VoiLutModule {
  windowCenter?: number[];
  windowWidth?: number[];
}

/** Ahead of the loader's own metadata provider (priority 0). */
const PRIORITY = 100;

/** DICOM requires Window Width >= 1 (PS3.3 C.11.2.1.2); a file's 0 or negative width is no window at all. */
function unusable(module: VoiLutModule | undefined): boolean {
  const widths = module?.windowWidth;
  return Array.isArray(widths) && widths.some((w) => !Number.isFinite(w) || w < 1);
}

/**
 * Makes Cornerstone treat a file's unusable window (width below 1, as some MR exporters write
 * 0 / 0) as absent, so that the image is windowed on its pixel range, as a file without a window
 * is, instead of on a two-level window that shows it black. Applies to stacks, thumbnails and
 * reformats alike, since all read the same metadata.
 * @param cs - the core module
 * @param loader - the DICOM image loader (its wadouri metadata provider is the one corrected)
 */
export function ignoreUnusableFileWindows(cs: Core, loader: Loader): void {
  const fileProvider = loader.wadouri.metaData.metaDataProvider as (type: string, imageId: string) => unknown;
  cs.metaData.addProvider((type: string, imageId: string) => {
    if (type !== 'voiLutModule') return undefined;
    const module = fileProvider(type, imageId) as VoiLutModule | undefined;
    return unusable(module) ? { ...module, windowCenter: undefined, windowWidth: undefined } : undefined;
  }, PRIORITY);
}
