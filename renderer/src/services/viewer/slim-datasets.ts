type Core = typeof import('@cornerstonejs/core');
type Loader = typeof import('@cornerstonejs/dicom-image-loader');

/** The parts of a dicom-parser data set this module reads and rewrites. */
interface ParsedDataSet {
  byteArray: Uint8Array;
  elements: Record<string, { dataOffset: number; length: number }>;
}

const PIXEL_DATA = 'x7fe00010';

/**
 * The same data set without its pixel bytes: every other element keeps its offset, so the metadata
 * providers read it as before. Null when an element lies after the pixel data (its offset would
 * move) or there is nothing to drop.
 */
function withoutPixelBytes(dataSet: ParsedDataSet): ParsedDataSet | null {
  const pixels = dataSet.elements[PIXEL_DATA];
  if (!pixels || pixels.length <= 0) return null;
  const { [PIXEL_DATA]: _dropped, ...kept } = dataSet.elements;
  if (Object.values(kept).some((element) => element.dataOffset > pixels.dataOffset)) return null;
  const slim = Object.assign(Object.create(Object.getPrototypeOf(dataSet) as object) as ParsedDataSet, dataSet);
  slim.byteArray = dataSet.byteArray.slice(0, pixels.dataOffset);
  slim.elements = kept;
  return slim;
}

/**
 * Frees the file bytes of each single-frame image once Cornerstone holds it decoded. The DICOM
 * loader keeps every file it parsed (for its metadata) as long as the image is cached, pixel data
 * included: a second copy of the series, 157 MB for a 512x512x300 CT. Only the pixel bytes go;
 * the tags stay for the metadata providers. When the image leaves the cache, its data set goes
 * too, so that loading the image again fetches the file again; so does any load that decodes it
 * again while it is cached (a reformat's volume loader may decode a slice into its own buffer),
 * which would otherwise find no pixel data.
 * @param cs - the core module
 * @param loader - the DICOM image loader
 */
export function slimDataSetsOnceDecoded(cs: Core, loader: Loader): void {
  const { dataSetCacheManager, parseImageId } = loader.wadouri;
  const slimmed = new Set<string>();
  const loadImage = loader.wadouri.loadImage;
  cs.imageLoader.registerImageLoader('wadouri', ((imageId: string, options?: Record<string, unknown>) => {
    const { url } = parseImageId(imageId);
    if (slimmed.delete(url)) while (dataSetCacheManager.isLoaded(url)) dataSetCacheManager.unload(url);
    return loadImage(imageId, options);
  }) as unknown as Parameters<Core['imageLoader']['registerImageLoader']>[1]);
  cs.eventTarget.addEventListener(cs.Enums.Events.IMAGE_CACHE_IMAGE_ADDED, (event: Event) => {
    const cached = (event as CustomEvent<{ image?: { imageId?: string; image?: { data?: unknown } } }>).detail.image;
    const imageId = cached?.imageId;
    if (!imageId?.startsWith('wadouri:') || /[?&]frame=/.test(imageId)) return;
    const { url } = parseImageId(imageId);
    const dataSet = dataSetCacheManager.get(url) as ParsedDataSet | undefined;
    const slim = dataSet && withoutPixelBytes(dataSet);
    if (!slim || !cached) return;
    dataSetCacheManager.update(url, slim as never);
    if (cached.image) cached.image.data = slim;
    slimmed.add(url);
  });
  cs.eventTarget.addEventListener(cs.Enums.Events.IMAGE_CACHE_IMAGE_REMOVED, (event: Event) => {
    const imageId = (event as CustomEvent<{ imageId?: string }>).detail.imageId;
    if (!imageId?.startsWith('wadouri:')) return;
    const { url } = parseImageId(imageId);
    if (!slimmed.delete(url)) return;
    while (dataSetCacheManager.isLoaded(url)) dataSetCacheManager.unload(url);
  });
}
