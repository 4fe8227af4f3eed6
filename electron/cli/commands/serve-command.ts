import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { AppError } from '@shared/errors';
import { startHost } from '../../host/host-server';
import { writeLaunchPage } from '../../host/launch-page';
import { flagValue, type ParsedArguments } from '../arguments';
import { dataDirOf, openCore, PROJECT_ROOT } from '../cli-context';

const RENDERER_DIR = path.join(PROJECT_ROOT, 'out', 'renderer');

/** Builds the renderer once when no build is there yet, so `serve` works straight after install. */
function ensureRendererBuilt(): void {
  if (fs.existsSync(path.join(RENDERER_DIR, 'index.html'))) return;
  process.stderr.write('No renderer build yet: running electron-vite build once...\n');
  const result = spawnSync(process.execPath, [path.join(PROJECT_ROOT, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'], {
    cwd: PROJECT_ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (result.status !== 0) throw new AppError('internal', 'The renderer build failed; run `npm run build` to see why.');
}

/** `serve [--port N] [--no-open] [--root DIR]`: the browser mode on 127.0.0.1; prints the URL first. */
export async function serveCommand(args: ParsedArguments): Promise<void> {
  ensureRendererBuilt();
  const portFlag = flagValue(args, 'port');
  const port = portFlag === undefined ? 0 : Number(portFlag);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new AppError('invalid_request', `--port ${portFlag} is not a port number`);
  const extraRoots = (flagValue(args, 'root') ?? '').split(path.delimiter).filter(Boolean);
  const core = openCore(args, 'browser', extraRoots);
  const host = await startHost({ core, dataDir: dataDirOf(args), rendererDir: RENDERER_DIR, port });
  process.stdout.write(`${host.url}\n`);
  process.stderr.write(`BoneMet Review (browser mode) on 127.0.0.1 only; data in ${dataDirOf(args)}. Ctrl+C stops it.\n`);
  // The browser gets a page holding the URL, not the URL: a command line is shown to every user (ps).
  const launchPage = args.flags.has('no-open') ? null : writeLaunchPage(dataDirOf(args), host.url);
  if (launchPage) openInBrowser(pathToFileURL(launchPage).href);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  if (launchPage) fs.rmSync(launchPage, { force: true });
  await host.close();
  core.close();
}

function openInBrowser(url: string): void {
  const opener = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
  const child = spawn(opener, [url], { stdio: 'ignore', detached: true });
  child.on('error', () => process.stderr.write('Open the URL printed above in a browser.\n'));
  child.unref();
}
