import fs from 'node:fs';
import net from 'node:net';
import type { Browser } from '@playwright/test';

/** A Chromium process and its memory from /proc (bytes). */
export interface ProcessMemory {
  pid: number;
  type: string;
  /** Resident now (VmRSS). */
  rss: number;
  /** Highest resident size since the process started (VmHWM): its peak. */
  peak: number;
}

function statusField(pid: number, field: string): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1];
  if (!kb) throw new Error(`no ${field} for process ${pid}`);
  return Number(kb) * 1024;
}

/**
 * The renderer and GPU processes of this browser, only (the machine runs other Chromiums): their ids
 * come from the browser itself (CDP SystemInfo.getProcessInfo), their memory from /proc.
 * @param browser - the benchmark's Chromium
 */
export async function browserProcesses(browser: Browser): Promise<ProcessMemory[]> {
  const cdp = await browser.newBrowserCDPSession();
  try {
    const { processInfo } = (await cdp.send('SystemInfo.getProcessInfo')) as { processInfo: { type: string; id: number }[] };
    return processInfo
      .filter((p) => (p.type === 'renderer' || p.type === 'GPU') && fs.existsSync(`/proc/${p.id}/status`))
      .map((p) => ({ pid: p.id, type: p.type, rss: statusField(p.id, 'VmRSS'), peak: statusField(p.id, 'VmHWM') }));
  } finally {
    await cdp.detach();
  }
}

/**
 * Waits until a process has exited (a closed context's renderer), so that the next run's largest
 * renderer is its own.
 * @param pid - the process id
 */
export async function processGone(pid: number): Promise<void> {
  for (let waited = 0; fs.existsSync(`/proc/${pid}`) && waited < 10_000; waited += 100) await new Promise((resolve) => setTimeout(resolve, 100));
}

/** How Playwright's CDP messages name the call that starts a page's network events. */
const NETWORK_ENABLE = '"method":"Network.enable"';

/**
 * Makes the Chromium that Playwright drives from this process keep no response bodies for the
 * DevTools protocol. Playwright starts every page's network events with `Network.enable` and no
 * limits, so Chromium keeps each response body (up to 200 MB) in the renderer, in case the
 * driver asks for it: a 512x512x300 CT's files stayed resident there, about 224 MB that the app,
 * which runs without DevTools, never holds. The call goes out with zero-byte buffers instead
 * (Playwright writes its CDP messages to Chromium's pipe as JSON strings). Call once, before
 * launching the browser; the bench reads no response body.
 */
export function recordNoResponseBodies(): void {
  const write = net.Socket.prototype.write as (this: net.Socket, chunk: unknown, ...rest: unknown[]) => boolean;
  net.Socket.prototype.write = function (this: net.Socket, chunk: unknown, ...rest: unknown[]): boolean {
    const bare = typeof chunk === 'string' && chunk.includes(NETWORK_ENABLE) && !chunk.includes('"params"');
    const sent = bare ? chunk.replace(NETWORK_ENABLE, `${NETWORK_ENABLE},"params":{"maxTotalBufferSize":0,"maxResourceBufferSize":0}`) : chunk;
    return write.call(this, sent, ...rest);
  } as typeof net.Socket.prototype.write;
}
