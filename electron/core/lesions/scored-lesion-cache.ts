import type Database from 'better-sqlite3';
import { StoredLesionSchema, type Lesion } from '@shared/lesion/lesion';
import { scoreLesion, type LesionScores } from '@shared/scoring/score-lesion';
import { keepByText, keptByText } from '../db/kept-by-text';

// Reading a lesion from its stored record costs a JSON parse, a schema check and every score
// (about 50 us, most of it building the scores); listing 10,000 took 600 ms (issue 16). A lesion and
// its scores are a function of the record's text alone: they are kept, keyed by the record's exact
// text (kept-by-text.ts), and primed by the save that wrote them.

/** A stored lesion read and scored. */
export interface Scored {
  readonly lesion: Lesion;
  readonly scores: LesionScores;
}

const KIND = 'scored lesion';

/**
 * A stored lesion and its scores from its row: kept from an earlier read or save of the same
 * record text, else parsed, checked against the lesion schema (older forms read as the current
 * one) and scored. The objects are shared: never change them.
 * @param record - the row's record column
 */
export function scoredLesion(db: Database.Database, id: string, record: string): Scored {
  return keptByText(db, KIND, id, record, (text) => {
    const lesion = StoredLesionSchema.parse(JSON.parse(text));
    return { lesion, scores: scoreLesion(lesion) };
  });
}

/**
 * Keeps a lesion just written with its scores, so that the next listing does not score it again.
 * @param record - the text written to its record column
 * @param scores - its scores, handed over: no one else may hold them
 */
export function rememberScoredLesion(db: Database.Database, record: string, lesion: Lesion, scores: LesionScores): void {
  keepByText(db, KIND, lesion.id, record, { lesion: structuredClone(lesion), scores });
}
