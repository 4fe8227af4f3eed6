import path from 'node:path';
import { startBrowserHost } from '../e2e/fixtures/host';
import { hostRpc } from '../e2e/fixtures/host-api';

/**
 * How often the status is asked for: finer than the UI's 250 ms so that the figure is the job's,
 * yet light; asking every 2 ms kept the host's main thread busy with 500 requests a second,
 * taking a core from the import it was timing on a 2-core machine.
 */
const STATUS_POLL_MS = 20;

/** The wall time of one import job in a running app, from the click (import.start) to its report. */
export interface InAppImport {
  seconds: number;
  report: { indexed: number; unchanged: number };
}

/**
 * Imports a folder through a running browser-mode host (the one the e2e tests start), as a user
 * does from the app's Import button: the app is already up, so process start-up is not part of
 * the time. Returns the first import and then each re-import of the unchanged folder.
 * @param reimports - how many re-imports to time after the first import
 */
export async function importInRunningApp(corpus: string, reimports: number): Promise<InAppImport[]> {
  const host = await startBrowserHost([path.dirname(corpus)], { reader: null });
  try {
    await hostRpc(host, 'app.info', {}); // the host and its database are warm before the first click
    const runs: InAppImport[] = [];
    for (let i = 0; i <= reimports; i++) {
      const started = performance.now();
      const { jobId } = await hostRpc(host, 'import.start', { paths: [corpus] });
      for (;;) {
        const status = await hostRpc(host, 'import.status', { jobId });
        if (status.state === 'done' && status.report) {
          runs.push({ seconds: (performance.now() - started) / 1000, report: status.report });
          break;
        }
        if (status.state !== 'running') throw new Error(`import ended ${status.state}`);
        await new Promise((resolve) => setTimeout(resolve, STATUS_POLL_MS));
      }
    }
    return runs;
  } finally {
    await host.stop();
  }
}
