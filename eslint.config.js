// Lint: typescript-eslint's recommended rules, plus the layering of ../shared/DESIGN.md as
// import restrictions, so that the arrows renderer -> shared and doors -> core -> shared hold by
// themselves. Each layer's block names what it may import; tests/unit/architecture/lint-rules.test.ts
// plants a wrong import in each and checks that it is refused.
import tseslint from 'typescript-eslint';
import { featureBoundaries } from './eslint-rules/feature-boundaries.js';

const nodeBuiltins = { group: ['node:*', 'fs', 'path', 'os', 'child_process', 'worker_threads', 'http', 'crypto', 'zlib', 'url'], message: 'This layer runs without Node.' };

/** Imports of another layer's folder, however the relative path reaches it. */
const folders = (...names) => names.map((name) => `**/${name}/**`);

/**
 * A door's rule (main, host, cli): the bare packages it may import (a regex alternative), shared/,
 * its own and the core's files, never the other layers named. Everything else (better-sqlite3,
 * dcmjs...) is the core's to use.
 * @param packages - the bare imports allowed, e.g. 'electron$|node:'
 */
const doorImports = (packages, otherLayers, message, extra = []) => ['error', {
  patterns: [
    { regex: `^(?!${packages}|@shared/|\\.)`, message },
    { group: folders(...otherLayers), message },
    { group: ['**/core/app-core'], importNames: ['coreInternals'], message: 'A door reaches the core through its handlers; coreInternals is for tests and benchmarks.' },
    ...extra,
  ],
}];

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', 'dist/**', 'test-results/**', 'playwright-report/**', '.bench/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // shared/ imports zod and itself, nothing else: an allowlist, so no new package slips in.
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { regex: '^(?!zod$|zod/|@shared/|\\.)', message: 'shared/ imports nothing but zod (and shared/ itself).' },
          { group: folders('electron', 'renderer', 'tests', 'resources'), message: 'shared/ imports nothing but zod (and shared/ itself).' },
        ],
      }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { bonemet: { rules: { 'feature-boundaries': featureBoundaries } } },
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          nodeBuiltins,
          { group: ['**/electron/**', 'electron', 'better-sqlite3'], message: 'The renderer talks to the app through the contract only.' },
        ],
      }],
      'bonemet/feature-boundaries': 'error',
    },
  },
  {
    files: ['electron/core/**/*.ts'],
    ignores: ['electron/core/dicom/dicom-parser.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'dicom-parser', allowTypeImports: true, message: 'Parse with electron/core/dicom/dicom-parser: it knows the 4-byte lengths of OV, SV and UV.' }],
        patterns: [
          { group: ['electron', '**/electron/main/**', '**/electron/preload/**', '**/electron/host/**', '**/electron/cli/**', '**/renderer/**'], message: 'core runs under plain Node and knows no door.' },
        ],
      }],
    },
  },
  {
    // A transaction that writes takes the write lock before it reads (core/db/write-transaction.ts):
    // a deferred one is refused at once, not made to wait, while the CLI or an import worker writes.
    files: ['electron/**/*.ts'],
    ignores: ['electron/core/db/write-transaction.ts'],
    rules: {
      'no-restricted-syntax': ['error', {
        selector: "CallExpression[callee.property.name='transaction']",
        message: 'Write in writeTransaction(db, work) (core/db/write-transaction): it waits for the write lock another process holds, where a deferred transaction is refused as busy.',
      }],
    },
  },
  {
    // The Electron glue: electron, Node, the core and shared/; bare packages other than electron go through the core.
    files: ['electron/main/**/*.ts'],
    rules: {
      'no-restricted-imports': doorImports('electron$|node:', ['renderer', 'preload', 'host', 'cli'], 'electron/main imports electron, Node, the core and shared/ only; the database and the DICOM libraries are the core\'s.'),
    },
  },
  {
    // The sandboxed preload can require nothing but electron: its renderer APIs and the contract in shared/.
    files: ['electron/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{
          name: 'electron',
          allowImportNames: ['contextBridge', 'ipcRenderer', 'webUtils', 'webFrame', 'crashReporter', 'nativeImage'],
          message: "The preload may use electron's renderer APIs only.",
        }],
        patterns: [{ regex: '^(?!electron$|@shared/|\\./)', message: "The preload imports electron's renderer APIs and shared/ only." }],
      }],
    },
  },
  {
    // The browser-mode door: Node, the core and shared/; never electron.
    files: ['electron/host/**/*.ts'],
    rules: {
      'no-restricted-imports': doorImports('node:', ['renderer', 'preload', 'main', 'cli'], 'electron/host imports Node, the core and shared/ only: never electron; the database and the DICOM libraries are the core\'s.'),
    },
  },
  {
    // The terminal door: Node, the core and shared/, and the host it serves (`serve`); never electron.
    files: ['electron/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': doorImports('node:', ['renderer', 'preload', 'main'], 'electron/cli imports Node, the core, shared/ and the host it serves only: never electron; the database and the DICOM libraries are the core\'s.', [
        // A command reaches the records, the index, the exports and the PACS through the contract, as
        // the app does. From the core the CLI imports only what opens it and calls it (cli-context), and
        // the backups, which `backup --list` and `restore` read and replace with no core open, and the
        // bounded reader of the files a user names (--in, --trust-certificate).
        {
          regex: '/core/(?!(app-core|app-data-dir|handlers/dispatch|importer/import-runners|files/import-roots|files/special-files|db/backups)$)',
          message: 'The CLI is a door: it calls the contract (call(core, channel, request)), never the core\'s stores, exporters or PACS client.',
        },
      ]),
    },
  },
);

