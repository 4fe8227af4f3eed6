import { describe, expect, it } from 'vitest';
import { megabytes, prefetchReach, viewerMemoryBudget } from '../../../renderer/src/services/viewer/memory-budget';

describe('the viewer memory budget', () => {
  it('gives decoded images three quarters of the renderer limit (4 GiB when the browser does not say)', () => {
    const budget = viewerMemoryBudget();
    expect(budget.limitBytes).toBe(4 * 1024 ** 3);
    expect(budget.imageBytes).toBe(3 * 1024 ** 3);
  });

  it('prefetches a whole series that fits, and a quarter of the budget each way around the shown slice when not', () => {
    const slice = 512 * 512 * 2;
    expect(prefetchReach(1000, slice)).toBe(Infinity);
    expect(prefetchReach(6144, slice)).toBe(Infinity);
    expect(prefetchReach(6145, slice)).toBe(1536);
    expect(prefetchReach(1, 4 * 1024 ** 3)).toBe(1);
  });

  it('writes sizes as the benchmark does, in 10^6 bytes', () => {
    expect(megabytes(157_286_400)).toBe('157 MB');
    expect(megabytes(3_221_225_472)).toBe('3,221 MB');
  });
});
