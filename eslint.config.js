// Lint: typescript-eslint's recommended rules, plus the layering of ../shared/DESIGN.md as
// import restrictions, so that the arrows renderer -> shared and doors -> core -> shared hold by themselves.
import tseslint from 'typescript-eslint';

const nodeBuiltins = { group: ['node:*', 'fs', 'path', 'os', 'child_process', 'worker_threads', 'http', 'crypto', 'zlib', 'url'], message: 'This layer runs without Node.' };

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', 'dist/**', 'test-results/**', 'playwright-report/**', '.bench/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          nodeBuiltins,
          { group: ['**/electron/**', '**/renderer/**', 'electron', 'react', 'better-sqlite3', '@cornerstonejs/*', 'dicom-parser', 'dcmjs'], message: 'shared/ imports nothing but zod.' },
        ],
      }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          nodeBuiltins,
          { group: ['**/electron/**', 'electron', 'better-sqlite3'], message: 'The renderer talks to the app through the contract only.' },
        ],
      }],
    },
  },
  {
    files: ['electron/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['electron', '**/electron/main/**', '**/electron/preload/**', '**/electron/host/**', '**/electron/cli/**', '**/renderer/**'], message: 'core runs under plain Node and knows no door.' },
        ],
      }],
    },
  },
);
