import type { StudySummary } from '@shared/dicom/study';
import { navigate, studyHref } from '../../app/routes';
import { formatPatientName } from '@shared/dicom/person-name';
import { formatDate } from '../../app/format';

/** One study of the browser's table; a click or Enter opens its series, the tick box selects it. */
export function StudyTableRow({ study, selected, onToggle }: { study: StudySummary; selected: boolean; onToggle(): void }) {
  const open = () => navigate(studyHref(study.studyInstanceUid));
  const name = formatPatientName(study.patientName);
  return (
    <tr
      className="clickable"
      tabIndex={0}
      onClick={open}
      onKeyDown={(event) => event.key === 'Enter' && open()}
      data-testid="study-row"
      data-study-uid={study.studyInstanceUid}
    >
      <td className="select-cell" onClick={(event) => event.stopPropagation()}>
        <input type="checkbox" aria-label={`Select ${name}`} checked={selected} onChange={onToggle} onKeyDown={(event) => event.stopPropagation()} data-testid="study-select" />
      </td>
      <td className={name === '(no name)' ? 'muted' : undefined} data-testid="study-patient-name">
        {name}
      </td>
      <td data-testid="study-patient-id">{study.patientId}</td>
      <td data-testid="study-date">{formatDate(study.studyDate)}</td>
      <td data-testid="study-modalities">{study.modalities.join(', ')}</td>
      <td className="description-cell" title={study.description} data-testid="study-description">
        {study.description}
      </td>
      <td>{study.accessionNumber}</td>
      <td className="num" data-testid="study-series-count">
        {study.seriesCount}
      </td>
      <td className="num" data-testid="study-instance-count">
        {study.instanceCount}
      </td>
    </tr>
  );
}
