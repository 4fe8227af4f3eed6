import fs from 'node:fs';
import dcmjs from 'dcmjs';

/** The parts of dcmjs's Cornerstone3D adapter (what OHIF's SR export runs) this helper calls. */
interface Cornerstone3DAdapter {
  adapters: {
    Cornerstone3D: {
      MeasurementReport: {
        generateReport(toolState: object, metadata: { get(type: string, imageId: string): unknown }, worldToImage: (imageId: string, point: number[]) => number[], options: object): { dataset: object };
      };
    };
  };
  data: { datasetToBuffer(dataset: object): ArrayBuffer };
}

/**
 * Writes a TID 1500 Measurement Report (Enhanced SR) the way OHIF and Cornerstone3D write one, with
 * dcmjs's Cornerstone3D adapter: one Length of 10 mm on one CT image. A valid report that BoneMet
 * Review did not write.
 * @param file - where the report goes
 */
export function writeCornerstoneLengthReport(file: string): void {
  const lib = dcmjs as unknown as Cornerstone3DAdapter;
  const imageId = 'wadouri:ct-1';
  const metadata: Record<string, unknown> = {
    sopCommonModule: { sopInstanceUID: '1.2.826.0.1.3680043.8.3.1.1', sopClassUID: '1.2.840.10008.5.1.4.1.1.2' },
    generalSeriesModule: { studyInstanceUID: '1.2.826.0.1.3680043.8.3', seriesInstanceUID: '1.2.826.0.1.3680043.8.3.1' },
    frameNumber: 1,
    instance: { NumberOfFrames: 1 },
  };
  const length = {
    metadata: { referencedImageId: imageId, toolName: 'Length', FrameOfReferenceUID: '1.2.826.0.1.3680043.8.3.9' },
    data: { handles: { points: [[0, 0, 0], [10, 0, 0]] }, cachedStats: { [`imageId:${imageId}`]: { length: 10, unit: 'mm' } }, label: 'femur' },
  };
  const report = lib.adapters.Cornerstone3D.MeasurementReport.generateReport(
    { [imageId]: { Length: { data: [length] } } },
    { get: (type) => metadata[type] },
    (_imageId, point) => [point[0]!, point[1]!],
    {},
  );
  fs.writeFileSync(file, Buffer.from(lib.data.datasetToBuffer(report.dataset)));
}
