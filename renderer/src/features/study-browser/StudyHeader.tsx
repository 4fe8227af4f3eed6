import type { StudySummary } from '@shared/dicom/study';
import { ExportMenu } from '../export';
import { formatPatientName } from '@shared/dicom/person-name';
import { formatDate, formatTime } from '../../app/format';
import { RemoveStudyButton } from './RemoveStudyButton';

/** The study page's heading: patient, study facts and the study's actions. */
export function StudyHeader({ study }: { study: StudySummary }) {
  const facts: [string, string][] = [
    ['Patient ID', study.patientId || '—'],
    ['Birth date', formatDate(study.patientBirthDate)],
    ['Sex', study.patientSex || '—'],
    ['Study date', `${formatDate(study.studyDate)} ${formatTime(study.studyTime)}`.trim()],
    ['Accession', study.accessionNumber || '—'],
    ['Modalities', study.modalities.join(', ') || '—'],
  ];
  return (
    <header className="study-header" data-testid="study-header">
      <div className="study-title">
        <h1 data-testid="study-patient-name">{formatPatientName(study.patientName)}</h1>
        <span className="study-description">{study.description || <span className="muted">(no study description)</span>}</span>
      </div>
      <dl className="study-facts">
        {facts.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <div className="study-actions">
        <ExportMenu study={study} />
        <RemoveStudyButton study={study} />
      </div>
    </header>
  );
}
