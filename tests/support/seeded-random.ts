/**
 * A small seeded pseudo-random generator (mulberry32) for tests that must be reproducible:
 * the same seed gives the same sequence on every machine and Node version.
 */
export interface SeededRandom {
  /** The seed this stream started from. */
  readonly seed: number;
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, maxExclusive); `min` when the range is empty. */
  int(min: number, maxExclusive: number): number;
  /** True with probability `p`. */
  chance(p: number): boolean;
  /** One item of a non-empty list. */
  pick<T>(items: readonly T[]): T;
}

/**
 * Creates a generator from a 32-bit seed.
 * @param seed - any integer; only its low 32 bits count
 */
export function seededRandom(seed: number): SeededRandom {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, maxExclusive: number) => (maxExclusive <= min ? min : min + Math.floor(next() * (maxExclusive - min)));
  return {
    seed: seed >>> 0,
    next,
    int,
    chance: (p) => next() < p,
    pick: (items) => {
      if (items.length === 0) throw new Error('pick from an empty list');
      return items[int(0, items.length)]!;
    },
  };
}

/**
 * A seed derived from a base seed and an index (a 32-bit mix), so that item `index` of a run can
 * be regenerated alone, without replaying the items before it.
 * @param baseSeed - the run's seed
 * @param index - the item's position in the run
 */
export function deriveSeed(baseSeed: number, index: number): number {
  let h = (baseSeed ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}
