import { useNotices } from './errors';

/** The visible list of errors and confirmations, each with its own dismiss button. */
export function NoticeBar() {
  const { notices, dismiss } = useNotices();
  if (notices.length === 0) return null;
  return (
    <div className="notice-bar" role="region" aria-label="Messages">
      {notices.map((notice) => (
        <div
          key={notice.id}
          className={`notice notice-${notice.kind}`}
          role={notice.kind === 'error' ? 'alert' : 'status'}
          data-testid={notice.kind === 'error' ? 'error-message' : 'info-message'}
        >
          <span className="notice-text">{notice.text}</span>
          <button type="button" className="icon-button" aria-label="Dismiss" data-testid="dismiss-message" onClick={() => dismiss(notice.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
