import { isImageAnnotation, type Annotation } from '@shared/annotation/annotation';
import type { Lesion } from '@shared/lesion/lesion';
import { MEASUREMENT_FIELDS, measurementOf } from '../lesion-facts';

/** The most key images one lesion shows: enough for axial and long-axis views, few enough for a page. */
export const MAX_KEY_IMAGES_PER_LESION = 3;

/** One image to show, with the lesion's annotations on it. */
export interface KeyImageChoice {
  seriesInstanceUid: string;
  sopInstanceUid: string;
  frameNumber: number;
  annotations: Annotation[];
}

/**
 * The images a lesion's annotations were drawn on: annotations linked to the lesion, and those its
 * measurements came from. Images with more of them first, then in the order they were drawn.
 */
export function selectKeyImages(lesion: Lesion, annotations: readonly Annotation[]): KeyImageChoice[] {
  const measuredOn = new Set(
    MEASUREMENT_FIELDS.map((m) => measurementOf(lesion, m.key)?.provenance).flatMap((p) => (p?.source === 'annotation' ? [p.annotationId] : [])),
  );
  // A drawing on a reformat plane has no source image to show: it is not a key image.
  const own = annotations.filter(isImageAnnotation).filter((a) => a.lesionId === lesion.id || measuredOn.has(a.id));
  const byImage = new Map<string, KeyImageChoice>();
  for (const a of own) {
    const key = `${a.sopInstanceUid}#${a.frameNumber}`;
    const choice = byImage.get(key) ?? { seriesInstanceUid: a.seriesInstanceUid, sopInstanceUid: a.sopInstanceUid, frameNumber: a.frameNumber, annotations: [] };
    choice.annotations.push(a);
    byImage.set(key, choice);
  }
  // Array.prototype.sort is stable: equal counts keep the order the first annotation was drawn in.
  return [...byImage.values()].sort((x, y) => y.annotations.length - x.annotations.length).slice(0, MAX_KEY_IMAGES_PER_LESION);
}
