import fs from 'node:fs';
import type { Browser } from '@playwright/test';

// The memory of a Playwright-driven Chromium's renderer and GPU processes, read from /proc: the
// viewer benchmark's figures and the end-to-end tests' bounds come from the same reading.

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
