import type { Worklist, WorklistReader } from '@shared/worklist/worklist';
import { ReaderFilter } from './ReaderFilter';
import { UrgencyFilter } from './UrgencyFilter';
import { DEFAULT_FILTERS, type WorklistFilters } from './worklist-filters';

interface WorklistFilterBarProps {
  filters: WorklistFilters;
  counts: Worklist['counts'] | undefined;
  readers: readonly WorklistReader[] | undefined;
  onChange(filters: WorklistFilters): void;
}

const SORTS: { value: WorklistFilters['sort']; label: string }[] = [
  { value: 'urgency', label: 'Most urgent, then newest' },
  { value: 'newest', label: 'Newest first' },
  { value: 'oldest', label: 'Oldest first' },
  { value: 'patient', label: 'Patient name' },
  { value: 'study-date', label: 'Study date, latest first' },
];

/** The worklist's filters: urgency with counts, site, reviewed, reader, study dates, free text and order. */
export function WorklistFilterBar({ filters, counts, readers, onChange }: WorklistFilterBarProps) {
  const set = <K extends keyof WorklistFilters>(key: K, value: WorklistFilters[K]) => onChange({ ...filters, [key]: value });
  return (
    <div className="worklist-filters" data-testid="worklist-filters">
      <UrgencyFilter chosen={filters.urgencies} counts={counts} onChange={(urgencies) => set('urgencies', urgencies)} />
      <div className="filter-row">
        <label>
          Search <span className="muted small">(patient, ID, bone, region or note)</span>{' '}
          <input
            type="search"
            className="worklist-search"
            value={filters.text}
            maxLength={200}
            onChange={(event) => set('text', event.target.value)}
            data-testid="worklist-search"
          />
        </label>
        <label>
          Site{' '}
          <select value={filters.site} onChange={(event) => set('site', event.target.value as WorklistFilters['site'])} data-testid="filter-site">
            <option value="all">Bone and spine</option>
            <option value="spine">Spine only</option>
            <option value="bone">Bone (not spine)</option>
          </select>
        </label>
        <label>
          Reviewed{' '}
          <select value={filters.reviewed} onChange={(event) => set('reviewed', event.target.value as WorklistFilters['reviewed'])} data-testid="filter-reviewed">
            <option value="all">Any</option>
            <option value="no">Not yet</option>
            <option value="yes">Reviewed</option>
          </select>
        </label>
        <ReaderFilter value={filters.reader} readers={readers} onChange={(reader) => set('reader', reader)} />
        <label>
          Study date from <input type="date" value={filters.dateFrom} onChange={(event) => set('dateFrom', event.target.value)} data-testid="filter-date-from" />
        </label>
        <label>
          to <input type="date" value={filters.dateTo} onChange={(event) => set('dateTo', event.target.value)} data-testid="filter-date-to" />
        </label>
        <label>
          Order{' '}
          <select value={filters.sort} onChange={(event) => set('sort', event.target.value as WorklistFilters['sort'])} data-testid="filter-sort">
            {SORTS.map((sort) => (
              <option key={sort.value} value={sort.value}>
                {sort.label}
              </option>
            ))}
          </select>
        </label>
        <button type="button" onClick={() => onChange(DEFAULT_FILTERS)} data-testid="worklist-reset">
          Reset
        </button>
      </div>
    </div>
  );
}
