import { describe, expect, it } from 'vitest';
import { loadStacksOf } from '../../../renderer/src/services/viewer/restore-stacks';
import type { SeriesStack } from '../../../renderer/src/services/viewer/series-stack';

/** A loader whose loads finish only when the test says so, recording what was asked and when. */
function controlledLoader() {
  const asked: string[] = [];
  const pending = new Map<string, { resolve(stack: SeriesStack): void; reject(error: Error): void }>();
  const load = (seriesUid: string) => {
    asked.push(seriesUid);
    return new Promise<SeriesStack>((resolve, reject) => pending.set(seriesUid, { resolve, reject }));
  };
  const stackOf = (seriesUid: string) => ({ seriesUid, slices: [], imageIds: [], instances: [] }) as unknown as SeriesStack;
  return { asked, pending, load, stackOf };
}

describe('loadStacksOf', () => {
  it('starts every distinct series at once, each once, before any has answered', async () => {
    const { asked, pending, load, stackOf } = controlledLoader();
    const records = ['1.2.A', '1.2.B', '1.2.A', '1.2.C', '1.2.B'].map((seriesInstanceUid) => ({ seriesInstanceUid }));
    const result = loadStacksOf(records, load);
    // Nothing has resolved yet, and all three loads are already under way.
    expect(asked).toEqual(['1.2.A', '1.2.B', '1.2.C']);
    // Answered out of order: the map still pairs each series with its own stack.
    pending.get('1.2.C')!.resolve(stackOf('1.2.C'));
    pending.get('1.2.A')!.resolve(stackOf('1.2.A'));
    pending.get('1.2.B')!.resolve(stackOf('1.2.B'));
    const stacks = await result;
    expect([...stacks.keys()]).toEqual(['1.2.A', '1.2.B', '1.2.C']);
    expect([...stacks.values()].map((s) => s?.seriesUid)).toEqual(['1.2.A', '1.2.B', '1.2.C']);
  });

  it('gives null for a series that cannot be loaded without failing the others', async () => {
    const { pending, load, stackOf } = controlledLoader();
    const result = loadStacksOf([{ seriesInstanceUid: 'gone' }, { seriesInstanceUid: 'kept' }], load);
    pending.get('gone')!.reject(new Error('No instance of this series holds an image.'));
    pending.get('kept')!.resolve(stackOf('kept'));
    const stacks = await result;
    expect(stacks.get('gone')).toBeNull();
    expect(stacks.get('kept')?.seriesUid).toBe('kept');
  });

  it('loads nothing for a study without records', async () => {
    const { asked, load } = controlledLoader();
    expect((await loadStacksOf([], load)).size).toBe(0);
    expect(asked).toEqual([]);
  });
});
