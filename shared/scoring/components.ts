import type { ScoreBand, ScoreComponent } from './result';
import { categoryLabel } from './tables';
import { joinWords } from './format';

/**
 * A component scored from a points table: the points of the recorded category,
 * or, while the input is missing, the [min, max] of the categories still possible.
 * @param candidates - categories still possible when `value` is null (default: all)
 */
export function tableComponent<K extends string>(
  id: string,
  name: string,
  table: Readonly<Record<K, number>>,
  value: K | null,
  candidates?: readonly K[],
): ScoreComponent {
  if (value !== null) {
    return { id, name, value: categoryLabel(value), points: table[value], missing: false, possiblePoints: null, met: null };
  }
  const points = (candidates ?? (Object.keys(table) as K[])).map((k) => table[k]);
  return { id, name, value: null, points: null, missing: true, possiblePoints: [Math.min(...points), Math.max(...points)], met: null };
}

/** A yes/no criterion: 1 point when met, 0 when not, [0, 1] while unknown. */
export function criterionComponent(id: string, name: string, met: boolean | null, value: string | null): ScoreComponent {
  if (met === null) return { id, name, value, points: null, missing: true, possiblePoints: [0, 1], met: null };
  return { id, name, value, points: met ? 1 : 0, missing: false, possiblePoints: null, met };
}

/** The total when every component is known, else the [min, max] range of totals. */
export function sumComponents(components: readonly ScoreComponent[]): { total: number | null; range: [number, number] | null } {
  let min = 0;
  let max = 0;
  let missing = false;
  for (const c of components) {
    if (c.points !== null) {
      min += c.points;
      max += c.points;
    } else if (c.possiblePoints) {
      missing = true;
      min += c.possiblePoints[0];
      max += c.possiblePoints[1];
    }
  }
  return missing ? { total: null, range: [min, max] } : { total: min, range: null };
}

/** The lowest and highest total a result can still have. */
export function totalBounds(total: number | null, range: [number, number] | null): [number, number] | null {
  if (total !== null) return [total, total];
  return range;
}

/**
 * The band of a total (or of a range lying in one band) and every band still possible.
 * @param bandOf - maps a total to its band
 */
export function bandsOf(bounds: [number, number] | null, bandOf: (total: number) => ScoreBand): { band: ScoreBand | null; possibleBands: ScoreBand[] } {
  if (!bounds) return { band: null, possibleBands: [] };
  const possible: ScoreBand[] = [];
  for (let t = bounds[0]; t <= bounds[1]; t++) {
    const b = bandOf(t);
    if (!possible.some((p) => p.id === b.id)) possible.push(b);
  }
  return { band: possible.length === 1 ? (possible[0] ?? null) : null, possibleBands: possible };
}

/** The total of a banded score (Mirels, SINS) as a reader sees it: bounds, bands, and what it depends on. */
export interface BandedTotal {
  total: number | null;
  lo: number;
  hi: number;
  /** "10", or "8-11" while inputs are missing. */
  shown: string;
  band: ScoreBand | null;
  possibleBands: ScoreBand[];
  notes: string[];
}

/**
 * Sums a banded score and names the missing inputs its range depends on.
 * @param label - the score as written in a note ("Mirels")
 */
export function bandedTotal(label: string, components: readonly ScoreComponent[], missingInputs: readonly string[], bandOf: (total: number) => ScoreBand): BandedTotal {
  const { total, range } = sumComponents(components);
  const bounds = totalBounds(total, range);
  const { band, possibleBands } = bandsOf(bounds, bandOf);
  const [lo, hi] = bounds ?? [0, 0];
  const shown = total !== null ? String(total) : `${lo}-${hi}`;
  const notes = range ? [`${label} ${shown}: depends on ${joinWords(missingInputs)}`] : [];
  return { total, lo, hi, shown, band, possibleBands, notes };
}
