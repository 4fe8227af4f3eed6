import type { DataSet } from 'dicom-parser';
import { enhancedFrames } from '../../dicom/enhanced-frames';
import { parseHeaderBytes } from '../../dicom/read-header';
import { instanceFrames } from '../../dicom/series-frames';
import { readIndexedFile } from '../../index/indexed-file';
import type { StudyInstance } from '../../index/instance-queries';
import { sliceGeometryOf, type SliceGeometry } from './slice-geometry';

/** An image a segment can lie on, and the instance it is (or is a frame of). */
export interface SourceSlice {
  instance: StudyInstance;
  geometry: SliceGeometry;
}

/** Reads an indexed instance's header from its file (the functional groups that place a multi-frame one's frames). */
export function readInstanceHeader(instance: StudyInstance): DataSet {
  return parseHeaderBytes(readIndexedFile(instance));
}

/**
 * The images of a study's instances that have a plane: each single-frame instance, and each frame of
 * the multi-frame instances named in `framed` (drawn on), placed by their functional groups, which
 * the index does not keep: only those files are read.
 */
export function sourceSlices(instances: readonly StudyInstance[], framed: ReadonlySet<string>, headerOf: (instance: StudyInstance) => DataSet = readInstanceHeader): SourceSlice[] {
  return instances.flatMap((instance) => {
    const multiFrame = instance.frames > 1;
    if (multiFrame && !framed.has(instance.sopInstanceUid)) return [];
    const images = multiFrame ? instanceFrames(instance, enhancedFrames(headerOf(instance), instance.frames)) : [instance];
    return images.flatMap((image) => {
      const geometry = sliceGeometryOf(image);
      return geometry ? [{ instance, geometry }] : [];
    });
  });
}
