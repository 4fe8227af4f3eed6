import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterAll, describe, expect, it } from 'vitest';
import { takeBackWritten } from '../../../electron/core/export/dataset/take-back-written';
import { temporaryFolder } from '../../support/paths';

// Another export (here a thread of its own, writing real files) fills and empties the folder a
// failed export is taking its files back from. Whatever it does meanwhile, taking back never throws:
// it runs where an export has failed or been cancelled, and the user must see that failure.
const WRITER = `
const fs = require('node:fs');
const path = require('node:path');
const { workerData, parentPort } = require('node:worker_threads');
const stop = new Int32Array(workerData.stop);
const folder = path.join(workerData.outDir, 'P001', 'S01', 'CT');
const file = path.join(folder, 'other-export.dcm');
parentPort.postMessage('started');
while (Atomics.load(stop, 0) === 0) {
  try { fs.mkdirSync(folder, { recursive: true }); fs.writeFileSync(file, 'x'); fs.rmSync(file, { force: true }); } catch {}
  try { fs.rmdirSync(folder); } catch {}
}
`;

let worker: Worker | undefined;
afterAll(async () => {
  await worker?.terminate();
});

describe('taking back what a failed export wrote', () => {
  it('never throws while another writer fills and empties the same folders', async () => {
    const outDir = temporaryFolder('take-back-race');
    const stop = new SharedArrayBuffer(4);
    worker = new Worker(WRITER, { eval: true, workerData: { outDir, stop } });
    await new Promise((resolve) => worker!.once('message', resolve));
    const mine = 'P001/S01/CT/IM0001.dcm';
    const failures: string[] = [];
    const until = Date.now() + 4_000;
    let rounds = 0;
    while (Date.now() < until && failures.length === 0) {
      rounds++;
      try {
        fs.mkdirSync(path.join(outDir, 'P001/S01/CT'), { recursive: true });
        fs.writeFileSync(path.join(outDir, mine), 'mine');
      } catch {
        continue; // the other writer removed the folder between the two: write again
      }
      try {
        takeBackWritten(outDir, [mine]);
      } catch (error) {
        failures.push(String(error));
      }
      expect(fs.existsSync(path.join(outDir, mine))).toBe(false);
    }
    Atomics.store(new Int32Array(stop), 0, 1);
    expect(failures).toEqual([]);
    expect(rounds).toBeGreaterThan(100);
  });

  it('leaves what another writer put in a folder, and removes the folders its own files emptied', () => {
    const outDir = temporaryFolder('take-back-others');
    for (const file of ['P001/S01/CT/IM0001.dcm', 'P001/S01/SEG/SEG0001.dcm', 'P002/S01/CT/IM0001.dcm']) {
      fs.mkdirSync(path.dirname(path.join(outDir, file)), { recursive: true });
      fs.writeFileSync(path.join(outDir, file), 'mine');
    }
    fs.writeFileSync(path.join(outDir, 'P001/S01/CT/theirs.dcm'), 'theirs');
    takeBackWritten(outDir, ['P001/S01/CT/IM0001.dcm', 'P001/S01/SEG/SEG0001.dcm', 'P002/S01/CT/IM0001.dcm', 'P003/gone.dcm']);
    expect(fs.readFileSync(path.join(outDir, 'P001/S01/CT/theirs.dcm'), 'utf8')).toBe('theirs');
    expect(fs.existsSync(path.join(outDir, 'P001/S01/SEG'))).toBe(false);
    expect(fs.existsSync(path.join(outDir, 'P002'))).toBe(false);
  });
});
