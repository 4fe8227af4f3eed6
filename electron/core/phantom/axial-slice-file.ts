import { ctFileMeta, ctSliceDataset, type SeriesContext } from './ct-dataset';
import { formatDs, formatZ } from './dicom-text';
import { encodePart10 } from '../export/dicom/export-file';

/** The file name of slice `index` (0-based) of a phantom series. */
export function axialSliceFileName(index: number): string {
  return `CT${String(index + 1).padStart(5, '0')}.dcm`;
}

/**
 * One axial CT slice as Part 10 bytes: slice `index` (0-based, instance number index + 1) whose
 * first pixel's centre lies at (x0, y0, zMm), with its stored pixel values.
 */
export function axialSliceFile(series: SeriesContext, sopInstanceUid: string, index: number, x0: number, y0: number, zMm: number, pixelData: ArrayBuffer): Buffer {
  const dataset = ctSliceDataset(series, {
    sopInstanceUid,
    instanceNumber: String(index + 1),
    imagePositionPatient: [formatDs(x0), formatDs(y0), formatZ(zMm)],
    sliceLocation: formatZ(zMm),
    // dcmjs keeps a reference until write() returns, so the caller may reuse one buffer.
    pixelData,
  });
  return encodePart10(ctFileMeta(sopInstanceUid), dataset);
}
