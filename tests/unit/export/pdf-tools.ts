import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';

// Poppler's command-line tools as the independent reader of the PDFs the app writes.

/** One grey page as pdftoppm -gray writes it (binary PGM, P5, 8-bit). */
export interface GrayPage {
  width: number;
  height: number;
  pixels: Uint8Array;
}

/** Reads a binary 8-bit PGM: "P5", width, height, maxval (comments allowed), one whitespace, then the pixels. */
export function readPgm(file: Buffer): GrayPage {
  const header = /^P5(?:\s+|#[^\n]*\n)+(\d+)(?:\s+|#[^\n]*\n)+(\d+)(?:\s+|#[^\n]*\n)+(\d+)\s/.exec(file.toString('latin1', 0, 200));
  if (!header) throw new Error('not a binary PGM');
  const [, width, height, maxval] = header.map(Number) as [number, number, number, number];
  expect(maxval).toBe(255);
  const pixels = new Uint8Array(file.subarray(header[0].length, header[0].length + width * height));
  expect(pixels.length).toBe(width * height);
  return { width, height, pixels };
}

/** Mean and standard deviation of a page's grey levels, and the share of near-black pixels. */
export function pageStatistics(page: GrayPage): { mean: number; sd: number; darkShare: number } {
  let sum = 0;
  let squares = 0;
  let dark = 0;
  for (const v of page.pixels) {
    sum += v;
    squares += v * v;
    if (v < 48) dark++;
  }
  const n = page.pixels.length;
  const mean = sum / n;
  return { mean, sd: Math.sqrt(Math.max(0, squares / n - mean * mean)), darkShare: dark / n };
}

function pdftoppm(pdfPath: string, outDir: string, format: '-png' | '-gray', dpi: number): Buffer[] {
  fs.mkdirSync(outDir, { recursive: true });
  const run = spawnSync('pdftoppm', ['-r', String(dpi), format, pdfPath, path.join(outDir, 'page')], { encoding: 'utf8' });
  expect(run.status, run.stderr).toBe(0);
  // pdftoppm pads page numbers to the width of the page count; sorting numerically keeps page order.
  const number = (f: string) => Number(/(\d+)\.\w+$/.exec(f)![1]);
  const files = fs.readdirSync(outDir).filter((f) => f.endsWith(format === '-png' ? '.png' : '.pgm')).sort((a, b) => number(a) - number(b));
  return files.map((f) => fs.readFileSync(path.join(outDir, f)));
}

/** Renders every page as PNG with pdftoppm and returns each page's size, read from the PNG header. */
export function renderPngPages(pdfPath: string, outDir: string, dpi = 40): { width: number; height: number }[] {
  return pdftoppm(pdfPath, outDir, '-png', dpi).map((png) => {
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
  });
}

/** Renders every page in grey with pdftoppm (low resolution: enough to see ink) and reads the pixels back. */
export function renderGrayPages(pdfPath: string, outDir: string, dpi = 40): GrayPage[] {
  return pdftoppm(pdfPath, outDir, '-gray', dpi).map(readPgm);
}

/** The PDF's text as pdftotext extracts it (UTF-8), and the same with every run of whitespace as one space. */
export function pdfText(pdfPath: string): { raw: string; flat: string } {
  const run = spawnSync('pdftotext', ['-enc', 'UTF-8', pdfPath, '-'], { encoding: 'utf8' });
  expect(run.status, run.stderr).toBe(0);
  return { raw: run.stdout, flat: run.stdout.replace(/\s+/g, ' ') };
}

/** The page count pdfinfo reads. */
export function pdfPageCount(pdfPath: string): number {
  const run = spawnSync('pdfinfo', [pdfPath], { encoding: 'utf8' });
  expect(run.status, run.stderr).toBe(0);
  return Number(/^Pages:\s+(\d+)/m.exec(run.stdout)?.[1]);
}

/** One page's text as pdftotext extracts it (-f N -l N), whitespace runs as one space. */
export function pdfPageText(pdfPath: string, page: number): string {
  const run = spawnSync('pdftotext', ['-enc', 'UTF-8', '-f', String(page), '-l', String(page), pdfPath, '-'], { encoding: 'utf8' });
  expect(run.status, run.stderr).toBe(0);
  return run.stdout.replace(/\s+/g, ' ');
}

/** One page rendered in grey by pdftoppm (-f N -l N) at a resolution, read back. */
export function renderGrayPage(pdfPath: string, outDir: string, page: number, dpi: number): GrayPage {
  fs.mkdirSync(outDir, { recursive: true });
  const prefix = path.join(outDir, `page-${page}`);
  const run = spawnSync('pdftoppm', ['-r', String(dpi), '-gray', '-singlefile', '-f', String(page), '-l', String(page), pdfPath, prefix], { encoding: 'utf8' });
  expect(run.status, run.stderr).toBe(0);
  return readPgm(fs.readFileSync(`${prefix}.pgm`));
}

/** The images pdfimages lists on one page: their pixel size. */
export function pdfImagesOnPage(pdfPath: string, page: number): { width: number; height: number }[] {
  const run = spawnSync('pdfimages', ['-list', '-f', String(page), '-l', String(page), pdfPath], { encoding: 'utf8' });
  expect(run.status, run.stderr).toBe(0);
  return run.stdout.split('\n').slice(2).filter(Boolean).map((row) => {
    const cells = row.trim().split(/\s+/);
    return { width: Number(cells[3]), height: Number(cells[4]) };
  });
}

/**
 * The large dark blocks of a rendered page (a CT key image is mostly air and soft tissue): runs of
 * rows with at least `minDark` dark pixels (text rows never hold that many: glyphs leave most of a
 * row light), joined across gaps of a few rows (white text burned into an image), at least 20 rows
 * tall, each spanning the columns that are dark in most of its rows (text beside it is not).
 */
export function darkBlocks(page: GrayPage, minDark: number): { x0: number; x1: number; y0: number; y1: number }[] {
  const dark = (x: number, y: number) => page.pixels[y * page.width + x]! < 100;
  const rows: [number, number][] = [];
  for (let y = 0; y < page.height; y++) {
    let count = 0;
    for (let x = 0; x < page.width; x++) if (dark(x, y)) count++;
    if (count < minDark) continue;
    const last = rows.at(-1);
    if (last && last[1] >= y - 8) last[1] = y;
    else rows.push([y, y]);
  }
  return rows.filter(([y0, y1]) => y1 - y0 >= 20).map(([y0, y1]) => {
    const columns: number[] = [];
    for (let x = 0; x < page.width; x++) {
      let count = 0;
      for (let y = y0; y <= y1; y++) if (dark(x, y)) count++;
      if (count >= 0.7 * (y1 - y0 + 1)) columns.push(x);
    }
    return { x0: columns[0] ?? 0, x1: columns.at(-1) ?? -1, y0, y1 };
  });
}

/** How many pixels of one page, rendered in colour by pdftoppm (PPM) at a resolution, each test accepts. */
export function countColourPixels(pdfPath: string, outDir: string, page: number, dpi: number, tests: Record<string, (r: number, g: number, b: number) => boolean>): Record<string, number> {
  fs.mkdirSync(outDir, { recursive: true });
  const prefix = path.join(outDir, `colour-${page}`);
  const run = spawnSync('pdftoppm', ['-r', String(dpi), '-singlefile', '-f', String(page), '-l', String(page), pdfPath, prefix], { encoding: 'utf8' });
  expect(run.status, run.stderr).toBe(0);
  const file = fs.readFileSync(`${prefix}.ppm`);
  const header = /^P6\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(file.toString('latin1', 0, 60));
  if (!header) throw new Error('not a binary PPM');
  const pixels = file.subarray(header[0].length);
  const counts = Object.fromEntries(Object.keys(tests).map((k) => [k, 0]));
  for (let i = 0; i + 2 < pixels.length; i += 3) {
    for (const [name, test] of Object.entries(tests)) if (test(pixels[i]!, pixels[i + 1]!, pixels[i + 2]!)) counts[name]!++;
  }
  return counts;
}
