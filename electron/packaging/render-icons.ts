import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The pixel size icon.svg is drawn at before it is scaled down for each file. */
export const RENDER_SIZE = 1024;

/**
 * Draws an SVG as a square PNG with a transparent background, in Debian's headless Chromium (the
 * browser the tests already need): no SVG library to add for a file drawn once.
 * @param svgFile - the SVG
 * @param size - width and height in pixels
 * @param pngFile - where the PNG goes
 */
export function renderSvg(svgFile: string, size: number, pngFile: string, chromium = '/usr/bin/chromium'): void {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'bonemet-icon-'));
  try {
    const page = path.join(work, 'icon.html');
    const src = `file://${path.resolve(svgFile)}`;
    fs.writeFileSync(page, `<html><body style="margin:0;background:transparent"><img src="${src}" width="${size}" height="${size}" style="display:block"></body></html>`);
    const run = spawnSync(chromium, [
      '--headless=new', '--no-sandbox', '--disable-gpu', '--hide-scrollbars', '--no-first-run', '--disable-dev-shm-usage',
      `--user-data-dir=${path.join(work, 'profile')}`, '--default-background-color=00000000', `--window-size=${size},${size}`,
      `--screenshot=${path.resolve(pngFile)}`, `file://${page}`,
    ], { encoding: 'utf8', timeout: 60_000 });
    if (!fs.existsSync(pngFile)) throw new Error(`Chromium drew no ${pngFile}: ${run.stderr || run.error?.message}`);
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

/**
 * `tsx electron/packaging/render-icons.ts`: resources/icon.png (512 px, the window icon), icon.ico
 * (Windows) and icon.icns (macOS), all from resources/icon.svg; the scaling and the ICO and ICNS
 * containers are Pillow's (Debian's /usr/bin/python3).
 */
function main(): void {
  const resources = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../resources');
  const drawn = path.join(os.tmpdir(), `bonemet-icon-${process.pid}.png`);
  renderSvg(path.join(resources, 'icon.svg'), RENDER_SIZE, drawn);
  const script = [
    'import sys',
    'from PIL import Image',
    'src = Image.open(sys.argv[1]).convert("RGBA")',
    'out = sys.argv[2]',
    'src.resize((512, 512), Image.LANCZOS).save(out + "/icon.png", optimize=True)',
    'src.resize((256, 256), Image.LANCZOS).save(out + "/icon.ico", sizes=[(16, 16), (24, 24), (32, 32), (48, 48), (64, 64), (128, 128), (256, 256)])',
    'src.save(out + "/icon.icns")',
  ].join('\n');
  const run = spawnSync('/usr/bin/python3', ['-c', script, drawn, resources], { stdio: 'inherit' });
  fs.rmSync(drawn, { force: true });
  if (run.status !== 0) process.exit(1);
  console.log(`wrote icon.png, icon.ico and icon.icns in ${resources}`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
