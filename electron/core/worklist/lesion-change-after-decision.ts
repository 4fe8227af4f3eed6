import type Database from 'better-sqlite3';
import type { LesionChangeAfterDecision, ListedReview, Review } from '@shared/worklist/review';
import { preparedStatement } from '../db/prepared-statement';
import { documentOrigin } from '../pacs/team-records';

// What a decision was made on is read from the audit log (the app's own order of changes, not a
// client's clock): the lesion's record as the last change before the decision left it.

/** Fields that change on every save, or with the record's form, without changing what was decided on. */
const NOT_A_CHANGE = new Set(['updatedAt', 'schemaVersion']);
/** Groups of inputs whose members are named one by one. */
const GROUPS = new Set(['clinical', 'spine']);
const WORDS: Readonly<Record<string, string>> = { mirels: 'Mirels', sins: 'SINS', escc: 'ESCC', mm: '(mm)', pct: '(%)', id: '', ids: '' };
const NAMES: Readonly<Record<string, string>> = { attachedAnnotationIds: 'linked drawings', boneAnalysis: 'bone analysis', note: 'note' };

/** A record field's name in words: axialInvolvementMm -> "axial involvement (mm)", clinical.mirelsPain -> "Mirels pain". */
function fieldName(field: string): string {
  if (NAMES[field]) return NAMES[field];
  return field.split(/(?=[A-Z])/).map((w) => WORDS[w.toLowerCase()] ?? w.toLowerCase()).filter(Boolean).join(' ');
}

/** The fields in which two lesion records differ, in words, in the record's order. */
function changedFields(then: Record<string, unknown>, now: Record<string, unknown>): string[] {
  const fields: string[] = [];
  for (const key of new Set([...Object.keys(then), ...Object.keys(now)])) {
    if (NOT_A_CHANGE.has(key)) continue;
    const [a, b] = [then[key], now[key]];
    if (GROUPS.has(key) && a && b && typeof a === 'object' && typeof b === 'object') {
      fields.push(...changedFields(a as Record<string, unknown>, b as Record<string, unknown>));
    } else if (JSON.stringify(a) !== JSON.stringify(b)) fields.push(fieldName(key));
  }
  return fields;
}

/**
 * How the lesion changed after a decision, or null while it is as decided on (saved again unchanged,
 * or changed and changed back). Null too for a decision the audit log does not hold (none is made without one).
 */
export function lesionChangeAfter(db: Database.Database, review: Review): LesionChangeAfterDecision | null {
  const decided = preparedStatement(db, "SELECT id FROM audit_log WHERE entity_id = ? AND entity = 'review' AND json_extract(after, '$.id') = ? ORDER BY id LIMIT 1")
    .pluck(true)
    .get(review.lesionId, review.id) as number | undefined;
  if (decided === undefined) return null;
  const last = preparedStatement(db, "SELECT at, reader FROM audit_log WHERE entity_id = ? AND entity = 'lesion' AND id > ? ORDER BY id DESC LIMIT 1")
    .get(review.lesionId, decided) as { at: string; reader: string } | undefined;
  if (!last) return null;
  const now = preparedStatement(db, 'SELECT record FROM lesions WHERE id = ?').pluck(true).get(review.lesionId) as string | undefined;
  if (now === undefined) return null;
  const then = preparedStatement(db, "SELECT after FROM audit_log WHERE entity_id = ? AND entity = 'lesion' AND id < ? AND after IS NOT NULL ORDER BY id DESC LIMIT 1")
    .pluck(true)
    .get(review.lesionId, decided) as string | undefined;
  // A lesion whose record at the decision is not in the log: every change after it counts.
  const fields = then === undefined ? ['the lesion record'] : changedFields(JSON.parse(then) as Record<string, unknown>, JSON.parse(now) as Record<string, unknown>);
  return fields.length === 0 ? null : { at: last.at, by: last.reader, fields };
}

/**
 * A review as the decisions panel and the worklist list it: with whether its lesion changed after it
 * and, received from another workstation, where from.
 * @param documentKey - the received document it came in (its row's origin), or null for one recorded here
 */
export function listedReview(db: Database.Database, review: Review, documentKey: string | null): ListedReview {
  const origin = documentOrigin(db, documentKey);
  return { ...review, lesionChangedAfter: lesionChangeAfter(db, review), ...(origin ? { origin } : {}) };
}
