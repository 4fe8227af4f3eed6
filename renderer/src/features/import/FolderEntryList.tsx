import type { FolderListing } from '@shared/files/folder-listing';
import { formatBytes } from '../../app/format';

interface FolderEntryListProps {
  entries: FolderListing['entries'];
  disabled: boolean;
  onOpen(name: string): void;
}

/** The entries of one folder: folders open on click, files are listed for orientation only. */
export function FolderEntryList({ entries, disabled, onOpen }: FolderEntryListProps) {
  if (entries.length === 0) return <p className="empty-note">This folder is empty.</p>;
  return (
    <ul className="folder-entries" data-testid="folder-entries">
      {entries.map((entry) =>
        entry.kind === 'folder' ? (
          <li key={entry.name}>
            <button type="button" className="folder-entry folder" disabled={disabled} onClick={() => onOpen(entry.name)} data-testid="folder-entry" data-kind="folder">
              <span className="entry-icon" aria-hidden="true">
                ▸
              </span>
              <span className="entry-name">{entry.name}</span>
            </button>
          </li>
        ) : (
          <li key={entry.name} className="folder-entry file" data-testid="folder-entry" data-kind="file">
            <span className="entry-icon" aria-hidden="true">
              ·
            </span>
            <span className="entry-name">{entry.name}</span>
            <span className="entry-size">{formatBytes(entry.size)}</span>
          </li>
        ),
      )}
    </ul>
  );
}
