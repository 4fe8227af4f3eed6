import fs from 'node:fs';
import path from 'node:path';

/** The launch page's name in the data folder. */
const LAUNCH_PAGE = 'open-in-browser.html';

/**
 * Writes, readable by this user only, a page that takes a browser on to the host's URL, and
 * returns its path. `serve` opens the browser on this page, not on the URL: every user of the
 * machine can read every process's command line (ps), and the browser's would hold the token
 * for as long as it runs. Anything already under the page's name is replaced, never written through.
 * @param url - the host's URL with its token
 */
export function writeLaunchPage(dataDir: string, url: string): string {
  const file = path.join(dataDir, LAUNCH_PAGE);
  const href = url.replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll('<', '&lt;');
  const page = [
    '<!doctype html>',
    '<meta charset="utf-8">',
    '<meta name="referrer" content="no-referrer">',
    `<meta http-equiv="refresh" content="0;url=${href}">`,
    '<title>BoneMet Review</title>',
    `<p><a href="${href}">Open BoneMet Review</a></p>`,
    '',
  ].join('\n');
  fs.mkdirSync(dataDir, { recursive: true });
  fs.rmSync(file, { force: true });
  fs.writeFileSync(file, page, { flag: 'wx', mode: 0o600 });
  return file;
}
