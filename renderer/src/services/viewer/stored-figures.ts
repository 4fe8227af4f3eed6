import type { Annotation } from '@shared/annotation/annotation';
import { measuresInPixels, measurementUnit, unitWithPlane, type MeasurementUnit } from '@shared/annotation/measurement-unit';
import type { SpacingPlane } from '@shared/dicom/measurement-spacing';
import type { SeriesStack } from './series-stack';

/** How the panel writes each unit (as Cornerstone's own figures write them). */
const UNIT_LABELS: Record<MeasurementUnit, string> = { mm: 'mm', mm2: 'mm²', mm3: 'mm³', px: 'px', px2: 'px²', '%': '%', deg: '°', HU: 'HU', '1': '' };

/** Whether a tool's figures hold a number yet (Cornerstone computes them when it first draws the drawing). */
export function hasFigures(stats: Record<string, number | string>): boolean {
  return Object.values(stats).some((value) => typeof value === 'number');
}

/**
 * The SOP class a stored drawing was measured on, whether in pixels, and the plane its lengths lie
 * in: its image's, or for a reformat-plane drawing any image of its series (as the SR writer takes
 * it); '' and the patient plane when the series is not loaded.
 */
function imageOf(record: Pick<Annotation, 'sopInstanceUid'>, stack: SeriesStack | undefined): { sopClassUid: string; inPixels: boolean; plane: SpacingPlane; maxMagnification?: number } {
  const instances = stack?.instances ?? [];
  const image = instances.find((i) => i.sopInstanceUid === record.sopInstanceUid) ?? instances[0];
  // Without a spacing the viewer measured lengths and areas in pixels (a radiograph, say).
  const maxMagnification = image?.measurementSpacing.maxMagnification;
  return { sopClassUid: image?.sopClassUid ?? '', inPixels: image ? measuresInPixels(image) : false, plane: image?.measurementSpacing.plane ?? 'patient', ...(maxMagnification !== undefined ? { maxMagnification } : {}) };
}

/** The plane a drawing's lengths lie in, by the image it was drawn on (measurementSpacing): what the panel names beside "mm". */
export function spacingPlaneOf(image: { sopInstanceUid: string | null } | null, stack: SeriesStack | undefined): SpacingPlane {
  return imageOf({ sopInstanceUid: image?.sopInstanceUid ?? null }, stack).plane;
}

/** The largest magnification a drawing's detector-plane lengths may carry when its image's header states one above 1.3, else undefined. */
export function maxMagnificationOf(image: { sopInstanceUid: string | null } | null, stack: SeriesStack | undefined): number | undefined {
  return imageOf({ sopInstanceUid: image?.sopInstanceUid ?? null }, stack).maxMagnification;
}

/**
 * A stored drawing's figures in the shape of Cornerstone's stats, with the units the SR writer
 * gives them (measurementUnit): what the panel shows before the drawing's slice is first drawn.
 * @param record - the stored drawing
 * @param stack - its series' stack, if loaded (it tells the image's SOP class: HU on a CT)
 */
export function storedStats(record: Annotation, stack: SeriesStack | undefined): Record<string, number | string> {
  const { sopClassUid, inPixels, plane } = imageOf(record, stack);
  const label = (key: string) => UNIT_LABELS[measurementUnit(key, sopClassUid, inPixels)];
  // Cornerstone's stats name the unit of lengths, of areas and of intensities once each.
  return withPlaneUnits({ ...record.measurements, unit: label('length'), areaUnit: label('area'), modalityUnit: label('mean') }, plane);
}

/**
 * Figures whose length and area units name the plane they lie in ("mm (detector)"), as the panel
 * shows Cornerstone's live figures and the stored ones alike.
 */
export function withPlaneUnits(stats: Record<string, number | string>, plane: SpacingPlane): Record<string, number | string> {
  const out = { ...stats };
  for (const key of ['unit', 'areaUnit'] as const) if (typeof out[key] === 'string') out[key] = unitWithPlane(out[key], plane);
  return out;
}
