import { useEffect, useRef, useState } from 'react';
import { isDesktop } from '../../api/client';
import { useReportError } from '../../app/errors';
import { dragHasFiles, droppedFilesExpanded } from './dropped-files';
import { useImport } from './import-context';

/** Accepts files and folders dropped anywhere on the window and imports them; shows a hint while dragging. */
export function DropOverlay() {
  const { importFiles, busy } = useImport();
  const reportError = useReportError();
  const [dragging, setDragging] = useState(false);
  const depth = useRef(0);

  useEffect(() => {
    const onEnter = (event: DragEvent) => {
      if (!dragHasFiles(event)) return;
      event.preventDefault();
      depth.current++;
      setDragging(true);
    };
    const onOver = (event: DragEvent) => {
      if (!dragHasFiles(event)) return;
      event.preventDefault();
      if (event.dataTransfer) event.dataTransfer.dropEffect = busy ? 'none' : 'copy';
    };
    const onLeave = (event: DragEvent) => {
      if (!dragHasFiles(event)) return;
      depth.current = Math.max(0, depth.current - 1);
      if (depth.current === 0) setDragging(false);
    };
    const onDrop = (event: DragEvent) => {
      if (!event.dataTransfer || !dragHasFiles(event)) return;
      event.preventDefault();
      depth.current = 0;
      setDragging(false);
      if (busy) return reportError('Wait for the current import to finish before dropping more files.');
      // Electron imports the dropped paths themselves (folders included); the browser uploads each file.
      if (isDesktop()) return importFiles(Array.from(event.dataTransfer.files));
      droppedFilesExpanded(event.dataTransfer).then(importFiles, (error: unknown) => reportError(error, 'Reading the dropped items failed'));
    };
    window.addEventListener('dragenter', onEnter);
    window.addEventListener('dragover', onOver);
    window.addEventListener('dragleave', onLeave);
    window.addEventListener('drop', onDrop);
    return () => {
      window.removeEventListener('dragenter', onEnter);
      window.removeEventListener('dragover', onOver);
      window.removeEventListener('dragleave', onLeave);
      window.removeEventListener('drop', onDrop);
    };
  }, [busy, importFiles, reportError]);

  if (!dragging) return null;
  return (
    <div className="drop-overlay" data-testid="drop-overlay">
      <div className="drop-overlay-message">{busy ? 'An import is running' : 'Drop DICOM files or folders to import them'}</div>
    </div>
  );
}
