import { parsePatientOrientation } from '@shared/geometry/patient-direction';

type Core = typeof import('@cornerstonejs/core');
type Loader = typeof import('@cornerstonejs/dicom-image-loader');

/** The metadata type that gives an image's Patient Orientation (0020,0020) as row and column directions. */
export const PATIENT_ORIENTATION_MODULE = 'bonemetPatientOrientation';

/**
 * Serves Patient Orientation (0020,0020) from the parsed file, which the loader's own provider
 * does not read: a radiograph has no Image Orientation, and only this element says which side of
 * the patient its rows and columns run towards (the edge markers need it).
 * @param cs - the core module
 * @param loader - the DICOM image loader (its cache holds every shown image's tags)
 */
export function providePatientOrientation(cs: Core, loader: Loader): void {
  const { dataSetCacheManager, parseImageId } = loader.wadouri;
  cs.metaData.addProvider((type: string, imageId: string) => {
    if (type !== PATIENT_ORIENTATION_MODULE || !imageId.startsWith('wadouri:')) return undefined;
    const dataSet = dataSetCacheManager.get(parseImageId(imageId).url) as { string(tag: string): string | undefined } | undefined;
    return parsePatientOrientation(dataSet?.string('x00200020')) ?? undefined;
  });
}
