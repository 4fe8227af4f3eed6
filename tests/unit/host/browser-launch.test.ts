import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, temporaryFolder } from '../../support/paths';

// `serve` without --no-open, as a user runs it: the desktop's opener (xdg-open) is a real script
// here, first on PATH, that records the command line it was given. Every user of the machine can
// read every process's command line (ps, /proc/<pid>/cmdline): the token must not be in it.
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
let work: string;
let dataDir: string;
let record: string;
let serve: ChildProcess;
let url: string;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  work = temporaryFolder('browser-launch');
  dataDir = path.join(work, 'data');
  record = path.join(work, 'opener-arguments');
  const bin = path.join(work, 'bin');
  fs.mkdirSync(bin);
  fs.writeFileSync(path.join(bin, 'xdg-open'), `#!/bin/sh\nprintf '%s\\n' "$@" > '${record}'\n`, { mode: 0o755 });
  serve = spawn(process.execPath, [path.join(REPO_ROOT, 'electron/cli/launch.mjs'), 'serve', '--port', '0', '--data-dir', dataDir], {
    env: { ...process.env, PATH: `${bin}${path.delimiter}${process.env.PATH}` },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  url = await new Promise<string>((resolve, reject) => {
    let out = '';
    serve.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      if (out.includes('\n')) resolve(out.split('\n')[0]!.trim());
    });
    serve.once('exit', (code) => reject(new Error(`serve exited ${code}`)));
  });
  for (let i = 0; i < 100 && !fs.existsSync(record); i++) await sleep(100);
}, 120_000);
afterAll(async () => {
  if (serve.exitCode === null) serve.kill('SIGKILL');
  fs.rmSync(work, { recursive: true, force: true });
});

describe('serve opens the browser', () => {
  it('on a page of its own, readable by this user only, never on a command line holding the token', () => {
    const token = new URL(url).searchParams.get('token')!;
    const opened = fs.readFileSync(record, 'utf8').trim();
    expect(opened).not.toContain(token);
    expect(opened).toMatch(/^file:\/\//);
    const page = fileURLToPath(opened);
    expect(path.dirname(page)).toBe(dataDir);
    expect(fs.statSync(page).mode & 0o077).toBe(0);
  });

  it('and that page takes a real Chromium on to the app, signed in', async () => {
    const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true });
    try {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(fs.readFileSync(record, 'utf8').trim());
      await page.waitForURL((at) => at.origin === new URL(url).origin, { timeout: 15_000 });
      // Signed in: the reader is asked for (nobody yet), and the token is out of the address and of every cookie.
      await page.getByTestId('reader-dialog').waitFor({ timeout: 30_000 });
      expect(page.url()).not.toContain('token=');
      expect(await context.cookies()).toEqual([]);
    } finally {
      await browser.close();
    }
  });

  it('and removes the page when it stops', async () => {
    const page = fileURLToPath(fs.readFileSync(record, 'utf8').trim());
    await new Promise<void>((resolve) => {
      serve.once('exit', () => resolve());
      serve.kill('SIGTERM');
    });
    expect(fs.existsSync(page)).toBe(false);
  });
});
