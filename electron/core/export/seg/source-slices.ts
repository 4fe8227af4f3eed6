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
 * The images of a study's instances that have a plane: each single-frame instance the index places,
 * and each frame of the multi-frame (or unplaced single-frame enhanced) instances named in `framed`
 * (drawn on), placed by their functional groups, which the index does not keep: only those files are read.
 */
export function sourceSlices(instances: readonly StudyInstance[], framed: ReadonlySet<string>, headerOf: (instance: StudyInstance) => DataSet = readInstanceHeader): SourceSlice[] {
  return instances.flatMap((instance) => {
    // Frames of a multi-frame object, or an enhanced one of one frame, are placed in its functional groups.
    const inGroups = instance.frames > 1 || instance.imagePositionPatient === null;
    if (inGroups && !framed.has(instance.sopInstanceUid)) return [];
    const images = inGroups ? instanceFrames(instance, enhancedFrames(headerOf(instance), instance.frames)) : [instance];
    return images.flatMap((image) => {
      const geometry = sliceGeometryOf(image);
      return geometry ? [{ instance, geometry }] : [];
    });
  });
}
