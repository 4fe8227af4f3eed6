import type { LesionScores } from '@shared/scoring/score-lesion';
import type { ScoreResult } from '@shared/scoring/result';
import { urgencyLabel, type UrgencyLevel } from '@shared/scoring/urgency-level';
import type { Urgency } from '@shared/scoring/urgency';
import { SR, UNITS } from '../dicom/codes';
import { esccGradeOf } from '../lesion-facts';
import { coded, num, text, type Item } from './content-items';
import { ENUM_FIELDS, enumValueCode } from './lesion-fields';
import { BM, bm, scoreBandCode, scoreCode, scoreComponentCode } from './private-codes';

// The scores of a lesion as numeric and qualitative evaluations. They are derived data (a pure
// function of the record, recomputed on import) written so that a reader of the SR alone sees
// every total, every component's points, and what is still missing.

/** The ESCC grade field of the record: the score item names the same category code. */
const ESCC_FIELD = ENUM_FIELDS.find((f) => f.key === 'esccGrade')!;

function bandItems(result: ScoreResult): Item[] {
  return result.band ? [coded('CONTAINS', scoreBandCode(result.score), bm(`BM-BAND-${result.score}:${result.band.id}`, result.band.label))] : [];
}

/**
 * The Bilsky ESCC grade: a category, not a sum, so written as the recorded grade's code (with its
 * band); "Value unknown" only when no grade was recorded.
 */
function esccItems(result: ScoreResult): Item[] {
  const grade = esccGradeOf(result);
  const concept = scoreCode(result.score, result.name);
  if (grade === null) return [num('CONTAINS', concept, null, UNITS.score, [], SR.valueUnknown)];
  return [coded('CONTAINS', concept, enumValueCode(ESCC_FIELD, grade)), ...bandItems(result)];
}

function scoreItems(result: ScoreResult): Item[] {
  if (!result.applicable) return [];
  if (result.score === 'escc') return esccItems(result);
  const children: Item[] = result.components.map((c) =>
    num('HAS PROPERTIES', scoreComponentCode(result.score, c.id, c.name), c.points, UNITS.score, [], SR.valueUnknown),
  );
  if (result.range) {
    children.push(num('HAS PROPERTIES', BM.rangeMin, result.range[0], UNITS.score), num('HAS PROPERTIES', BM.rangeMax, result.range[1], UNITS.score));
  }
  return [num('CONTAINS', scoreCode(result.score, result.name), result.total, UNITS.score, children, SR.valueUnknown), ...bandItems(result)];
}

/** An urgency level as the SR codes it. */
function urgencyCode(level: UrgencyLevel) {
  return bm(`BM-URGENCY:${level}`, urgencyLabel(level));
}

/**
 * The referral urgency as every other door gives it (worklist, referral, FHIR): the level the
 * recorded inputs establish with its reasons, the worst case while inputs are missing with what
 * could raise it and the inputs that decide it, and the rule set.
 */
function urgencyItem(urgency: Urgency): Item {
  return coded('CONTAINS', BM.urgency, urgencyCode(urgency.level), [
    text('HAS PROPERTIES', BM.scoreRuleSet, urgency.ruleSet),
    ...urgency.reasons.map((reason) => text('HAS PROPERTIES', BM.urgencyReason, reason)),
    coded('HAS PROPERTIES', BM.urgencyWorstCase, urgencyCode(urgency.worstCase)),
    ...urgency.worstCaseReasons.map((reason) => text('HAS PROPERTIES', BM.urgencyIf, reason)),
    ...urgency.missingInputs.map((input) => text('HAS PROPERTIES', BM.urgencyMissing, input)),
  ]);
}

/** Every applicable score (total, components, range, band) and the referral urgency with its rule set. */
export function scoresItems(scores: LesionScores): Item[] {
  const results = [scores.mirels, scores.harrington, scores.vanDerLinden, scores.sins, scores.escc];
  return [...results.flatMap(scoreItems), urgencyItem(scores.urgency)];
}
