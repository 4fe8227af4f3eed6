import { useState } from 'react';
import type { WorklistRow } from '@shared/worklist/worklist';

/** One answer of the worklist with the filters it answers (as a comparable key). */
export interface WorklistAnswer {
  rows: readonly Pick<WorklistRow, 'lesionId' | 'updatedAt'>[];
  filtersKey: string;
}

/**
 * The lesions that arrived, given the previous answer and the next: rows that appeared or changed
 * are added to those already arrived. Only a refresh under the same filters counts: a row that a
 * wider filter brings in was hidden, not flagged meanwhile.
 */
export function addArrivals(arrived: ReadonlySet<string>, previous: WorklistAnswer | undefined, next: WorklistAnswer | undefined): ReadonlySet<string> {
  if (!previous || !next || previous.filtersKey !== next.filtersKey) return arrived;
  const shown = new Map(previous.rows.map((row) => [row.lesionId, row.updatedAt]));
  const fresh = next.rows.filter((row) => shown.get(row.lesionId) !== row.updatedAt).map((row) => row.lesionId);
  return fresh.length === 0 ? arrived : new Set([...arrived, ...fresh]);
}

/** The lesions that appeared or changed in the list while this page was open. */
export function useArrivedLesions(answer: WorklistAnswer | undefined): ReadonlySet<string> {
  const [seen, setSeen] = useState<{ answer: WorklistAnswer | undefined; arrived: ReadonlySet<string> }>({ answer: undefined, arrived: new Set() });
  if (answer === seen.answer) return seen.arrived;
  // Derived while rendering from the previous answer, the pattern React documents for this.
  const arrived = addArrivals(seen.arrived, seen.answer, answer);
  setSeen({ answer, arrived });
  return arrived;
}
