import type { Annotation } from '@shared/annotation/annotation';
import type { Lesion } from '@shared/lesion/lesion';
import { SR } from '../dicom/codes';
import type { ObjectDates } from '../dicom/object-dates';
import type { StudyInstance } from '../../index/instance-queries';
import type { IndexedFileFrames } from '../../index/indexed-file-frames';
import { newUid } from '../dicom/uids';
import { boneCode } from '../sr/finding-site';
import { lesionLabel } from '../sr/lesion-label';
import { lesionMasks } from './annotation-masks';
import type { SegmentationInput } from './segmentation';
import { sliceKey, type SliceGeometry } from './slice-geometry';
import { sourceSlices } from './source-slices';

/** What the segmentations of a study are planned from. */
export interface SegmentationSource {
  lesions: readonly Lesion[];
  annotations: readonly Annotation[];
  instances: readonly StudyInstance[];
  header: Record<string, unknown>;
  contentCreator: string;
  appVersion: string;
  dates: ObjectDates;
  /** The frames of multi-frame instances, from their functional groups: an export's, read once for all its steps (default: read here). */
  frames?: IndexedFileFrames;
  /**
   * The UID of an object the export makes, by name ("seg-series:<series>"); random by default. A
   * de-identified export derives them from its keyed map, so that exporting again gives the same ones.
   */
  deriveUid?: (name: string) => string;
}

/** A lesion left out of every segmentation, and why. */
export interface Unsegmented {
  lesionId: string;
  trackingUid: string;
  reason: string;
}

const LATERALITY = { left: SR.left, right: SR.right, midline: SR.median } as const;

/**
 * One Segmentation per series that has lesion areas drawn on it, one segment per such lesion
 * (numbered in the order lesions were marked), on single-frame images and on the frames of
 * multi-frame ones. Lesions with no area on any image with a plane are reported, not silently dropped.
 */
export function planSegmentations(source: SegmentationSource): { inputs: SegmentationInput[]; unsegmented: Unsegmented[] } {
  const slicesBySeries = new Map<string, SliceGeometry[]>();
  const sliceByKey = new Map<string, SliceGeometry>();
  const instanceByKey = new Map<string, StudyInstance>();
  const drawnOn = new Set(source.annotations.flatMap((a) => (a.sopInstanceUid === null ? [] : [a.sopInstanceUid])));
  for (const { instance, geometry: g } of sourceSlices(source.instances, drawnOn, source.frames)) {
    // A SEG's frames lie in its source's frame of reference (Type 1): an image without one cannot be placed.
    if (!instance.frameOfReferenceUid) continue;
    sliceByKey.set(sliceKey(g), g);
    instanceByKey.set(sliceKey(g), instance);
    slicesBySeries.set(instance.seriesInstanceUid, [...(slicesBySeries.get(instance.seriesInstanceUid) ?? []), g]);
  }
  const derive = source.deriveUid ?? (() => newUid());
  const inputs: SegmentationInput[] = [];
  const segmented = new Set<string>();
  for (const [seriesUid, slices] of slicesBySeries) {
    const own = new Set(slices.map((s) => s.sopInstanceUid));
    const segments = source.lesions.flatMap((lesion, i) => {
      const drawn = source.annotations.filter((a) => a.lesionId === lesion.id && a.sopInstanceUid !== null && own.has(a.sopInstanceUid));
      const { masks, inferred } = lesionMasks(drawn, sliceByKey);
      if (masks.size === 0) return [];
      segmented.add(lesion.id);
      const label = lesionLabel(i + 1, lesion);
      return [{ label, trackingId: label, trackingUid: lesion.trackingUid, anatomicRegion: boneCode(lesion.boneId), laterality: lesion.laterality ? LATERALITY[lesion.laterality] : null, masks, inferred }];
    });
    if (segments.length === 0) continue;
    // Thickness and frame of reference of an image a segment covers, not of a localiser the series may hold.
    const firstKey = segments[0]!.masks.keys().next().value!;
    inputs.push({
      header: source.header,
      seriesInstanceUid: seriesUid,
      frameOfReferenceUid: instanceByKey.get(firstKey)!.frameOfReferenceUid!,
      slices,
      sliceThickness: sliceByKey.get(firstKey)!.sliceThickness,
      segments,
      contentCreator: source.contentCreator,
      segSeriesInstanceUid: derive(`seg-series:${seriesUid}`),
      segSopInstanceUid: derive(`seg-instance:${seriesUid}`),
      dimensionOrganizationUid: derive(`seg-dimension-organization:${seriesUid}`),
      appVersion: source.appVersion,
      dates: source.dates,
    });
  }
  const unsegmented = source.lesions
    .filter((l) => !segmented.has(l.id))
    .map((l) => ({ lesionId: l.id, trackingUid: l.trackingUid, reason: 'no area (freehand, rectangle, ellipse, circle or cortical involvement) drawn on an image (or a frame of a multi-frame image) with patient geometry (a position, an orientation, a pixel spacing and a frame of reference)' }));
  return { inputs, unsegmented };
}
