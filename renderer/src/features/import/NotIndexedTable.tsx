import type { ReportedFile } from '@shared/import/import-job';

/** The files an import did not index, each with the reason in words a user can act on. */
export function NotIndexedTable({ files }: { files: ReportedFile[] }) {
  if (files.length === 0) return null;
  return (
    <div className="table-scroll short">
      <table className="data-table" data-testid="not-indexed-table">
        <thead>
          <tr>
            <th>File not indexed</th>
            <th>Reason</th>
          </tr>
        </thead>
        <tbody>
          {files.map((file, index) => (
            <tr key={`${file.path}#${index}`} data-testid="not-indexed-row">
              <td className="path-cell" title={file.path} data-testid="not-indexed-path">
                {file.displayName}
              </td>
              <td className="reason-cell" data-testid="not-indexed-reason">{file.reason}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
