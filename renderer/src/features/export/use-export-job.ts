import { useCallback, useEffect, useRef, useState } from 'react';
import type { ExportJobRequest, ExportJobStatus } from '@shared/export/export-job';
import { call } from '../../api/client';

const POLL_MS = 250;

/** One export job from the dialog: start it, follow its status until it ends, cancel it. */
export function useExportJob() {
  const [status, setStatus] = useState<ExportJobStatus | null>(null);
  const [jobId, setJobId] = useState<string | null>(null);
  const [problem, setProblem] = useState<unknown>(null);
  const [starting, setStarting] = useState(false);
  const [cancelling, setCancelling] = useState(false);
  const live = useRef(true);
  useEffect(() => {
    live.current = true;
    return () => {
      live.current = false;
    };
  }, []);

  useEffect(() => {
    if (!jobId) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const next = await call('export.status', { jobId });
        if (!live.current) return;
        setStatus(next);
        if (next.state === 'running') timer = setTimeout(poll, POLL_MS);
      } catch (error) {
        if (live.current) setProblem(error);
      }
    };
    void poll();
    return () => clearTimeout(timer);
  }, [jobId]);

  const start = useCallback(async (request: ExportJobRequest) => {
    setProblem(null);
    setStarting(true);
    try {
      const { jobId: id } = await call('export.start', request);
      if (live.current) setJobId(id);
    } catch (error) {
      if (live.current) setProblem(error);
    } finally {
      if (live.current) setStarting(false);
    }
  }, []);

  const cancel = useCallback(async () => {
    if (!jobId) return;
    setCancelling(true);
    try {
      setStatus(await call('export.cancel', { jobId }));
    } catch (error) {
      setProblem(error);
    }
  }, [jobId]);

  /** Back to the options after a failed or cancelled job, to change them and start again. */
  const reset = useCallback(() => {
    setJobId(null);
    setStatus(null);
    setProblem(null);
    setCancelling(false);
  }, []);

  return { status, problem, starting, cancelling, started: jobId !== null, start, cancel, reset };
}
