import type { StudySummary } from '@shared/dicom/study';
import { StudyTableRow } from './StudyTableRow';
import { StudyColumnHeaders } from '../../components/StudyColumnHeaders';

interface StudyTableProps {
  studies: StudySummary[];
  /** Study Instance UIDs ticked for a multi-study export. */
  selected: ReadonlySet<string>;
  onToggle(studyInstanceUid: string): void;
  onToggleAll(): void;
}

/** The studies that match the search, one row each, with a tick box to choose several. */
export function StudyTable({ studies, selected, onToggle, onToggleAll }: StudyTableProps) {
  const all = studies.length > 0 && studies.every((s) => selected.has(s.studyInstanceUid));
  return (
    <div className="table-scroll">
      <table className="data-table study-table" data-testid="study-table">
        <thead>
          <tr>
            <th className="select-cell">
              <input type="checkbox" aria-label="Select every study shown" checked={all} onChange={onToggleAll} data-testid="study-select-all" />
            </th>
            <StudyColumnHeaders />
          </tr>
        </thead>
        <tbody>
          {studies.map((study) => (
            <StudyTableRow key={study.studyInstanceUid} study={study} selected={selected.has(study.studyInstanceUid)} onToggle={() => onToggle(study.studyInstanceUid)} />
          ))}
        </tbody>
      </table>
    </div>
  );
}
