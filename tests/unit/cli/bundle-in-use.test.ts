import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, SHARED_DICOM, temporaryFolder } from '../../support/paths';

// The CLI runs from a bundle rebuilt when a source is newer (electron/cli/launch.mjs). A user who
// updates the checkout and runs a command while `serve` runs gets a new bundle: the running host
// still loads its workers and lazily loaded chunks from its own, which must still be there.

let checkout: string;
let serve: ChildProcess;
let url: URL;
let dataDir: string;

/** A checkout of its own (links to this one's sources), so that its bundles and sources' times are the test's alone. */
function linkedCheckout(): string {
  const root = temporaryFolder('bundle-in-use');
  for (const name of ['shared', 'resources', 'node_modules', 'tsconfig.json']) fs.symlinkSync(path.join(REPO_ROOT, name), path.join(root, name));
  fs.copyFileSync(path.join(REPO_ROOT, 'package.json'), path.join(root, 'package.json'));
  fs.mkdirSync(path.join(root, 'electron', 'cli'), { recursive: true });
  for (const entry of fs.readdirSync(path.join(REPO_ROOT, 'electron'))) {
    if (entry !== 'cli') fs.symlinkSync(path.join(REPO_ROOT, 'electron', entry), path.join(root, 'electron', entry));
  }
  for (const entry of fs.readdirSync(path.join(REPO_ROOT, 'electron', 'cli'))) {
    const from = path.join(REPO_ROOT, 'electron', 'cli', entry);
    // The launcher finds the checkout from where it lies: a copy, not a link.
    if (entry === 'launch.mjs') fs.copyFileSync(from, path.join(root, 'electron', 'cli', entry));
    else fs.symlinkSync(from, path.join(root, 'electron', 'cli', entry));
  }
  // serve starts only beside a renderer build (it builds one when none is there). This test calls
  // the host and never loads a page, and a fresh clone runs it before any build: one page stands in.
  fs.mkdirSync(path.join(root, 'out', 'renderer'), { recursive: true });
  fs.writeFileSync(path.join(root, 'out', 'renderer', 'index.html'), '<!doctype html><title>BoneMet Review</title>\n');
  return root;
}

async function call(channel: string, body: unknown): Promise<{ ok: boolean; value?: { jobId: string; state: string; error: string | null }; error?: { message: string } }> {
  const response = await fetch(`${url.origin}/rpc/${channel}`, { method: 'POST', headers: { authorization: `Bearer ${url.searchParams.get('token')}` }, body: JSON.stringify(body) });
  return (await response.json()) as never;
}

beforeAll(async () => {
  checkout = linkedCheckout();
  dataDir = path.join(checkout, 'data');
  serve = spawn(process.execPath, [path.join(checkout, 'electron/cli/launch.mjs'), 'serve', '--no-open', '--port', '0', '--data-dir', dataDir, '--root', SHARED_DICOM], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, BONEMET_IMPORT_ROOTS: '' },
  });
  url = new URL(
    await new Promise<string>((resolve, reject) => {
      let out = '';
      serve.stdout!.on('data', (c: Buffer) => {
        out += c.toString();
        if (out.includes('\n')) resolve(out.split('\n')[0]!.trim());
      });
      serve.once('exit', (code) => reject(new Error(`serve exited ${code}`)));
    }),
  );
}, 180_000);
afterAll(async () => {
  if (serve.exitCode === null) {
    await new Promise<void>((resolve) => {
      serve.once('exit', () => resolve());
      serve.kill('SIGTERM');
    });
  }
  fs.rmSync(checkout, { recursive: true, force: true });
});

describe('a command run after the sources changed, while serve runs', () => {
  it('builds its own bundle and leaves the running host its own: an import through the host still runs its worker', async () => {
    const bundles = () => fs.readdirSync(path.join(checkout, 'out', 'cli')).filter((name) => !name.startsWith('.'));
    const [serving] = bundles();
    // The checkout updated: a source newer than the bundle serve runs from.
    const later = new Date(Date.now() + 5_000);
    fs.utimesSync(path.join(checkout, 'package.json'), later, later);
    execFileSync(process.execPath, [path.join(checkout, 'electron/cli/launch.mjs'), 'reader', 'get', '--data-dir', path.join(checkout, 'other-data')], { stdio: 'pipe', timeout: 120_000 });

    const started = await call('import.start', { paths: [path.join(SHARED_DICOM, 'pydicom', 'CT_small.dcm')] });
    expect(started.ok).toBe(true);
    const end = await call('import.status', { jobId: started.value!.jobId, waitMs: 30_000 });
    expect(end.value).toMatchObject({ state: 'done', error: null });
    expect(bundles()).toContain(serving);
    expect(bundles()).toHaveLength(2);
  }, 180_000);
});
