import { useState } from 'react';
import { call } from '../../api/client';
import { useAppInfo } from '../../app/app-info';
import { useReportError } from '../../app/errors';
import { FolderBrowserDialog } from '../import';

interface DestinationFieldProps {
  value: string;
  onChange(path: string): void;
  /** Hides the owning dialog while the folder browser is open, so that one dialog shows at a time. */
  onBrowsing(browsing: boolean): void;
  browsing: boolean;
}

/**
 * Where an export's files go: a folder on the host, chosen with the confined folder browser and
 * editable (a folder that does not exist yet is created by the host, inside the allowed folders).
 */
export function DestinationField({ value, onChange, onBrowsing, browsing }: DestinationFieldProps) {
  const [typed, setTyped] = useState(false);
  const native = useAppInfo()?.nativePicker ?? false;
  const reportError = useReportError();
  // The desktop's own folder dialog; its choice is trusted by the host as import.pick's is.
  const pickNative = () =>
    call('export.pickFolder', {}).then(
      ({ path }) => path && onChange(path),
      (error: unknown) => reportError(error, 'Choosing the export folder failed'),
    );
  if (browsing) {
    return (
      <FolderBrowserDialog
        title="Choose the export folder"
        chooseLabel="Export into this folder"
        note="You can add a new subfolder name after choosing; the app creates it."
        rootsLabel="Folders you may export to"
        onChoose={(path) => {
          onChange(path);
          onBrowsing(false);
        }}
        onClose={() => onBrowsing(false)}
        testId="export-folder-browser"
        chooseTestId="export-choose-folder"
      />
    );
  }
  return (
    <div className="export-destination">
      <label htmlFor="export-destination-input">Export folder</label>
      <span id="export-destination-hint" className="muted small">
        Type the folder's path or choose it; the export goes into it.
      </span>
      <div className="export-destination-row">
        <input
          id="export-destination-input"
          type="text"
          value={value}
          aria-describedby="export-destination-hint"
          spellCheck={false}
          onChange={(event) => {
            setTyped(true);
            onChange(event.target.value);
          }}
          data-testid="export-destination"
        />
        {native && (
          <button type="button" onClick={pickNative} data-testid="export-pick-native">
            Choose…
          </button>
        )}
        <button type="button" onClick={() => onBrowsing(true)} data-testid="export-browse">
          Browse…
        </button>
      </div>
      {typed && value && !/^([A-Za-z]:)?[\\/]/.test(value) && <p className="inline-error">Give a full path, starting at the top of the disk.</p>}
    </div>
  );
}
