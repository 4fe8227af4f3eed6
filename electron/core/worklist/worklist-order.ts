import { UrgencyLevelSchema, type UrgencyLevel } from '@shared/scoring/urgency-level';
import type { WorklistQuery, WorklistRow } from '@shared/worklist/worklist';

const urgencyRank = (level: UrgencyLevel) => UrgencyLevelSchema.options.indexOf(level);

type Sortable = Pick<WorklistRow, 'lesionId' | 'updatedAt' | 'patientName' | 'studyDate'> & { urgency: Pick<WorklistRow['urgency'], 'level' | 'worstCase'> };

/**
 * The worklist's order for a sort choice (most urgent, then newest, by default). Sorted here, not by
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
      // Established level first; among equals, the one that could be worse comes first.
      return (a, b) =>
        urgencyRank(b.urgency.level) - urgencyRank(a.urgency.level) || urgencyRank(b.urgency.worstCase) - urgencyRank(a.urgency.worstCase) || newest(a, b);
  }
}
