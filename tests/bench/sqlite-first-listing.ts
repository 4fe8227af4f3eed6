import { createAppCore, coreInternals } from '../../electron/core/app-core';
import { inProcessImportRunner } from '../../electron/core/importer/import-runners';
import { referenceLesionList, referenceWorklist } from '../support/worklist-reference';

// Part of bench:sqlite: the first lesion list and worklist of a process that opens a data folder
// (as a CLI command or a just-started app does: nothing kept in memory, code not yet optimized),
// either as the app lists them now or as they were computed before issue 16. Prints
// {"listMs", "worklistMs", "listed", "rows"} as JSON.
// Usage: tsx tests/bench/sqlite-first-listing.ts <dataDir> now|before

const [dataDir, how] = process.argv.slice(2);
if (!dataDir || (how !== 'now' && how !== 'before')) throw new Error('usage: sqlite-first-listing.ts <dataDir> now|before');
const ALL_URGENCIES = ['emergency', 'urgent', 'surgical-opinion', 'routine'] as const;
const core = createAppCore({ dataDir, door: 'cli', version: 'bench', roots: [dataDir], importRunner: inProcessImportRunner });
try {
  const db = coreInternals(core).db;
  let started = performance.now();
  const listed =
    how === 'now'
      ? await core.handlers['lesions.list']({ allReaders: true })
      : referenceLesionList(db);
  const listMs = performance.now() - started;
  started = performance.now();
  const rows = how === 'now' ? (await core.handlers['worklist.get']({ urgencies: [...ALL_URGENCIES] })).rows : referenceWorklist(db, { urgencies: [...ALL_URGENCIES] }, null).rows;
  const worklistMs = performance.now() - started;
  console.log(JSON.stringify({ listMs, worklistMs, listed: listed.length, rows: rows.length }));
} finally {
  core.close();
}
