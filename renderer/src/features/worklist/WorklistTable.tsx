import type { WorklistRow } from '@shared/worklist/worklist';
import type { WorklistFilters } from './worklist-filters';
import { WorklistTableRow } from './WorklistTableRow';

type Sort = WorklistFilters['sort'];

interface WorklistTableProps {
  rows: WorklistRow[];
  /** Lesions that appeared or changed while the page was open: marked new like those since the last visit. */
  arrived: ReadonlySet<string>;
  sort: Sort;
  onSort(sort: Sort): void;
  now: number;
}

/** A column header that sorts the list; pressing it again on Age turns newest-first into oldest-first. */
function SortHeader({ label, sorts, sort, onSort }: { label: string; sorts: Sort[]; sort: Sort; onSort(sort: Sort): void }) {
  const active = sorts.includes(sort);
  const next = active && sorts.length > 1 ? sorts[(sorts.indexOf(sort) + 1) % sorts.length]! : sorts[0]!;
  const direction = sort === 'oldest' || sort === 'patient' ? 'ascending' : 'descending';
  return (
    <th aria-sort={active ? direction : undefined}>
      <button type="button" className={`sort-header${active ? ' active' : ''}`} onClick={() => onSort(next)}>
        {label}
        {active && <span aria-hidden="true">{direction === 'ascending' ? ' ▲' : ' ▼'}</span>}
      </button>
    </th>
  );
}

/** The flagged lesions, one row each, in the order the filters ask. */
export function WorklistTable({ rows, arrived, sort, onSort, now }: WorklistTableProps) {
  const header = (label: string, sorts: Sort[]) => <SortHeader label={label} sorts={sorts} sort={sort} onSort={onSort} />;
  return (
    <div className="table-scroll">
      <table className="data-table worklist-table" data-testid="worklist-table">
        <thead>
          <tr>
            <th>
              <span className="visually-hidden">New</span>
            </th>
            {header('Urgency', ['urgency'])}
            {header('Patient', ['patient'])}
            {header('Study date', ['study-date'])}
            <th>Bone and region</th>
            <th>Key scores</th>
            <th>Reader</th>
            <th>Status</th>
            <th>Latest decision</th>
            {header('Age', ['newest', 'oldest'])}
          </tr>
        </thead>
        {/* Keyed by lesion: a refresh that adds or reorders rows leaves the keyboard focus on its lesion (React restores the focus of an element it moves). */}
        <tbody>
          {rows.map((row) => (
            <WorklistTableRow key={row.lesionId} row={row} isNew={row.isNew || arrived.has(row.lesionId)} now={now} />
          ))}
        </tbody>
      </table>
    </div>
  );
}
