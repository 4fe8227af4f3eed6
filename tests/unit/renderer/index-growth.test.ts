import { describe, expect, it } from 'vitest';
import { IndexGrowth } from '../../../renderer/src/features/import/index-growth';

describe('IndexGrowth', () => {
  it('lists again once files were written, at most every interval, and catches up on what came between', () => {
    const growth = new IndexGrowth(500);
    expect(growth.grew(0, 0)).toBe(false); // nothing written yet
    expect(growth.grew(256, 100)).toBe(true);
    expect(growth.grew(512, 350)).toBe(false); // too soon after the last listing
    expect(growth.grew(512, 600)).toBe(true); // the files written meanwhile are listed now
    expect(growth.grew(512, 1200)).toBe(false); // nothing new
    expect(growth.grew(513, 1201)).toBe(true);
  });

  it('starts afresh with each import', () => {
    const growth = new IndexGrowth(500);
    expect(growth.grew(2048, 0)).toBe(true);
    growth.restart();
    expect(growth.grew(10, 1)).toBe(true);
  });
});
