import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { deriveSeed, seededRandom } from '../../support/seeded-random';
import { MUTATION_KINDS, MUTATORS } from './dicom-mutations';
import { loadFuzzSources } from './fuzz-sources';

// The fuzz test's promise that a seed replays a failure rests on these.
const sources = loadFuzzSources();
const digest = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('the DICOM mutators', () => {
  it('have sources of every kind of file to work on', () => {
    expect(sources.length).toBeGreaterThan(100);
    expect(new Set(sources.map((s) => s.layout.transferSyntaxUid)).size).toBeGreaterThan(10);
  });

  it.each(MUTATION_KINDS)('%s: applies to some sources and makes the same mutant from the same seed', (kind) => {
    let applied = 0;
    for (let i = 0; i < 40; i++) {
      const make = () => {
        const rng = seededRandom(deriveSeed(7, i));
        const mutant = MUTATORS[kind](rng.pick(sources), rng);
        return mutant && { ...mutant, bytes: digest(mutant.bytes) };
      };
      const first = make();
      expect(make()).toEqual(first);
      if (first) applied++;
    }
    expect(applied).toBeGreaterThan(10);
  });

  it('draw the same numbers from the same seed, and other numbers from the next item\'s seed', () => {
    const draw = (seed: number) => {
      const rng = seededRandom(seed);
      return Array.from({ length: 8 }, () => rng.int(0, 1_000_000));
    };
    expect(draw(20240613)).toEqual(draw(20240613));
    expect(draw(deriveSeed(1, 0))).not.toEqual(draw(deriveSeed(1, 1)));
  });
});
