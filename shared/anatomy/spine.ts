import { z } from 'zod';
import type { Bone, SpineSegment } from './schema';
import { BONE_CODES, VERTEBRA_CODES } from './snomed-codes';

/** SINS location categories (Fisher et al., Spine 2010;35:E1221). */
export const SinsSpinalRegionSchema = z.enum(['junctional', 'mobile', 'semi-rigid', 'rigid']);
export type SinsSpinalRegion = z.infer<typeof SinsSpinalRegionSchema>;

const SEGMENTS: ReadonlyArray<{ prefix: string; count: number; segment: SpineSegment; word: string }> = [
  { prefix: 'C', count: 7, segment: 'cervical', word: 'cervical' },
  { prefix: 'T', count: 12, segment: 'thoracic', word: 'thoracic' },
  { prefix: 'L', count: 5, segment: 'lumbar', word: 'lumbar' },
  { prefix: 'S', count: 5, segment: 'sacral', word: 'sacral' },
];

/** Every vertebral level label from C1 to S5, cranial to caudal (the coccyx is separate). */
export const VERTEBRAL_LEVELS: readonly string[] = SEGMENTS.flatMap((s) =>
  Array.from({ length: s.count }, (_, i) => `${s.prefix}${i + 1}`),
);

/**
 * SINS location by level (CLINICAL.md, after Fisher 2010): junctional occiput-C2,
 * C7-T2, T11-L1, L5-S1; mobile C3-C6, L2-L4; semi-rigid T3-T10; rigid S2-S5.
 */
const SINS_REGION_BY_LEVEL: Readonly<Record<string, SinsSpinalRegion>> = Object.fromEntries(
  VERTEBRAL_LEVELS.map((level) => [level, sinsRegionRule(level)]),
);

function sinsRegionRule(level: string): SinsSpinalRegion {
  const prefix = level[0];
  const n = Number(level.slice(1));
  if (prefix === 'C') return n <= 2 || n === 7 ? 'junctional' : 'mobile';
  if (prefix === 'T') return n <= 2 || n >= 11 ? 'junctional' : 'semi-rigid';
  if (prefix === 'L') return n === 1 || n === 5 ? 'junctional' : 'mobile';
  return n === 1 ? 'junctional' : 'rigid';
}

/** SINS spinal region of a level label ("T11") or vertebra id ("vertebra-T11"); null for the coccyx or an unknown level. */
export function sinsRegionOfLevel(levelOrBoneId: string): SinsSpinalRegion | null {
  const level = levelOrBoneId.replace(/^vertebra-/, '');
  return SINS_REGION_BY_LEVEL[level] ?? null;
}

const ORDINALS = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth', 'eleventh', 'twelfth'];

function vertebraSynonyms(prefix: string, n: number, word: string): string[] {
  const synonyms = [`${prefix}${n}`, `${prefix} ${n}`, `${word} ${n}`, `${word} vertebra ${n}`, `${ORDINALS[n - 1]} ${word} vertebra`];
  if (prefix === 'T') synonyms.push(`Th${n}`, `D${n}`, `dorsal ${n}`);
  if (prefix === 'C' && n === 1) synonyms.push('atlas');
  if (prefix === 'C' && n === 2) synonyms.push('axis', 'dens', 'odontoid');
  if (prefix === 'S') synonyms.push(`sacral segment ${n}`);
  return synonyms;
}

/** The vertebral levels C1..S5 and the coccyx as catalogue entries. */
export function buildVertebrae(): Bone[] {
  const levels = SEGMENTS.flatMap((s) =>
    Array.from({ length: s.count }, (_, i): Bone => {
      const level = `${s.prefix}${i + 1}`;
      return {
        id: `vertebra-${level}`,
        name: s.segment === 'sacral' ? `${level} (sacral segment)` : `${level} vertebra`,
        code: VERTEBRA_CODES[level] ?? null,
        paired: false,
        kind: 'vertebra',
        level,
        segment: s.segment,
        regions: [],
        synonyms: vertebraSynonyms(s.prefix, i + 1, s.word),
      };
    }),
  );
  const coccyx: Bone = {
    id: 'coccyx',
    name: 'Coccyx',
    code: BONE_CODES.coccyx,
    paired: false,
    kind: 'vertebra',
    level: 'Co',
    segment: 'coccygeal',
    regions: [],
    synonyms: ['Co', 'coccygeal vertebra', 'tailbone'],
  };
  return [...levels, coccyx];
}
