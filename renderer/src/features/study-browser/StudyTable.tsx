import type { StudySummary } from '../../../../shared/dicom/study';
import { StudyTableRow } from './StudyTableRow';

/** The studies that match the search, one row each. */
export function StudyTable({ studies }: { studies: StudySummary[] }) {
  return (
    <div className="table-scroll">
      <table className="data-table study-table" data-testid="study-table">
        <thead>
          <tr>
            <th>Patient name</th>
            <th>Patient ID</th>
            <th>Study date</th>
            <th>Modalities</th>
            <th>Description</th>
            <th>Accession</th>
            <th className="num">Series</th>
            <th className="num">Instances</th>
          </tr>
        </thead>
        <tbody>
          {studies.map((study) => (
            <StudyTableRow key={study.studyInstanceUid} study={study} />
          ))}
        </tbody>
      </table>
    </div>
  );
}
