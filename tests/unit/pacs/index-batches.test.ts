import { describe, expect, it } from 'vitest';
import { IndexBatches } from '../../../electron/core/pacs/retrieve/index-batches';
import { seededRandom } from '../../support/seeded-random';

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

describe('IndexBatches: files written during a retrieve, indexed one batch at a time', () => {
  it.each([1, 2, 3, 4])('indexes every file once, in order, one batch at a time; flush waits for all added before it (seed %i)', async (seed) => {
    const random = seededRandom(seed);
    const indexed: number[] = [];
    let running = 0;
    let overlapped = false;
    const batches = new IndexBatches<number>(async (files) => {
      overlapped ||= running > 0;
      running += 1;
      await pause(random.int(0, 4));
      indexed.push(...files);
      running -= 1;
    });
    // Files whose writes end at random moments, added as the retrieve adds them (after the write),
    // with flushes asked at random meanwhile, each checked when it resolves.
    const flushes: Promise<void>[] = [];
    const missedByFlush: number[] = [];
    const writes = Array.from({ length: 200 }, (_, file) =>
      (async () => {
        await pause(random.int(0, 40));
        batches.add(file);
        if (random.chance(0.3)) {
          const addedBefore = file;
          flushes.push(batches.flush().then(() => void (indexed.includes(addedBefore) || missedByFlush.push(addedBefore))));
        }
      })(),
    );
    await Promise.all(writes);
    await batches.flush();
    await Promise.all(flushes);
    expect([...indexed].sort((a, b) => a - b)).toEqual(Array.from({ length: 200 }, (_, i) => i));
    expect(new Set(indexed).size).toBe(200);
    expect(overlapped).toBe(false);
    expect(missedByFlush).toEqual([]);
    expect(batches.waiting).toBe(0);
  });

  it('a file added while the next batch is being handed over goes in a later batch, not in the one taken', async () => {
    const taken: number[][] = [];
    const ends: (() => void)[] = [];
    const batches = new IndexBatches<number>((files) => {
      taken.push(files);
      return new Promise<void>((resolve) => ends.push(resolve));
    });
    batches.add(1);
    void batches.flush();
    batches.add(2);
    const second = batches.flush(); // queued behind the first batch
    let writeEnds = () => {};
    const written = new Promise<number>((resolve) => (writeEnds = () => resolve(3)));
    const adding = (async () => batches.add(await written))();
    ends.shift()!(); // the first batch ends: [2] is handed over while file 3's write is still running
    await pause(0);
    writeEnds();
    await adding;
    ends.shift()!();
    await second;
    const last = batches.flush();
    ends.shift()!();
    await last;
    expect(taken).toEqual([[1], [2], [3]]);
  });

  it('a failed batch is kept as the failure, and later batches are still indexed', async () => {
    const indexed: string[] = [];
    const batches = new IndexBatches<string>(async (files) => {
      if (files.includes('bad')) throw new Error('the disk is full');
      indexed.push(...files);
    });
    batches.add('bad');
    await batches.flush();
    batches.add('good');
    await batches.flush();
    expect((batches.failure as Error).message).toBe('the disk is full');
    expect(indexed).toEqual(['good']);
  });
});
