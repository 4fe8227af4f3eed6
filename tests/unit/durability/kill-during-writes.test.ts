import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleChildScript } from '../../support/child-script';
import { temporaryFolder } from '../../support/paths';
import { seededRandom } from '../../support/seeded-random';
import { checkAuditChain } from '../../../electron/core/lesions/audit-chain';

// A writer is killed with SIGKILL at random moments, again and again: every write it had
// acknowledged must survive, and the database must stay sound. Short by default; set
// BONEMET_LONG_TESTS=1 for the long run (a few hundred kills).
const KILLS = process.env.BONEMET_LONG_TESTS ? 400 : 40;
/** The kill delays come from this seed (printed with every failure); BONEMET_KILL_SEED=<n> replays a run's delays. */
const SEED = Number(process.env.BONEMET_KILL_SEED ?? Date.now()) >>> 0;

let workDir: string;
let writer: string;

beforeAll(async () => {
  workDir = temporaryFolder('durability');
  // Bundled once, so that each of the many child processes starts in milliseconds.
  writer = await bundleChildScript('tests/support/durability-writer.ts', workDir);
});
afterAll(() => fs.rmSync(workDir, { recursive: true, force: true }));

/** Runs the writer until it has acknowledged `acks` writes plus a random delay, then kills it. */
function writeThenKill(dataDir: string, acks: number, extraMs: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [writer, dataDir], { stdio: ['ignore', 'pipe', 'pipe'], cwd: workDir });
    const acked: string[] = [];
    let buffer = '';
    let stderr = '';
    let armed = false;
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop()!;
      for (const line of lines) if (line.startsWith('ack ')) acked.push(line.slice(4));
      if (!armed && acked.length >= acks) {
        armed = true;
        setTimeout(() => child.kill('SIGKILL'), extraMs);
      }
    });
    child.on('exit', (code, signal) => (signal === 'SIGKILL' ? resolve(acked) : reject(new Error(`writer exited ${code}: ${stderr}`))));
  });
}

describe('a writer killed with SIGKILL', () => {
  it(`loses no acknowledged write and leaves a sound database, over ${KILLS} kills`, async () => {
    const dataDir = path.join(workDir, 'data');
    const acknowledged = { lesion: new Set<string>(), annotation: new Set<string>() };
    const rng = seededRandom(SEED);
    for (let round = 0; round < KILLS; round++) {
      const acked = await writeThenKill(dataDir, 1 + (round % 7), rng.int(0, 25));
      for (const line of acked) {
        const [kind, id] = line.split(' ') as ['lesion' | 'annotation', string];
        acknowledged[kind].add(id);
      }
      const db = new Database(path.join(dataDir, 'bonemet.sqlite'));
      try {
        expect(db.pragma('integrity_check', { simple: true }), `round ${round} (BONEMET_KILL_SEED=${SEED})`).toBe('ok');
        const lesions = new Set(db.prepare('SELECT id FROM lesions').pluck().all() as string[]);
        const annotations = new Set(db.prepare('SELECT id FROM annotations').pluck().all() as string[]);
        for (const id of acknowledged.lesion) expect(lesions.has(id), `lesion ${id} after round ${round} (BONEMET_KILL_SEED=${SEED})`).toBe(true);
        for (const id of acknowledged.annotation) expect(annotations.has(id), `annotation ${id} after round ${round} (BONEMET_KILL_SEED=${SEED})`).toBe(true);
        // Every stored lesion has its audit row: the two are written in one transaction.
        expect(db.prepare("SELECT count(*) FROM lesions WHERE id NOT IN (SELECT entity_id FROM audit_log WHERE action = 'create')").pluck().get()).toBe(0);
        // A row and the chain's head are written in that same transaction: a kill never breaks the chain.
        expect(checkAuditChain(db), `round ${round} (BONEMET_KILL_SEED=${SEED})`).toMatchObject({ intact: true });
      } finally {
        db.close();
      }
    }
    expect(acknowledged.lesion.size + acknowledged.annotation.size).toBeGreaterThanOrEqual(KILLS);
  }, 600_000);
});
