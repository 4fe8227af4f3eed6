import { z } from 'zod';
import { LateralitySchema, type Laterality } from './schema';
import { BONES } from './catalogue';

/** One ranked answer of searchAnatomy: a bone, optionally one of its regions. */
export const AnatomySearchHitSchema = z.object({
  boneId: z.string(),
  regionId: z.string().nullable(),
  /** Laterality named in the query ("left iliac wing"), else null. */
  laterality: LateralitySchema.nullable(),
  label: z.string(),
  /** The catalogue term that matched best. */
  matched: z.string(),
  score: z.number(),
});
export type AnatomySearchHit = z.infer<typeof AnatomySearchHitSchema>;

// Match quality, best first: the whole term, the term's start, the start of each word, inside from a word start.
const EXACT = 100;
const PREFIX = 80;
const WORD_PREFIX = 60;
const CONTAINS = 40;

const LATERALITY_WORDS: Readonly<Record<string, Laterality>> = { left: 'left', lt: 'left', right: 'right', rt: 'right' };

function normalise(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
}

interface Entry {
  boneId: string;
  regionId: string | null;
  label: string;
  terms: Array<{ raw: string; norm: string; words: string[] }>;
}

function terms(values: string[]): Entry['terms'] {
  return values.map((raw) => {
    const norm = normalise(raw);
    return { raw, norm, words: norm.split(' ') };
  });
}

const ENTRIES: readonly Entry[] = BONES.flatMap((bone) => [
  { boneId: bone.id, regionId: null, label: bone.name, terms: terms([bone.name, bone.id, ...bone.synonyms]) },
  ...bone.regions.map((r) => ({
    boneId: bone.id,
    regionId: r.id,
    label: `${bone.name}: ${r.name}`,
    terms: terms([r.name, r.id, ...r.synonyms]),
  })),
]);

function matchScore(query: string, queryWords: string[], term: Entry['terms'][number]): number {
  if (term.norm === query) return EXACT;
  if (term.norm.startsWith(query)) return PREFIX;
  if (queryWords.every((q) => term.words.some((w) => w.startsWith(q)))) return WORD_PREFIX;
  // Contained, but only from a word start, so that "l 4" does not hit "cervical 4".
  if (` ${term.norm}`.includes(` ${query}`)) return CONTAINS;
  return 0;
}

/** Splits "left iliac wing" into the laterality and the anatomy words. */
function splitLaterality(text: string): { laterality: Laterality | null; words: string[] } {
  let laterality: Laterality | null = null;
  const words: string[] = [];
  for (const word of normalise(text).split(' ').filter(Boolean)) {
    const side = LATERALITY_WORDS[word];
    if (side) laterality = side;
    else words.push(word);
  }
  return { laterality, words };
}

/**
 * Finds catalogue bones and regions by name, id or synonym, case-insensitively,
 * best match first ("T11", "femoral neck", "left iliac wing").
 * @param text - what the reader typed
 * @param limit - the most hits to return
 */
export function searchAnatomy(text: string, limit = 10): AnatomySearchHit[] {
  const { laterality, words } = splitLaterality(text);
  if (words.length === 0) return [];
  const query = words.join(' ');
  const hits: AnatomySearchHit[] = [];
  for (const entry of ENTRIES) {
    let best = 0;
    let matched = '';
    for (const term of entry.terms) {
      const score = matchScore(query, words, term);
      if (score > best) {
        best = score;
        matched = term.raw;
      }
    }
    if (best > 0) hits.push({ boneId: entry.boneId, regionId: entry.regionId, laterality, label: entry.label, matched, score: best });
  }
  // Ties: whole bones before their regions, then the shorter (more specific) label.
  hits.sort(
    (a, b) =>
      b.score - a.score ||
      Number(a.regionId !== null) - Number(b.regionId !== null) ||
      a.label.length - b.label.length,
  );
  return hits.slice(0, limit);
}
