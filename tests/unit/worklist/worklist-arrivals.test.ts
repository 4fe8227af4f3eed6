import { describe, expect, it } from 'vitest';
import { addArrivals, type WorklistAnswer } from '../../../renderer/src/features/worklist/use-arrived-lesions';

const answer = (filtersKey: string, rows: [string, string][]): WorklistAnswer => ({ filtersKey, rows: rows.map(([lesionId, updatedAt]) => ({ lesionId, updatedAt })) });
const T1 = '2026-11-27T10:00:00.000Z';
const T2 = '2026-11-27T11:00:00.000Z';

describe('lesions arriving in the open worklist', () => {
  it('adds the rows a refresh under the same filters brings or changes, and keeps those already arrived', () => {
    const first = answer('all', [['a', T1], ['b', T1]]);
    const second = answer('all', [['c', T1], ['a', T1], ['b', T2]]);
    const arrived = addArrivals(new Set(), first, second);
    expect([...arrived]).toEqual(['c', 'b']);
    // A later refresh with nothing new keeps them marked, and one that drops a row keeps the others.
    expect([...addArrivals(arrived, second, answer('all', [['a', T1], ['b', T2]]))]).toEqual(['c', 'b']);
  });

  it('does not count rows that a filter change shows, nor the first answer of the page', () => {
    expect(addArrivals(new Set(), undefined, answer('all', [['a', T1]])).size).toBe(0);
    expect(addArrivals(new Set(['x']), answer('AB', [['a', T1]]), answer('all', [['a', T1], ['b', T1]]))).toEqual(new Set(['x']));
  });
});
