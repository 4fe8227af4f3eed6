import type { Annotation } from '@shared/annotation/annotation';
import { measurementUnit, type MeasurementUnit } from '@shared/annotation/measurement-unit';
import type { SeriesStack } from './series-stack';

/** How the panel writes each unit (as Cornerstone's own figures write them). */
const UNIT_LABELS: Record<MeasurementUnit, string> = { mm: 'mm', mm2: 'mm²', mm3: 'mm³', '%': '%', deg: '°', HU: 'HU', '1': '' };

/** Whether a tool's figures hold a number yet (Cornerstone computes them when it first draws the drawing). */
export function hasFigures(stats: Record<string, number | string>): boolean {
  return Object.values(stats).some((value) => typeof value === 'number');
}

/**
 * The SOP class a stored drawing was measured on: its image's, or for a reformat-plane drawing any
 * image of its series (as the SR writer takes it); '' when the series is not loaded.
 */
function sopClassOf(record: Annotation, stack: SeriesStack | undefined): string {
  const instances = stack?.instances ?? [];
  return (instances.find((i) => i.sopInstanceUid === record.sopInstanceUid) ?? instances[0])?.sopClassUid ?? '';
}

/**
 * A stored drawing's figures in the shape of Cornerstone's stats, with the units the SR writer
 * gives them (measurementUnit): what the panel shows before the drawing's slice is first drawn.
 * @param record - the stored drawing
 * @param stack - its series' stack, if loaded (it tells the image's SOP class: HU on a CT)
 */
export function storedStats(record: Annotation, stack: SeriesStack | undefined): Record<string, number | string> {
  const sopClass = sopClassOf(record, stack);
  const label = (key: string) => UNIT_LABELS[measurementUnit(key, sopClass)];
  // Cornerstone's stats name the unit of lengths, of areas and of intensities once each.
  return { ...record.measurements, unit: label('length'), areaUnit: label('area'), modalityUnit: label('mean') };
}
