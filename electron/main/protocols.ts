import { net, protocol } from 'electron';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { fail } from '@shared/ipc/envelope';
import type { AppCore } from '../core/app-core';

const RENDERER_CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self' blob:; style-src 'self' 'unsafe-inline'; " +
  "img-src 'self' data: blob:; connect-src 'self' dicom:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";

/** Registers app:// and dicom:// as privileged schemes; must run before the app is ready. */
export function registerSchemes(): void {
  protocol.registerSchemesAsPrivileged([
    // codeCache: V8 keeps the compiled scripts between launches, as Chromium does for cached http
    // scripts (the loopback host marks the build's hashed files immutable); the viewer's Cornerstone
    // is most of what a cold start compiles.
    { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
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
    headers.set('referrer-policy', 'no-referrer');
    return new Response(response.body, { status: response.status, headers });
  });
  protocol.handle('dicom', (request) => {
    const match = /^dicom:\/\/instance\/([1-9][0-9]*)$/.exec(request.url);
    if (!match) return new Response('not found', { status: 404 });
    // The renderer (app://renderer) fetches pixel data cross-scheme: allow exactly that origin.
    const cors = { 'access-control-allow-origin': 'app://renderer' };
    // The same check as the browser-mode host: only the file that was imported, never a link.
    const answer = core.instanceFile(Number(match[1]));
    if (!answer.ok) {
      return new Response(JSON.stringify(fail(answer.error)), { status: answer.status, headers: { ...cors, 'content-type': 'application/json; charset=utf-8' } });
    }
    const body = Readable.toWeb(answer.file.stream()) as unknown as ReadableStream<Uint8Array>;
    return new Response(body, { status: 200, headers: { ...cors, 'content-type': 'application/dicom', 'content-length': String(answer.file.size) } });
  });
}
