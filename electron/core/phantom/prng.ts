import { createHash } from 'node:crypto';

/** A seeded stream of numbers: uniform in [0, 1) and standard normal. */
export interface Prng {
  uniform(): number;
  gaussian(): number;
}

/** A deterministic PRNG (mulberry32) seeded from any string, e.g. `seed|purpose`. */
export function createPrng(key: string): Prng {
  // Hashing the key spreads nearby seeds (1, 2, 3...) over unrelated streams.
  let state = createHash('sha256').update(key).digest().readUInt32LE(0);
  let spare: number | null = null;
  const uniform = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const gaussian = (): number => {
    if (spare !== null) {
      const value = spare;
      spare = null;
      return value;
    }
    // Box-Muller gives two normals per pair of uniforms; keep the second.
    const u = 1 - uniform();
    const v = uniform();
    const radius = Math.sqrt(-2 * Math.log(u));
    spare = radius * Math.sin(2 * Math.PI * v);
    return radius * Math.cos(2 * Math.PI * v);
  };
  return { uniform, gaussian };
}
