import fs from 'node:fs';
import { randomUUID } from 'node:crypto';
import { createAppCore, coreInternals } from '../../electron/core/app-core';
import { inProcessImportRunner } from '../../electron/core/importer/import-runners';
import { makeLesion, typed } from '../support/lesion-fixtures';
import { temporaryFolder } from '../support/paths';
import { formatTable, machineSummary, reportFigures } from './bench-support';

// bench:sqlite: saving a lesion through the app (validation, scores, audit row, one durable
// transaction) against the floor of a bare INSERT of the same JSON in its own transaction,
// and listing 10,000 lesions as the lesion panel and the worklist do.

const SAVES = 2000;
const LISTED = 10_000;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function lesion(n: number) {
  const id = randomUUID();
  const now = new Date(Date.UTC(2026, 0, 1, 0, 0, n)).toISOString();
  return makeLesion({ id, trackingUid: `2.25.${BigInt(`0x${id.replaceAll('-', '')}`)}`, nature: 'lytic', axialInvolvementMm: typed(n % 60), circumferentialInvolvementPct: typed(n % 100), createdAt: now, updatedAt: now, reader: 'AB' });
}

async function main(): Promise<void> {
  const dataDir = temporaryFolder('bench-sqlite');
  const core = createAppCore({ dataDir, door: 'cli', version: 'bench', roots: [dataDir], importRunner: inProcessImportRunner });
  try {
    await core.handlers['reader.set']({ initials: 'AB', name: 'Bench', role: 'radiologist' });
    const saveTimes: number[] = [];
    for (let n = 0; n < SAVES; n++) {
      const record = lesion(n);
      const started = performance.now();
      await core.handlers['lesions.save']({ lesion: record });
      saveTimes.push(performance.now() - started);
    }
    coreInternals(core).db.exec('CREATE TABLE floor_rows (id TEXT PRIMARY KEY, record TEXT NOT NULL) STRICT');
    const insert = coreInternals(core).db.prepare('INSERT INTO floor_rows VALUES (?, ?)');
    const floorTimes: number[] = [];
    for (let n = 0; n < SAVES; n++) {
      const record = lesion(n);
      const started = performance.now();
      coreInternals(core).db.transaction(() => insert.run(record.id, JSON.stringify(record)))();
      floorTimes.push(performance.now() - started);
    }
    for (let n = SAVES; n < LISTED; n++) await core.handlers['lesions.save']({ lesion: lesion(n) });

    let started = performance.now();
    const listed = await core.handlers['lesions.list']({ allReaders: true });
    const listMs = performance.now() - started;
    started = performance.now();
    const worklist = await core.handlers['worklist.get']({ urgencies: ['emergency', 'urgent', 'surgical-opinion', 'routine'] });
    const worklistMs = performance.now() - started;
    if (listed.length !== LISTED || worklist.rows.length !== LISTED) throw new Error('not every lesion was listed');

    saveTimes.sort((a, b) => a - b);
    floorTimes.sort((a, b) => a - b);
    const ms = (v: number) => v.toFixed(2);
    console.log(`\nSQLite benchmark (WAL, synchronous=FULL); ${machineSummary()}\n`);
    console.log(formatTable(['measure', 'ms', 'floor ms', 'ratio'], [
      ['lesion save p50', ms(percentile(saveTimes, 50)), ms(percentile(floorTimes, 50)), (percentile(saveTimes, 50) / percentile(floorTimes, 50)).toFixed(1)],
      ['lesion save p99', ms(percentile(saveTimes, 99)), ms(percentile(floorTimes, 99)), (percentile(saveTimes, 99) / percentile(floorTimes, 99)).toFixed(1)],
      [`list ${LISTED} lesions with scores`, ms(listMs), '', ''],
      [`worklist over ${LISTED} lesions`, ms(worklistMs), '', ''],
    ]));
    console.log('\n(floor: a bare INSERT of the same JSON in its own transaction, no validation, scores or audit row)');
    reportFigures([
      { area: 'sqlite', measure: 'lesion save p50 / p99', value: `${ms(percentile(saveTimes, 50))} / ${ms(percentile(saveTimes, 99))} ms`, against: `bare insert ${ms(percentile(floorTimes, 50))} / ${ms(percentile(floorTimes, 99))} ms` },
      { area: 'sqlite', measure: `list ${LISTED} lesions with scores`, value: `${ms(listMs)} ms`, against: '' },
      { area: 'sqlite', measure: `worklist over ${LISTED} lesions`, value: `${ms(worklistMs)} ms`, against: '' },
    ]);
  } finally {
    core.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
