#!/usr/bin/env node
// The CLI launcher behind `npm run bonemet`, `npm run serve` and `npm start`: it runs the CLI
// from a bundle in out/cli, rebuilt with esbuild whenever a source file is newer, because
// compiling TypeScript at every start would cost more than most commands take.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const outDir = path.join(root, 'out', 'cli');

function newestSource(folder) {
  let newest = 0;
  for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(full));
    else if (/\.(ts|mjs|json)$/.test(entry.name)) newest = Math.max(newest, fs.statSync(full).mtimeMs);
  }
  return newest;
}

/** An esbuild plugin: every bare package import stays external except the packages named. */
function externalPackagesExcept(bundled) {
  return {
    name: 'external-packages-except',
    setup(builder) {
      builder.onResolve({ filter: /^[^./]/ }, (args) => {
        if (args.path.startsWith('@shared/')) return undefined; // the repository's shared/ (tsconfig paths), bundled
        const name = args.path.startsWith('@') ? args.path.split('/').slice(0, 2).join('/') : args.path.split('/')[0];
        return bundled.includes(name) || args.path.startsWith('node:') ? undefined : { path: args.path, external: true };
      });
    },
  };
}

/**
 * An esbuild plugin: zod's `locales` namespace (messages in ~60 languages, a third of zod's
 * source) becomes English only. The app never switches zod's locale, and every command parses
 * the bundle at start-up.
 */
const zodEnglishMessagesOnly = {
  name: 'zod-english-messages-only',
  setup(builder) {
    builder.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      args.importer.includes(`${path.sep}zod${path.sep}`) ? { path: 'zod-locales', namespace: 'zod-english' } : undefined);
    builder.onLoad({ filter: /.*/, namespace: 'zod-english' }, () => ({
      contents: `export { default as en } from ${JSON.stringify(path.join(root, 'node_modules', 'zod', 'v4', 'locales', 'en.js'))};`,
      resolveDir: root,
    }));
  },
};

// One folder per source state: a bundle is never rewritten in place, so launches that overlap
// (parallel tests, two terminals) each find a complete bundle.
// resources/ holds data the bundle takes in at build time (the demo phantom's parameters).
const stamp = Math.floor(Math.max(...['electron', 'shared', 'resources'].map((dir) => newestSource(path.join(root, dir))), fs.statSync(path.join(root, 'package.json')).mtimeMs)).toString(36);
const bundleDir = path.join(outDir, stamp);
if (!fs.existsSync(path.join(bundleDir, 'main.mjs'))) {
  const { build } = await import('esbuild');
  const staging = path.join(outDir, `.staging-${process.pid}`);
  await build({
    absWorkingDir: root,
    entryPoints: { main: 'electron/cli/main.ts', 'import-worker': 'electron/core/importer/import-worker.ts', 'analysis-worker': 'electron/core/analysis/jobs/analysis-worker.ts' },
    outdir: staging,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // Packages stay in node_modules, but zod is bundled: as a package it is ~90 module files
    // (every locale) for Node to resolve and load, a large part of a quick command's start-up.
    plugins: [externalPackagesExcept(['zod']), zodEnglishMessagesOnly],
    // Whitespace and syntax only: names stay, so a stack trace still reads without the map.
    minifyWhitespace: true,
    minifySyntax: true,
    sourcemap: true,
    logLevel: 'warning',
  });
  try {
    fs.renameSync(staging, bundleDir);
  } catch {
    fs.rmSync(staging, { recursive: true, force: true }); // another launch finished the same bundle first
  }
  for (const old of fs.readdirSync(outDir)) {
    if (old !== stamp && !old.startsWith('.staging-') && !inUse(path.join(outDir, old))) fs.rmSync(path.join(outDir, old), { recursive: true, force: true });
  }
}

/**
 * True when a live process runs from this bundle: `serve`, an import, a long export load its
 * workers and chunks from it long after they started, and a launch after the sources changed must
 * not take it from under them.
 */
function inUse(bundle) {
  let names;
  try {
    names = fs.readdirSync(bundle);
  } catch {
    return false;
  }
  return names.some((name) => {
    const pid = Number(/^\.in-use-(\d+)$/.exec(name)?.[1]);
    if (!pid) return false;
    try {
      process.kill(pid, 0);
      return true;
    } catch (error) {
      return error.code === 'EPERM'; // alive, another account's
    }
  });
}

// This process runs from the bundle until it exits: say so, for the cleanup of later launches.
const inUseMark = path.join(bundleDir, `.in-use-${process.pid}`);
try {
  fs.writeFileSync(inUseMark, '');
  process.once('exit', () => fs.rmSync(inUseMark, { force: true }));
} catch {
  // A bundle folder this account cannot write: nobody else's launch removes it either.
}
await import(pathToFileURL(path.join(bundleDir, 'main.mjs')).href);
