import { describe, expect, it } from 'vitest';
import { SaveQueue } from '../../../renderer/src/services/viewer/save-queue';

/** A promise the test settles by hand, to hold a save "on the wire". */
function deferred(): { promise: Promise<void>; resolve: () => void; reject: (error: Error) => void } {
  let resolve!: () => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<void>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

/** A queue whose failures and pending counts are recorded, and a store of what was "saved". */
function harness() {
  const failures: { key: string | null; message: string; context: string }[] = [];
  const pending: number[] = [];
  const queue = new SaveQueue<string>({
    failed: (key, error, context) => failures.push({ key, message: (error as Error).message, context }),
    pending: (count) => pending.push(count),
  });
  const ran: string[] = [];
  const save = (what: string, wait?: Promise<void>) => async () => {
    ran.push(`start ${what}`);
    await wait;
    ran.push(`end ${what}`);
  };
  return { queue, failures, pending, ran, save };
}

describe('SaveQueue: the order in which a study\'s drawings reach the store', () => {
  it('runs saves one at a time in the order asked, so a delete never overtakes its save', async () => {
    const { queue, ran, save } = harness();
    const wire = deferred();
    const first = queue.enqueue('a', save('save a', wire.promise), 'Saving');
    const second = queue.enqueue('b', save('save b'), 'Saving');
    const third = queue.enqueue('a', save('delete a'), 'Deleting');
    // The save of a is on the wire: nothing else starts until it is answered.
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(ran).toEqual(['start save a']);
    wire.resolve();
    await Promise.all([first, second, third]);
    expect(ran).toEqual(['start save a', 'end save a', 'start save b', 'end save b', 'start delete a', 'end delete a']);
  });

  it('sends only the newest state of a drawing that changed again while waiting, in the first one\'s place', async () => {
    const { queue, ran, save, pending } = harness();
    const wire = deferred();
    const running = queue.enqueue('a', save('a v1', wire.promise), 'Saving');
    const v2 = queue.enqueue('a', save('a v2'), 'Saving');
    const b = queue.enqueue('b', save('b v1'), 'Saving');
    const v3 = queue.enqueue('a', save('a v3'), 'Saving');
    const v4 = queue.enqueue('a', save('a v4'), 'Saving');
    // v1 runs, a's waiting save (v2, then v3, now v4) and b's wait: three in all.
    expect(queue.size).toBe(3);
    wire.resolve();
    await Promise.all([running, v2, b, v3, v4]);
    expect(ran.filter((r) => r.startsWith('start'))).toEqual(['start a v1', 'start a v4', 'start b v1']);
    // The count the panel shows rose as tasks came (not for those that replaced one) and fell to 0.
    expect(pending).toEqual([1, 2, 3, 2, 1, 0]);
  });

  it('never coalesces a task without a key (reading the records again)', async () => {
    const { queue, ran, save } = harness();
    const wire = deferred();
    const first = queue.enqueue('a', save('a', wire.promise), 'Saving');
    const reads = [queue.enqueue(null, save('read 1'), 'Reading'), queue.enqueue(null, save('read 2'), 'Reading')];
    wire.resolve();
    await Promise.all([first, ...reads]);
    expect(ran.filter((r) => r.startsWith('start'))).toEqual(['start a', 'start read 1', 'start read 2']);
  });

  it('reports a failed save with its drawing and goes on: the saves after it still reach the store', async () => {
    const { queue, ran, save, failures, pending } = harness();
    const wire = deferred();
    const failing = queue.enqueue('a', save('a v1', wire.promise), 'Saving the annotation failed');
    const later = queue.enqueue('b', save('b v1'), 'Saving the annotation failed');
    wire.reject(new Error('The database is locked'));
    await Promise.all([failing, later]);
    expect(failures).toEqual([{ key: 'a', message: 'The database is locked', context: 'Saving the annotation failed' }]);
    expect(ran).toEqual(['start a v1', 'start b v1', 'end b v1']);
    // A later change of the failed drawing is saved: the failure did not stop the queue.
    await queue.enqueue('a', save('a v2'), 'Saving the annotation failed');
    expect(ran.slice(-2)).toEqual(['start a v2', 'end a v2']);
    expect(pending.at(-1)).toBe(0);
    expect(queue.size).toBe(0);
  });

  it('reports a task that throws before awaiting anything, and resolves its caller', async () => {
    const { queue, failures } = harness();
    await queue.enqueue(
      'x',
      () => {
        throw new Error('refused by the schema');
      },
      'Saving',
    );
    expect(failures.map((f) => [f.key, f.message])).toEqual([['x', 'refused by the schema']]);
  });
});
