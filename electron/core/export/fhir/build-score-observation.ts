import type { Lesion } from '@shared/lesion/lesion';
import type { ScoreComponent, ScoreResult } from '@shared/scoring/result';
import { bandText, componentText, esccGradeOf, locationText, siteCode } from '../lesion-facts';
import { CODES, COMPONENT_CODES, SCORE_CODES, SYSTEMS, esccGradeCode } from './fhir-codes';
import type { FindingTimes } from './build-finding-observation';
import type { Observation } from './fhir-report-resources';

/** fullUrls an Observation refers to. */
export interface ObservationRefs {
  patient: string;
  imagingStudy: string;
  reader: string;
}

type Component = NonNullable<Observation['component']>[number];

function esccGrade(result: ScoreResult, value: string | null): Pick<Observation, 'valueCodeableConcept' | 'dataAbsentReason'> {
  const grade = esccGradeOf(result);
  if (grade === null || value === null) return { dataAbsentReason: { coding: [CODES.unknown] } };
  return { valueCodeableConcept: { coding: [{ system: SYSTEMS.scores, code: esccGradeCode(grade), display: `ESCC grade ${value}` }], text: value } };
}

/** Scores that count criteria met: a criterion not recorded is met or not, nothing in between. */
const COUNTS_CRITERIA: ReadonlySet<ScoreResult['score']> = new Set(['harrington', 'van-der-linden']);

/**
 * One sub-score as an Observation.component in R4's own elements (an extension of ours would be
 * refused by validators that cannot find its definition): the points, met / not met for a
 * criterion, or, while its input is missing, the Range of points it could still give (unknown for
 * a criterion). The input it read is in the Observation's notes.
 */
function component(score: ScoreResult, c: ScoreComponent): Component {
  const code = `${score.score}.${c.id}`;
  let value: Partial<Component>;
  if (score.score === 'escc') value = esccGrade(score, c.value);
  else if (c.met !== null) value = { valueBoolean: c.met };
  else if (c.points !== null) value = { valueInteger: c.points };
  else if (c.possiblePoints && !COUNTS_CRITERIA.has(score.score)) value = { valueRange: { low: { value: c.possiblePoints[0] }, high: { value: c.possiblePoints[1] } } };
  else value = { dataAbsentReason: { coding: [CODES.unknown] } };
  return {
    code: { coding: [{ system: SYSTEMS.scores, code, display: COMPONENT_CODES[code] ?? c.name }], text: c.name },
    ...value,
  };
}

/** The total, the range while inputs are missing, or the ESCC grade, as value[x]. */
function total(result: ScoreResult): Partial<Observation> {
  if (result.score === 'escc') return esccGrade(result, result.components[0]?.value ?? null);
  if (result.total !== null) return { valueInteger: result.total };
  if (result.range) return { valueRange: { low: { value: result.range[0] }, high: { value: result.range[1] } } };
  return { dataAbsentReason: { coding: [CODES.unknown] } };
}

/**
 * One applicable score of a lesion as an R4 Observation with a component per sub-score, observed
 * (like the finding it belongs to) on the study's date.
 */
export function scoreObservation(lesion: Lesion, result: ScoreResult, refs: ObservationRefs, times: FindingTimes): Observation {
  const site = siteCode(lesion);
  const band = bandText(result);
  const notes = [
    `Source: ${result.source}.`,
    ...(result.definition ? [`Definition used: ${result.definition}.`] : []),
    ...(result.missingInputs.length ? [`Missing inputs: ${result.missingInputs.join('; ')}.`] : []),
    ...(result.reasons.length ? [`Reasons: ${result.reasons.join('; ')}.`] : []),
    `Components: ${result.components.map(componentText).join('; ')}.`,
    // A note, not Observation.interpretation: its extensible value set has no code for a score's band.
    ...(band ? [`Band: ${band}.`] : []),
    ...result.notes,
  ];
  return {
    resourceType: 'Observation',
    identifier: [{ system: SYSTEMS.lesionScore, value: `${lesion.id}/${result.score}` }],
    status: lesion.status === 'final' ? 'final' : 'preliminary',
    category: [{ coding: [CODES.imagingCategory] }, { coding: [CODES.surveyCategory] }],
    code: { coding: [{ system: SYSTEMS.scores, ...SCORE_CODES[result.score] }], text: result.name },
    subject: { reference: refs.patient },
    ...(times.studyDate ? { effectiveDateTime: times.studyDate } : {}),
    issued: times.issued,
    performer: [{ reference: refs.reader }],
    ...total(result),
    note: notes.map((text) => ({ text })),
    bodySite: {
      ...(site ? { coding: [{ system: SYSTEMS.snomed, code: site.value, display: site.meaning }] } : {}),
      text: locationText(lesion),
    },
    derivedFrom: [{ reference: refs.imagingStudy }],
    component: result.components.map((c) => component(result, c)),
  };
}
