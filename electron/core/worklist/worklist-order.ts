import { UrgencyLevelSchema, byWorstUrgency, urgencyRank, type UrgencyLevel } from '@shared/scoring/urgency-level';
import type { WorklistQuery, WorklistRow } from '@shared/worklist/worklist';

type Sortable = Pick<WorklistRow, 'lesionId' | 'updatedAt' | 'patientName' | 'studyDate'> & { urgency: Pick<WorklistRow['urgency'], 'level' | 'worstCase'> };
type Urgency = Pick<WorklistRow['urgency'], 'level' | 'worstCase'>;

/** Names and dates compare as localeCompare does (one collator, not one per comparison). */
const collator = new Intl.Collator();

/** A row with what its order compares, computed once per row rather than once per comparison. */
interface Keyed<T> {
  row: T;
  /** The last change as an instant: edits recorded with different UTC offsets compare by time, not by text. */
  updated: number;
}

/** Newest change first, then by lesion id, so that equal times still give one order. */
function newest(a: Keyed<Sortable>, b: Keyed<Sortable>): number {
  return b.updated - a.updated || (a.row.lesionId < b.row.lesionId ? -1 : a.row.lesionId > b.row.lesionId ? 1 : 0);
}

function comparison(sort: NonNullable<WorklistQuery['sort']>): (a: Keyed<Sortable>, b: Keyed<Sortable>) => number {
  switch (sort) {
    case 'newest':
      return newest;
    case 'oldest':
      return (a, b) => -newest(a, b);
    case 'patient':
      return (a, b) => collator.compare(a.row.patientName, b.row.patientName) || newest(a, b);
    case 'study-date':
      return (a, b) => collator.compare(b.row.studyDate ?? '', a.row.studyDate ?? '') || newest(a, b);
    default:
      // Worst case first, so that a lesion routine now but urgent at worst (inputs missing) never sorts
      // below one surely less urgent; among equal worst cases, the established level first.
      return (a, b) => byWorstUrgency(a.row.urgency, b.row.urgency) || newest(a, b);
  }
}

/**
 * The rows in the worklist's order for a sort choice (most urgent at worst, then as recorded, then newest, by default); a new array.
 * Sorted here, not by SQL: names compare as localeCompare does, which SQLite's collations do not reproduce.
 */
export function sortWorklist<T extends Sortable>(rows: readonly T[], sort: NonNullable<WorklistQuery['sort']>): T[] {
  const keyed = rows.map((row) => ({ row, updated: Date.parse(row.updatedAt) || 0 }));
  keyed.sort(comparison(sort));
  return keyed.map((k) => k.row);
}

/** Whether a lesion's urgency range (as recorded to worst case) spans any of the wanted levels. */
export function spansAnyUrgency(urgency: Urgency, wanted: ReadonlySet<UrgencyLevel>): boolean {
  const [low, high] = [urgencyRank(urgency.level), urgencyRank(urgency.worstCase)];
  for (const level of wanted) if (urgencyRank(level) >= low && urgencyRank(level) <= high) return true;
  return false;
}

/**
 * Lesions per urgency: under each level, the lesions its filter alone lists (those whose range spans
 * it), so that a count never says fewer lesions could be urgent than the urgent filter shows.
 */
export function urgencyCounts(rows: readonly { urgency: Urgency }[]): Record<UrgencyLevel, number> {
  const counts = Object.fromEntries(UrgencyLevelSchema.options.map((level) => [level, 0])) as Record<UrgencyLevel, number>;
  for (const { urgency } of rows) for (const level of UrgencyLevelSchema.options.slice(urgencyRank(urgency.level), urgencyRank(urgency.worstCase) + 1)) counts[level] += 1;
  return counts;
}
