import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from 'react';
import type { ImportJobStatus } from '@shared/import/import-job';
import { call } from '../../api/client';
import { desktopApi } from '../../api/desktop-api';
import { uploadFiles, type UploadProgress } from '../../api/uploads';
import { useAppInfo } from '../../app/app-info';
import { useNotices } from '../../app/errors';
import { useIndexVersion } from '../../app/index-version';
import { IndexGrowth } from './index-growth';

/** Where the one import of the window stands. */
export type ImportPhase =
  | { kind: 'idle' }
  /** `label` names what is imported: a folder's path, "3 files", "the demo study". */
  | { kind: 'starting'; label: string }
  | { kind: 'uploading'; label: string; upload: UploadProgress }
  | { kind: 'running'; label: string; status: ImportJobStatus }
  | { kind: 'finished'; label: string; status: ImportJobStatus };

interface ImportApi {
  phase: ImportPhase;
  busy: boolean;
  /** Grows while an import runs, each time it has written more to the index (at most every 500 ms): lists of the index load again. */
  indexGrowth: number;
  importPaths(paths: string[], label: string): void;
  importFiles(files: File[]): void;
  /** True while the browser-mode folder browser is open. */
  browsing: boolean;
  /** "Import folder...": the system dialog in Electron, the folder browser otherwise. */
  chooseFolder(): void;
  closeBrowser(): void;
  loadDemo(): void;
  cancel(): void;
  dismiss(): void;
}

const ImportContext = createContext<ImportApi | null>(null);
const POLL_MS = 250;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Owns the window's import job: starts it from any source, polls it, cancels it, keeps its report. */
export function ImportProvider({ children }: { children: ReactNode }) {
  const [phase, setPhase] = useState<ImportPhase>({ kind: 'idle' });
  const [browsing, setBrowsing] = useState(false);
  const [indexGrowth, setIndexGrowth] = useState(0);
  const growth = useRef(new IndexGrowth());
  const active = useRef<string | null>(null);
  const nativePicker = useAppInfo()?.nativePicker ?? false;
  const { reportError } = useNotices();
  const { bump } = useIndexVersion();
  const busy = phase.kind === 'starting' || phase.kind === 'uploading' || phase.kind === 'running';

  const poll = useCallback(
    async (jobId: string, label: string) => {
      while (active.current === jobId) {
        const status = await call('import.status', { jobId });
        if (active.current !== jobId) return;
        if (status.state === 'running') {
          setPhase({ kind: 'running', label, status });
          // Written files are committed: the reader sees the studies as they are indexed, not at the end.
          if (growth.current.grew(status.progress.filesIndexed, performance.now())) setIndexGrowth((n) => n + 1);
          await sleep(POLL_MS);
          continue;
        }
        active.current = null;
        setPhase({ kind: 'finished', label, status });
        if (status.state === 'failed') reportError(status.error ?? 'unknown error', 'The import failed');
        bump();
      }
    },
    [bump, reportError],
  );

  const run = useCallback(
    async (label: string, start: () => Promise<string | null>) => {
      if (active.current) return;
      setPhase({ kind: 'starting', label });
      try {
        const jobId = await start();
        if (!jobId) return setPhase({ kind: 'idle' });
        active.current = jobId;
        growth.current.restart();
        await poll(jobId, label);
      } catch (error) {
        active.current = null;
        setPhase({ kind: 'idle' });
        reportError(error, `Importing ${label} failed`);
      }
    },
    [poll, reportError],
  );

  const importPaths = useCallback(
    (paths: string[], label: string) => {
      setBrowsing(false);
      void run(label, async () => (await call('import.start', { paths })).jobId);
    },
    [run],
  );

  const importFiles = useCallback(
    (files: File[]) => {
      if (files.length === 0) return;
      const label = `${files.length} file${files.length === 1 ? '' : 's'}`;
      const desktop = desktopApi();
      if (desktop) {
        const paths = files.map((file) => desktop.pathForFile(file)).filter(Boolean);
        if (paths.length === 0) return reportError('These items have no location on disk.', `Importing ${label} failed`);
        return importPaths(paths, label);
      }
      void run(label, async () => {
        const uploadBatchId = await uploadFiles(files, (upload) => setPhase({ kind: 'uploading', label, upload }));
        return (await call('import.start', { uploadBatchId })).jobId;
      });
    },
    [importPaths, reportError, run],
  );

  const chooseFolder = useCallback(() => {
    if (!nativePicker) return setBrowsing(true);
    void run('the chosen folder', async () => (await call('import.pick', { kind: 'folder' })).jobId);
  }, [nativePicker, run]);
  const closeBrowser = useCallback(() => setBrowsing(false), []);
  const loadDemo = useCallback(() => void run('the demo study', async () => (await call('demo.load', {})).jobId), [run]);

  const cancel = useCallback(() => {
    const jobId = active.current;
    if (jobId) call('import.cancel', { jobId }).catch((error: unknown) => reportError(error, 'Cancelling the import failed'));
  }, [reportError]);

  const dismiss = useCallback(() => {
    if (!active.current) setPhase({ kind: 'idle' });
  }, []);

  const value = useMemo(
    () => ({ phase, busy, indexGrowth, importPaths, importFiles, browsing, chooseFolder, closeBrowser, loadDemo, cancel, dismiss }),
    [phase, busy, indexGrowth, importPaths, importFiles, browsing, chooseFolder, closeBrowser, loadDemo, cancel, dismiss],
  );
  return <ImportContext.Provider value={value}>{children}</ImportContext.Provider>;
}

/** The window's import state and actions. */
export function useImport(): ImportApi {
  const api = useContext(ImportContext);
  if (!api) throw new Error('useImport outside ImportProvider');
  return api;
}
