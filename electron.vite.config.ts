import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';

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

/**
 * Script the viewer's first image does not need, kept out of the Cornerstone chunk it waits for
 * (parsed and compiled on every start, 6.5 MB unminified before these):
 * - dcmjs twice: @cornerstonejs/metadata and /utils each pin 0.52.0 and get a nested copy (about
 *   1 MB each); both now import the application's own copy (same API, 0.52.x).
 * - vtk.js's mesh readers and the XML/YAML libraries they import (about 0.9 MB), for surface
 *   meshes this viewer never loads (services/bundle/no-mesh-reader.ts says so if asked).
 */
const MESH_READERS = ['IO/Geometry/PLYReader', 'IO/Geometry/STLReader', 'IO/XML/XMLPolyDataReader', 'IO/Misc/OBJReader', 'IO/Misc/MTLReader'];
const RENDERER_BUNDLE_ALIASES: Record<string, string> = {
  dcmjs: at('node_modules/dcmjs/build/dcmjs.es.js'),
  ...Object.fromEntries(MESH_READERS.map((reader) => [`@kitware/vtk.js/${reader}.js`, at('renderer/src/services/bundle/no-mesh-reader.ts')])),
};

/**
 * Two of vtk.js's own modules, reached by relative imports inside vtk.js:
 * - its rendering profiles register the WebGPU backend beside WebGL (about 0.3 MB of script);
 *   Cornerstone draws with WebGL only, so the WebGPU half of each profile resolves to nothing;
 * - its half-float conversion runs once per voxel when a reformat's texture is uploaded (about a
 *   second for 512x512x300): services/bundle/half-float.ts gives the same bits from a table, and
 *   the array each slice is converted into comes from there too (reused, not one per slice), and
 *   so does the loop filling it (a table lookup per voxel of a 16-bit slice, no call).
 */
function trimmedVtk(): Plugin {
  const empty = '\0bonemet-empty-module';
  return {
    name: 'bonemet-trimmed-vtk',
    enforce: 'pre',
    resolveId(source, importer) {
      if (!importer?.includes('/@kitware/vtk.js/')) return null;
      if (importer.includes('/@kitware/vtk.js/Rendering/Profiles/') && source.startsWith('../WebGPU/')) return empty;
      return source.endsWith('/Common/Core/HalfFloat.js') ? at('renderer/src/services/bundle/half-float.ts') : null;
    },
    load(id) {
      return id === empty ? 'export {};' : null;
    },
    transform(code, id) {
      if (!id.endsWith('/@kitware/vtk.js/Rendering/OpenGL/Texture.js')) return null;
      if (!code.includes(HALF_FLOAT_ALLOCATION)) throw new Error('vtk.js Texture.js no longer allocates its half floats as expected: review services/bundle/half-float.ts');
      if (!code.includes(HALF_FLOAT_LOOP)) throw new Error('vtk.js Texture.js no longer converts its half floats as expected: review services/bundle/half-float.ts');
      return code
        .replace(HALF_FLOAT_ALLOCATION, 'HalfFloat_default.halfFloatTarget(onlyUpdateExtents ? src.length : pixCount, data.length)')
        .replace(HALF_FLOAT_LOOP, 'HalfFloat_default.halfFloatsInto(newArray, src);');
    },
  };
}

/** vtk.js 36's allocation of each upload's half floats (Texture.js updateArrayDataTypeForGL). */
const HALF_FLOAT_ALLOCATION = 'new Uint16Array(onlyUpdateExtents ? src.length : pixCount)';
/** And its conversion of them, one toHalf call per value. */
const HALF_FLOAT_LOOP = 'for (let i = 0; i < newArrayLen; i++) newArray[i] = toHalf(src[i]);';

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
    resolve: { alias: { ...sharedAlias, ...RENDERER_BUNDLE_ALIASES } },
    plugins: [react(), trimmedVtk()],
    worker: { format: 'es' },
    optimizeDeps: {
      exclude: ['@cornerstonejs/dicom-image-loader'],
      include: CORNERSTONE_PREBUNDLE,
    },
    build: {
      outDir: at('out/renderer'),
      emptyOutDir: true,
      // electron-vite leaves the renderer unminified; Cornerstone alone is then 9 MB of script that
      // the viewer parses before its first image (minified: about 40% of that).
      minify: true,
      rolldownOptions: { input: at('renderer/index.html') },
    },
  },
});
