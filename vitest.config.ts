import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // `@shared/...` is the repository's shared/ folder, as in tsconfig.json `paths`.
  resolve: { alias: { '@shared': fileURLToPath(new URL('./shared', import.meta.url)) } },
  test: {
    include: ['tests/unit/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // A worker per core, at least two. Vitest's default (cores - 1) ran the suite in one worker on
    // the 2-core CI machines: 18 min. Much of a test's time is spent waiting on another process
    // (Orthanc, dciodvfy, dcm2niix, the CLI, a killed host), so two workers took 8.4 min, all passing.
    maxWorkers: Math.max(2, os.availableParallelism()),
  },
});
