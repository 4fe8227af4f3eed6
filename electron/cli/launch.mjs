#!/usr/bin/env node
// The CLI launcher behind `npm run bonemet`, `npm run serve` and `npm start`: it runs the CLI
// from a bundle in out/cli, rebuilt with esbuild whenever a source file is newer, because
// compiling TypeScript at every start would cost more than most commands take.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const outDir = path.join(root, 'out', 'cli');
const bundle = path.join(outDir, 'main.mjs');

function newestSource(folder) {
  let newest = 0;
  for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(full));
    else if (/\.(ts|mjs|json)$/.test(entry.name)) newest = Math.max(newest, fs.statSync(full).mtimeMs);
  }
  return newest;
}

const built = fs.existsSync(bundle) ? fs.statSync(bundle).mtimeMs : 0;
const sources = Math.max(newestSource(path.join(root, 'electron')), newestSource(path.join(root, 'shared')), fs.statSync(path.join(root, 'package.json')).mtimeMs);
if (sources > built) {
  const { build } = await import('esbuild');
  fs.rmSync(outDir, { recursive: true, force: true });
  await build({
    absWorkingDir: root,
    entryPoints: { main: 'electron/cli/main.ts', 'import-worker': 'electron/core/importer/import-worker.ts' },
    outdir: outDir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    sourcemap: true,
    logLevel: 'warning',
  });
}
await import(pathToFileURL(bundle).href);
