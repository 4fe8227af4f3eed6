import { spawn } from 'node:child_process';
import path from 'node:path';
import { REPO_ROOT } from '../support/paths';

/** The wall time of one import job in a running app, from the click (import.start) to its report. */
export interface InAppImport {
  seconds: number;
  report: { indexed: number; unchanged: number };
}

/**
 * Imports a folder through a running browser-mode host, as a user does from the app's Import
 * button: the app is already up, so process start-up is not part of the time. Returns the first
 * import and then each re-import of the unchanged folder.
 * @param reimports - how many re-imports to time after the first import
 */
export async function importInRunningApp(corpus: string, dataDir: string, reimports: number): Promise<InAppImport[]> {
  const child = spawn(process.execPath, [path.join(REPO_ROOT, 'electron', 'cli', 'launch.mjs'), 'serve', '--no-open', '--data-dir', dataDir, '--root', path.dirname(corpus)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    const url = new URL(await firstLine(child.stdout!));
    const token = url.searchParams.get('token')!;
    const rpc = async (channel: string, payload: unknown) => {
      const response = await fetch(new URL(`/rpc/${channel}`, url), { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(payload) });
      const body = (await response.json()) as { ok: boolean; value?: unknown; error?: { message: string } };
      if (!body.ok) throw new Error(`${channel}: ${body.error?.message}`);
      return body.value as Record<string, unknown>;
    };
    await rpc('app.info', {}); // the host and its database are warm before the first click
    const runs: InAppImport[] = [];
    for (let i = 0; i <= reimports; i++) {
      const started = performance.now();
      const { jobId } = (await rpc('import.start', { paths: [corpus] })) as { jobId: string };
      for (;;) {
        const status = await rpc('import.status', { jobId });
        if (status.state === 'done') {
          runs.push({ seconds: (performance.now() - started) / 1000, report: status.report as InAppImport['report'] });
          break;
        }
        if (status.state !== 'running') throw new Error(`import ended ${String(status.state)}`);
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
    }
    return runs;
  } finally {
    child.kill('SIGTERM');
  }
}

function firstLine(stream: NodeJS.ReadableStream): Promise<string> {
  return new Promise((resolve, reject) => {
    let buffered = '';
    stream.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      const end = buffered.indexOf('\n');
      if (end >= 0) resolve(buffered.slice(0, end).trim());
    });
    stream.once('end', () => reject(new Error('serve ended before printing its URL')));
  });
}
