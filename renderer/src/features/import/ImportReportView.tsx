import type { ImportReport } from '@shared/import/import-job';
import { formatSeconds } from '../../app/format';
import { NotIndexedTable } from './NotIndexedTable';

/** The counts of an import, file by file accounted for, and the files it did not index. */
export function ImportReportView({ report }: { report: ImportReport }) {
  const counts: [string, number, string][] = [
    ['Files seen', report.filesSeen, 'files-seen'],
    ['Indexed', report.indexed, 'indexed'],
    ['Unchanged', report.unchanged, 'unchanged'],
    ['Duplicates', report.duplicates, 'duplicates'],
    ['DICOMDIR', report.dicomdirs, 'dicomdirs'],
    ['Not indexed', report.reported.length, 'not-indexed'],
  ];
  return (
    <div className="import-report" data-testid="import-report-body">
      <dl className="report-counts">
        {counts.map(([label, value, id]) => (
          <div key={id} className={`count${id === 'not-indexed' && value > 0 ? ' warn' : ''}`}>
            <dt>{label}</dt>
            <dd data-testid={`report-${id}`}>{value}</dd>
          </div>
        ))}
      </dl>
      <p className="report-summary">
        {report.patients} patient{report.patients === 1 ? '' : 's'}, {report.studies} stud{report.studies === 1 ? 'y' : 'ies'}, {report.series} series,{' '}
        {report.instances} instance{report.instances === 1 ? '' : 's'} touched in {formatSeconds(report.seconds)}.
      </p>
      <NotIndexedTable files={report.reported} />
    </div>
  );
}
