import { fixedLength } from '@shared/scoring/shown-figure';

interface LengthData {
  label?: string;
  cachedStats: Record<string, { length?: number; width?: number; unit?: string } | undefined>;
}

/** Cornerstone's own figure: one decimal from 10 up, two below (its roundNumber), here never on or across a score's limit. */
const shownLength = (value: number) => fixedLength(value, Math.abs(value) >= 10 ? 1 : 2);

/**
 * The text Cornerstone's Length or Bidirectional tool writes beside its drawing, as its default but
 * with each length on its side of every limit a lesion length is compared with: a 29.96 mm length is
 * "29.96 mm", never "30.0 mm" beside "axial 29.96 mm, not > 30 mm".
 * @param tool - the tool whose lines these are
 */
export function lengthTextLines(tool: 'Length' | 'Bidirectional') {
  return (data: LengthData, targetId: string): string[] | undefined => {
    const stats = data.cachedStats[targetId];
    if (typeof stats?.length !== 'number' || Number.isNaN(stats.length)) return tool === 'Length' ? undefined : data.label ? [data.label] : [];
    const unit = stats.unit ?? '';
    if (tool === 'Length') return [`${shownLength(stats.length)} ${unit}`];
    const width = typeof stats.width === 'number' ? shownLength(stats.width) : '—';
    return [...(data.label ? [data.label] : []), `L: ${shownLength(stats.length)} ${unit}`, `W: ${width} ${unit}`];
  };
}
