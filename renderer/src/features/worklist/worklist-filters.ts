import type { UrgencyLevel } from '@shared/scoring/urgency-level';
import type { WorklistQuery } from '@shared/worklist/worklist';

/** The urgencies the worklist shows until the surgeon chooses: every flagged level. */
export const FLAGGED_URGENCIES: readonly UrgencyLevel[] = ['emergency', 'urgent', 'surgical-opinion'];

/** The worklist's filters as the page holds them: the query, with every field filled in. */
export type WorklistFilters = Required<Omit<WorklistQuery, 'limit'>>;

/** Filters of a first visit: flagged lesions of every site, reader and date, most urgent first. */
export const DEFAULT_FILTERS: WorklistFilters = {
  urgencies: [...FLAGGED_URGENCIES],
  site: 'all',
  reviewed: 'all',
  reader: '',
  dateFrom: '',
  dateTo: '',
  text: '',
  sort: 'urgency',
};

// The filters outlive the page, so that coming back from a lesion finds the list as it was left.
let remembered: WorklistFilters = DEFAULT_FILTERS;

/** The filters the surgeon last used in this window. */
export function rememberedFilters(): WorklistFilters {
  return remembered;
}

/** Keeps the filters for the next visit to the worklist in this window. */
export function rememberFilters(filters: WorklistFilters): void {
  remembered = filters;
}

/** The worklist.get request for the filters: empty fields are no filter, not an empty match. */
export function worklistRequest(filters: WorklistFilters, limit: number): WorklistQuery {
  const text = filters.text.trim();
  const reader = filters.reader.trim();
  return {
    urgencies: filters.urgencies,
    site: filters.site,
    reviewed: filters.reviewed,
    sort: filters.sort,
    limit,
    ...(reader ? { reader } : {}),
    ...(text ? { text } : {}),
    ...(filters.dateFrom ? { dateFrom: filters.dateFrom } : {}),
    ...(filters.dateTo ? { dateTo: filters.dateTo } : {}),
  };
}
