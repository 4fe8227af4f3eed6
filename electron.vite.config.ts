import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

const root = fileURLToPath(new URL('.', import.meta.url));
const at = (...parts: string[]) => resolve(root, ...parts);

/** `@shared/...` is the repository's shared/ folder (tsconfig.json `paths`), in every bundle. */
const sharedAlias = { '@shared': at('shared') };

/**
 * Dependencies the dev server must pre-bundle (see shared STACK-NOTES, "Vite"): one copy of
 * Cornerstone's metadata registry, and codec factories with their default exports.
 */
const CORNERSTONE_PREBUNDLE = [
  'dicom-parser',
  '@cornerstonejs/core',
  '@cornerstonejs/metadata',
  '@cornerstonejs/utils',
  '@cornerstonejs/codec-charls/decodewasmjs',
  '@cornerstonejs/codec-libjpeg-turbo-8bit/decodewasmjs',
  '@cornerstonejs/codec-openjpeg/decodewasmjs',
  '@cornerstonejs/codec-openjph/wasmjs',
  '@cornerstonejs/codec-libjxl/decodewasmjs',
  '@cornerstonejs/jpeg-lossless-decoder-js',
  'pako',
  'comlink',
];

export default defineConfig({
  main: {
    resolve: { alias: sharedAlias },
    build: {
      outDir: at('out/main'),
      // Dependencies stay in node_modules; better-sqlite3 is native and must never be bundled.
      externalizeDeps: { include: ['better-sqlite3'] },
      lib: { entry: at('electron/main/index.ts') },
    },
  },
  preload: {
    resolve: { alias: sharedAlias },
    build: {
      outDir: at('out/preload'),
      // The window is sandboxed: its preload can require only `electron`, so everything else
      // (zod, the contract) is bundled into one CommonJS file, out/preload/index.cjs.
      externalizeDeps: false,
      lib: { entry: at('electron/preload/index.ts'), formats: ['cjs'] },
    },
  },
  renderer: {
    root: at('renderer'),
    resolve: { alias: sharedAlias },
    plugins: [react()],
    worker: { format: 'es' },
    optimizeDeps: {
      exclude: ['@cornerstonejs/dicom-image-loader'],
      include: CORNERSTONE_PREBUNDLE,
    },
    build: {
      outDir: at('out/renderer'),
      emptyOutDir: true,
      rolldownOptions: { input: at('renderer/index.html') },
    },
  },
});
