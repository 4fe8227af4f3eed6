import { net, protocol } from 'electron';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { AppCore } from '../core/app-core';
import { instanceFile } from '../core/index/instance-queries';

const RENDERER_CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self' blob:; style-src 'self' 'unsafe-inline'; " +
  "img-src 'self' data: blob:; connect-src 'self' dicom:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";

/** Registers app:// and dicom:// as privileged schemes; must run before the app is ready. */
export function registerSchemes(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    { scheme: 'dicom', privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true } },
  ]);
}

/**
 * app://renderer/... serves the built renderer with its CSP; dicom://instance/<id> serves an
 * instance's bytes, looked up in the index so that no URL ever names a path.
 */
export function handleSchemes(core: AppCore, rendererDir: string): void {
  protocol.handle('app', async (request) => {
    const { pathname } = new URL(request.url);
    const file = path.resolve(rendererDir, decodeURIComponent(pathname).replace(/^\/+/, '') || 'index.html');
    if (!file.startsWith(rendererDir + path.sep)) return new Response('not found', { status: 404 });
    const response = await net.fetch(pathToFileURL(path.extname(file) ? file : path.join(rendererDir, 'index.html')).href);
    const headers = new Headers(response.headers);
    headers.set('content-security-policy', RENDERER_CSP);
    headers.set('x-content-type-options', 'nosniff');
    return new Response(response.body, { status: response.status, headers });
  });
  protocol.handle('dicom', async (request) => {
    const match = /^dicom:\/\/instance\/(\d+)$/.exec(request.url);
    if (!match) return new Response('not found', { status: 404 });
    // The renderer (app://renderer) fetches pixel data cross-scheme: allow exactly that origin.
    const cors = { 'access-control-allow-origin': 'app://renderer' };
    try {
      const file = instanceFile(core.db, Number(match[1]));
      const response = await net.fetch(pathToFileURL(file.path).href);
      return new Response(response.body, { status: response.status, headers: { ...cors, 'content-type': 'application/dicom' } });
    } catch (error) {
      return new Response((error as Error).message, { status: 404, headers: cors });
    }
  });
}
