import fs from 'node:fs';
import path from 'node:path';
import type { ServerResponse } from 'node:http';
import { sendFile } from './send-file';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

/**
 * The renderer's Content-Security-Policy. 'wasm-unsafe-eval' is there because Cornerstone's
 * image codecs (JPEG 2000, JPEG-LS, HTJ2K, JPEG lossless) are WebAssembly; no 'unsafe-eval'.
 */
export const RENDERER_CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self' blob:",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');

/**
 * Serves a file of the built renderer; unknown paths without an extension get index.html so
 * that client-side routes load. The resolved file must stay inside the renderer folder.
 */
export function serveStatic(rendererDir: string, urlPath: string, response: ServerResponse, extraHeaders: Record<string, string>): void {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    response.writeHead(400, { 'content-type': 'text/plain' }).end('malformed URL');
    return;
  }
  const relative = decoded.replace(/^\/+/, '') || 'index.html';
  let file = path.resolve(rendererDir, relative);
  if (!file.startsWith(rendererDir + path.sep)) {
    response.writeHead(404).end();
    return;
  }
  if (!fs.existsSync(file) || fs.statSync(file).isDirectory()) {
    if (path.extname(relative)) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    file = path.join(rendererDir, 'index.html');
  }
  // Links followed too: these files go to every local account without the token, and a link out
  // of the folder would hand them whatever it points at, read with this user's rights.
  if (!insideFolder(rendererDir, file)) {
    response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    return;
  }
  const type = CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream';
  const headers: Record<string, string> = { 'content-type': type, 'x-content-type-options': 'nosniff', ...extraHeaders };
  if (type.startsWith('text/html')) {
    headers['content-security-policy'] = RENDERER_CSP;
    headers['cache-control'] = 'no-store';
  } else if (/^assets\//.test(relative)) {
    // The build names these by their content's hash: one never changes under its name, so Chromium
    // may keep it and, on later openings, the code V8 compiled from it.
    headers['cache-control'] = 'private, max-age=31536000, immutable';
  }
  if (!sendFile(response, file, headers)) response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
}

/** Whether `file`, links followed, lies inside `folder` (itself followed: a build folder may be a link). */
function insideFolder(folder: string, file: string): boolean {
  try {
    return fs.realpathSync(file).startsWith(fs.realpathSync(folder) + path.sep);
  } catch {
    return false;
  }
}
