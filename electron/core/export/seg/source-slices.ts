import { instanceFrames, placedInGroupsOnly } from '../../dicom/series-frames';
import { IndexedFileFrames } from '../../index/indexed-file-frames';
import type { StudyInstance } from '../../index/instance-queries';
import { sliceGeometryOf, type SliceGeometry } from './slice-geometry';

/** An image a segment can lie on, and the instance it is (or is a frame of). */
export interface SourceSlice {
  instance: StudyInstance;
  geometry: SliceGeometry;
}

/**
 * The images of a study's instances that have a plane: each single-frame instance the index places,
 * and each frame of the multi-frame (or unplaced single-frame enhanced) instances named in `framed`
 * (drawn on), placed by their functional groups, which the index does not keep: only those files are read
 * (through `frames`, which an export shares between its steps).
 */
export function sourceSlices(instances: readonly StudyInstance[], framed: ReadonlySet<string>, frames: IndexedFileFrames = new IndexedFileFrames()): SourceSlice[] {
  return instances.flatMap((instance) => {
    // Frames of a multi-frame object, or an enhanced one of one frame, are placed in its functional groups.
    const inGroups = instance.frames > 1 || placedInGroupsOnly(instance);
    if (inGroups && !framed.has(instance.sopInstanceUid)) return [];
    const images = inGroups ? instanceFrames(instance, frames.of(instance, instance.frames)) : [instance];
    return images.flatMap((image) => {
      const geometry = sliceGeometryOf(image);
      return geometry ? [{ instance, geometry }] : [];
    });
  });
}
