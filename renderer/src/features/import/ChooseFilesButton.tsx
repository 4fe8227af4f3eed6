import { useRef } from 'react';
import { useImport } from './import-context';

/** "Choose files...": the same import path as a drop, through a hidden multi-file input. */
export function ChooseFilesButton() {
  const { importFiles, busy } = useImport();
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <button type="button" disabled={busy} onClick={() => input.current?.click()} data-testid="choose-files" title="Import DICOM files chosen from disk (you can also drop them on the window)">
        Choose files…
      </button>
      <input
        ref={input}
        type="file"
        multiple
        hidden
        data-testid="file-input"
        onChange={(event) => {
          const files = Array.from(event.currentTarget.files ?? []);
          event.currentTarget.value = '';
          importFiles(files);
        }}
      />
    </>
  );
}
