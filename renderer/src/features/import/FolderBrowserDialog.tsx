import { useCallback, useEffect, useState } from 'react';
import type { FolderListing } from '@shared/files/folder-listing';
import { call } from '../../api/client';
import { errorMessage } from '../../api/api-error';
import { Dialog } from '../../components/Dialog';
import { FolderEntryList } from './FolderEntryList';

interface FolderBrowserDialogProps {
  title: string;
  /** The label of the button that takes the folder shown. */
  chooseLabel: string;
  /** A line beside the buttons saying what happens to the folder. */
  note: string;
  /** What the root list is headed with. */
  rootsLabel: string;
  busy?: boolean;
  onChoose(path: string): void;
  onClose(): void;
  testId?: string;
  chooseTestId?: string;
}

/**
 * The host's confined folder browser: walks folders under the allowed roots (files.browse) and
 * hands back the one shown. Import uses it to pick a source, exports to pick a destination.
 */
export function FolderBrowserDialog({ title, chooseLabel, note, rootsLabel, busy, onChoose, onClose, testId = 'folder-browser', chooseTestId = 'choose-this-folder' }: FolderBrowserDialogProps) {
  const [listing, setListing] = useState<FolderListing | null>(null);
  const [loading, setLoading] = useState(true);
  const [problem, setProblem] = useState<string | null>(null);

  const open = useCallback((path?: string) => {
    setLoading(true);
    call('files.browse', path === undefined ? {} : { path }).then(
      (value) => {
        setListing(value);
        setProblem(null);
        setLoading(false);
      },
      (error: unknown) => {
        setProblem(errorMessage(error));
        setLoading(false);
      },
    );
  }, []);

  useEffect(() => open(), [open]);

  const join = (name: string) => {
    const base = listing!.path;
    const separator = base.includes('\\') && !base.includes('/') ? '\\' : '/';
    return base.endsWith(separator) ? base + name : `${base}${separator}${name}`;
  };
  const fileCount = listing?.entries.filter((e) => e.kind === 'file').length ?? 0;
  const folderCount = listing ? listing.entries.length - fileCount : 0;

  return (
    <Dialog
      title={title}
      onClose={onClose}
      testId={testId}
      wide
      footer={
        <>
          <span className="footer-note">{note}</span>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button
            type="button"
            className="primary"
            disabled={!listing || loading || busy}
            onClick={() => listing && onChoose(listing.path)}
            data-testid={chooseTestId}
          >
            {chooseLabel}
          </button>
        </>
      }
    >
      <div className="folder-browser">
        <nav className="folder-roots" aria-label="Allowed folders">
          <div className="section-label">{rootsLabel}</div>
          {(listing?.roots ?? []).map((root) => (
            <button
              key={root}
              type="button"
              className={`root-button${listing?.path === root ? ' selected' : ''}`}
              title={root}
              data-testid="folder-root"
              onClick={() => open(root)}
            >
              {root}
            </button>
          ))}
        </nav>
        <section className="folder-main" aria-busy={loading}>
          <div className="folder-path">
            <button type="button" disabled={!listing?.parent || loading} onClick={() => listing?.parent && open(listing.parent)} data-testid="folder-up" title="Parent folder">
              ↑ Up
            </button>
            <code data-testid="folder-current-path" title={listing?.path}>
              {listing?.path ?? '…'}
            </code>
          </div>
          {problem && (
            <p className="inline-error" role="alert" data-testid="folder-error">
              {problem}
            </p>
          )}
          {listing && <FolderEntryList entries={listing.entries} disabled={loading} onOpen={(name) => open(join(name))} />}
          {listing && (
            <div className="folder-summary">
              {folderCount} folder{folderCount === 1 ? '' : 's'}, {fileCount} file{fileCount === 1 ? '' : 's'}
            </div>
          )}
        </section>
      </div>
    </Dialog>
  );
}
