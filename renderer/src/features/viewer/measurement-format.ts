import { fixedFigure, fixedLength } from '@shared/scoring/shown-figure';
import type { AnnotationSnapshot } from '../../services/viewer/annotation-snapshot';

const NAMES: Record<string, string> = {
  Length: 'Length',
  Bidirectional: 'Bidirectional',
  EllipticalROI: 'Ellipse',
  CircleROI: 'Circle',
  PlanarFreehandROI: 'Freehand',
  Angle: 'Angle',
  Probe: 'Probe',
  ArrowAnnotate: 'Arrow',
  CorticalInvolvement: 'Cortex',
};

const n = (value: number | string | undefined, digits = 2) => (typeof value === 'number' ? value.toFixed(digits) : '—');
/** A length: a lesion's size or axial extent may be read from it, so never shown on or across their limits. */
const len = (value: number | string | undefined) => (typeof value === 'number' ? fixedLength(value, 2) : '—');

/** The name a reader knows a tool by. */
export function measurementName(toolName: string): string {
  return NAMES[toolName] ?? toolName;
}

/**
 * A measurement's figures in one line, e.g. "43.21 mm" or "Area 120.5 mm² · mean 35.2 ± 12.0 HU".
 * @param annotation - the annotation from the measurement seam
 */
export function measurementValue(annotation: AnnotationSnapshot): string {
  const s = annotation.stats;
  switch (annotation.toolName) {
    case 'Length':
      return `${len(s.length)} ${s.unit ?? ''}`.trim();
    case 'Bidirectional':
      return `${len(s.length)} × ${len(s.width)} ${s.unit ?? ''}`.trim();
    case 'Angle':
      return typeof s.angle === 'number' ? `${n(s.angle)}°` : String(s.angle ?? '—');
    case 'Probe':
      return `${n(s.value)} ${s.modalityUnit ?? ''}`.trim();
    case 'ArrowAnnotate':
      return annotation.text || '(no text)';
    case 'CorticalInvolvement':
      {
      const pct = typeof s.arcPercent === 'number' ? fixedFigure('circumferentialInvolvementPct', s.arcPercent, 1) : '—';
      return `${pct}% of circumference${typeof s.axialExtentMm === 'number' ? ` · axial ${fixedFigure('axialInvolvementMm', s.axialExtentMm, 1)} mm` : ''}`;
    }
    default: {
      // A freehand line left open has a length and no area.
      if (typeof s.area !== 'number' && typeof s.length === 'number') return `Open contour ${n(s.length)} ${s.unit ?? ''}`.trim();
      const unit = s.modalityUnit ?? '';
      const parts = [`Area ${n(s.area)} ${s.areaUnit ?? ''}`.trim()];
      if (typeof s.mean === 'number') parts.push(`mean ${n(s.mean)} ± ${n(s.stdDev)} ${unit}`.trim());
      if (typeof s.min === 'number' || typeof s.max === 'number') parts.push(`min ${n(s.min)} max ${n(s.max)}`);
      return parts.join(' · ');
    }
  }
}
