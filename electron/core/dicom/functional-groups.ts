import type { DataSet } from 'dicom-parser';

/**
 * The item of a functional group macro (e.g. Pixel Measures, 0028,9110) that applies to one frame of
 * an enhanced multi-frame object (PS3.3 C.7.6.16): the frame's own in the Per-Frame Functional Groups
 * (5200,9230), else the Shared Functional Groups' (5200,9229). A macro sits in one or the other.
 * @param frameNumber - 1-based
 */
export function functionalGroupItem(dataSet: DataSet, frameNumber: number, sequence: string): DataSet | undefined {
  const perFrame = dataSet.elements.x52009230?.items?.[frameNumber - 1]?.dataSet;
  const shared = dataSet.elements.x52009229?.items?.[0]?.dataSet;
  const first = (group: DataSet | undefined) => group?.elements[sequence]?.items?.[0]?.dataSet;
  return first(perFrame) ?? first(shared);
}
