import { UrgencyLevelSchema, byWorstUrgency, type UrgencyLevel } from '@shared/scoring/urgency-level';
import type { WorklistQuery, WorklistRow } from '@shared/worklist/worklist';

const urgencyRank = (level: UrgencyLevel) => UrgencyLevelSchema.options.indexOf(level);

type Sortable = Pick<WorklistRow, 'lesionId' | 'updatedAt' | 'patientName' | 'studyDate'> & { urgency: Pick<WorklistRow['urgency'], 'level' | 'worstCase'> };

/**
 * The worklist's order for a sort choice (most urgent at worst, then as recorded, then newest, by default). Sorted here, not by
 * SQL: the order compares with localeCompare, which SQLite's collations do not reproduce.
 */
export function worklistOrder(sort: NonNullable<WorklistQuery['sort']>): (a: Sortable, b: Sortable) => number {
  const newest = (a: Sortable, b: Sortable) => b.updatedAt.localeCompare(a.updatedAt) || a.lesionId.localeCompare(b.lesionId);
  switch (sort) {
    case 'newest':
      return newest;
    case 'oldest':
      return (a, b) => -newest(a, b);
    case 'patient':
      return (a, b) => a.patientName.localeCompare(b.patientName) || newest(a, b);
    case 'study-date':
      return (a, b) => (b.studyDate ?? '').localeCompare(a.studyDate ?? '') || newest(a, b);
    default:
      // Worst case first, so that a lesion routine now but urgent at worst (inputs missing) never sorts
      // below one surely less urgent; among equal worst cases, the established level first.
      return (a, b) => byWorstUrgency(a.urgency, b.urgency) || newest(a, b);
  }
}

/** Whether a lesion's urgency range (as recorded to worst case) spans any of the wanted levels. */
export function spansAnyUrgency(urgency: Pick<WorklistRow['urgency'], 'level' | 'worstCase'>, wanted: ReadonlySet<UrgencyLevel>): boolean {
  const [low, high] = [urgencyRank(urgency.level), urgencyRank(urgency.worstCase)];
  return [...wanted].some((level) => urgencyRank(level) >= low && urgencyRank(level) <= high);
}

/**
 * Lesions per urgency: under each level, the lesions its filter alone lists (those whose range spans
 * it), so that a count never says fewer lesions could be urgent than the urgent filter shows.
 */
export function urgencyCounts(rows: readonly { urgency: Pick<WorklistRow['urgency'], 'level' | 'worstCase'> }[]): Record<UrgencyLevel, number> {
  return Object.fromEntries(UrgencyLevelSchema.options.map((level) => [level, rows.filter((r) => spansAnyUrgency(r.urgency, new Set([level]))).length])) as Record<UrgencyLevel, number>;
}
