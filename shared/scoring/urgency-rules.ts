import type { Lesion } from '../lesion/lesion';
import { getBone } from '../anatomy/catalogue';
import type { ScoreResult } from './result';
import { MIRELS, SINS, VAN_DER_LINDEN } from './thresholds';
import { formatNumber } from './format';
import { totalBounds } from './components';
import type { UrgencyLevel, UrgencyTrigger } from './urgency-level';
import { sourceSuffix } from './provenance-note';
import { exceedsInPatient, formatPatientSize } from './patient-size';
import { urgencyMissingInput, type ScoredInput } from './input-names';

/**
 * The app's own referral rule set (CLINICAL.md, "Referral urgency"): the level
 * each rule raises. Configurable here, and only here.
 * - emergency: ESCC 2-3, or a new neurological deficit recorded
 * - urgent: SINS >= 13, Mirels >= 9, axial > 30 mm, circumferential > 50% (on any bone: the rule
 *   names no bone, and > 50% cortical destruction is Harrington's fixation criterion on any long
 *   bone; on the femur these are Van der Linden's criteria, elsewhere the reason says that Van der
 *   Linden derived them in the femur; unmeasured, they widen the worst case as any missing input
 *   does), pathological fracture
 * - surgical opinion: SINS 7-12, Mirels 8, Harrington criterion met (on any bone: see harrington.ts)
 */
export const URGENCY_RULES = {
  esccHighGrade: 'emergency',
  newNeurologicalDeficit: 'emergency',
  sinsUnstable: 'urgent',
  mirelsFixation: 'urgent',
  vanDerLindenAxial: 'urgent',
  vanDerLindenCircumferential: 'urgent',
  longBoneAxial: 'urgent',
  longBoneCircumferential: 'urgent',
  pathologicalFracture: 'urgent',
  sinsPotentiallyUnstable: 'surgical-opinion',
  mirelsBorderline: 'surgical-opinion',
  harrington: 'surgical-opinion',
} as const satisfies Record<string, UrgencyLevel>;

/**
 * Version of the rule set above, carried with every urgency. Change it with any change to the rules
 * or to a score they read: stored worklist summaries are scored again only when it changes.
 */
export const URGENCY_RULE_SET = 'BoneMet Review referral rules v10 (a largest dimension not recorded in mm at least the lesion\'s width and axial extent for Harrington; a Mirels ratio stored a binary rounding under 1/3 sized 1-2; the femoral neck scored as either Mirels site; a largest dimension smaller than the lesion\'s width or axial extent scored as both for Harrington; a detector length exactly on a limit times its magnification decided in its decimals; a Mirels ratio stored a binary rounding over 2/3 sized 2-3; Harrington criteria on every bone; a SINS collapse category and a measured height loss that disagree scored as both; a radiograph\'s magnification over 1.3 a range up to it; cortical involvement urgent on every bone; the sacrum scored as spine; a measured 50% collapse scored as both SINS rows; a radiograph\'s detector-plane mm as a range over the magnification; a Mirels width and diameter in different planes as a range of sizes; unrecorded neurology a possible emergency on every lesion)';

/** The scores the rules read. */
export interface RuleScores {
  mirels: ScoreResult;
  harrington: ScoreResult;
  vanDerLinden: ScoreResult;
  sins: ScoreResult;
  escc: ScoreResult;
}

function trigger(rule: keyof typeof URGENCY_RULES, state: 'met' | 'possible', reason: string, missingInputs: string[] = []): UrgencyTrigger {
  return { rule, level: URGENCY_RULES[rule], state, reason, missingInputs };
}

/**
 * A two-threshold score (SINS 13/7, Mirels 9/8): met at the higher rule when the
 * lowest possible total reaches it, else possible while the highest does.
 */
function thresholdTriggers(
  result: ScoreResult,
  label: string,
  high: { rule: keyof typeof URGENCY_RULES; min: number },
  low: { rule: keyof typeof URGENCY_RULES; min: number; text: (shown: string) => string },
): UrgencyTrigger[] {
  const bounds = result.applicable ? totalBounds(result.total, result.range) : null;
  if (!bounds) return [];
  const [lo, hi] = bounds;
  const shown = lo === hi ? String(lo) : `${lo}-${hi}`;
  const out: UrgencyTrigger[] = [];
  if (lo >= high.min) return [trigger(high.rule, 'met', `${label} ${shown} >= ${high.min}`)];
  if (lo >= low.min) out.push(trigger(low.rule, 'met', hi < high.min ? low.text(shown) : `${label} ${shown} >= ${low.min}`));
  if (hi >= high.min) out.push(trigger(high.rule, 'possible', `${label} ${shown} reaches >= ${high.min}`, result.missingInputs));
  else if (lo < low.min && hi >= low.min) out.push(trigger(low.rule, 'possible', `${label} ${shown} reaches >= ${low.min}`, result.missingInputs));
  return out;
}

/** A Van der Linden criterion: met with the score's own reason, possible while its measurement is missing or its size in the patient undecided. */
function criterionTrigger(result: ScoreResult, componentId: string, rule: keyof typeof URGENCY_RULES, reasonStart: string, input: ScoredInput): UrgencyTrigger[] {
  const c = result.components.find((x) => x.id === componentId);
  if (!result.applicable || !c) return [];
  if (c.met === true) return [trigger(rule, 'met', result.reasons.find((r) => r.startsWith(reasonStart)) ?? c.name)];
  // Measured but undecided (a radiograph's detector-plane length): the reason shows the range, not "not measured".
  if (c.met === null) {
    if (c.value === null) return [trigger(rule, 'possible', `${c.name.toLowerCase()} (not measured)`, [urgencyMissingInput(input)])];
    return [trigger(rule, 'possible', `${c.name.toLowerCase()}: ${c.value}`, [urgencyMissingInput(input, 'patient-plane')])];
  }
  return [];
}

/**
 * Cortical involvement on a bone other than the femur: the same thresholds as on the femur (the
 * referral rule names no bone), met or possible while the measurement is missing, with a reason
 * that says where the threshold comes from.
 * @param longBone - whether Harrington's > 50% criterion (long bones) backs the circumferential one
 */
function corticalTriggers(lesion: Lesion, boneName: string, longBone: boolean): UrgencyTrigger[] {
  const out: UrgencyTrigger[] = [];
  // 'Humerus' reads 'the humerus' in a sentence; a vertebra's 'L2' stays as named.
  const bone = boneName.replace(/^[A-Z](?=[a-z])/, (c) => c.toLowerCase());
  const axial = lesion.axialInvolvementMm;
  const axialMet = axial ? exceedsInPatient(axial, VAN_DER_LINDEN.axialMm) : null;
  if (axial === null) out.push(trigger('longBoneAxial', 'possible', `axial cortical involvement > ${VAN_DER_LINDEN.axialMm} mm (not measured)`, [urgencyMissingInput('axialInvolvement')]));
  else if (axialMet === null) {
    out.push(trigger('longBoneAxial', 'possible', `axial cortical involvement > ${VAN_DER_LINDEN.axialMm} mm on the ${bone}: ${formatPatientSize(axial, VAN_DER_LINDEN.axialMm)}`, [urgencyMissingInput('axialInvolvement', 'patient-plane')]));
  } else if (axialMet) {
    out.push(trigger('longBoneAxial', 'met', `axial cortical involvement ${formatPatientSize(axial, VAN_DER_LINDEN.axialMm)} > ${VAN_DER_LINDEN.axialMm} mm on the ${bone} (Van der Linden's threshold, derived in the femur)${sourceSuffix(lesion.axialInvolvementMm)}`));
  }
  const circ = lesion.circumferentialInvolvementPct?.value ?? null;
  if (circ === null) out.push(trigger('longBoneCircumferential', 'possible', `circumferential involvement > ${VAN_DER_LINDEN.circumferentialPct}% (not measured)`, [urgencyMissingInput('circumferentialInvolvement')]));
  else if (circ > VAN_DER_LINDEN.circumferentialPct) {
    const source = longBone
      ? "Harrington's fixation criterion, > 50% cortical destruction, on any long bone; Van der Linden's threshold was derived in the femur"
      : "the referral rule's threshold, which names no bone; Van der Linden derived it in the femur";
    out.push(trigger('longBoneCircumferential', 'met', `circumferential involvement ${formatNumber(circ, VAN_DER_LINDEN.circumferentialPct)}% > ${VAN_DER_LINDEN.circumferentialPct}% on the ${bone} (${source})${sourceSuffix(lesion.circumferentialInvolvementPct)}`));
  }
  return out;
}

/** Every trigger the rule set raises for one lesion, met or possible. */
export function evaluateUrgencyRules(lesion: Lesion, scores: RuleScores): UrgencyTrigger[] {
  const bone = getBone(lesion.boneId);
  const out: UrgencyTrigger[] = [];
  const { escc } = scores;
  if (escc.applicable && escc.flagged === true) out.push(trigger('esccHighGrade', 'met', escc.reasons[0] ?? 'ESCC high grade'));
  if (escc.applicable && escc.flagged === null) out.push(trigger('esccHighGrade', 'possible', 'ESCC grade is 2-3 (not recorded)', [urgencyMissingInput('esccGrade')]));
  const deficit = lesion.clinical.newNeurologicalDeficit;
  if (deficit === true) out.push(trigger('newNeurologicalDeficit', 'met', 'new neurological deficit recorded'));
  // Unknown neurology widens the worst case on every lesion: the rule names no site, a deficit recorded
  // on any bone raises it, and a missing [clin] input never counts as absent.
  if (deficit === null) out.push(trigger('newNeurologicalDeficit', 'possible', 'a new neurological deficit is present (not recorded)', [urgencyMissingInput('newNeurologicalDeficit')]));

  out.push(
    ...thresholdTriggers(scores.sins, 'SINS', { rule: 'sinsUnstable', min: SINS.unstableMin }, {
      rule: 'sinsPotentiallyUnstable',
      min: SINS.potentiallyUnstableMin,
      text: (s) => `SINS ${s} in ${SINS.potentiallyUnstableMin}-${SINS.unstableMin - 1}`,
    }),
    ...thresholdTriggers(scores.mirels, 'Mirels', { rule: 'mirelsFixation', min: MIRELS.fixationMin }, {
      rule: 'mirelsBorderline',
      min: MIRELS.borderline,
      text: (s) => `Mirels ${s} = ${MIRELS.borderline} (borderline)`,
    }),
    ...criterionTrigger(scores.vanDerLinden, 'axial', 'vanDerLindenAxial', 'axial', 'axialInvolvement'),
    ...criterionTrigger(scores.vanDerLinden, 'circumferential', 'vanDerLindenCircumferential', 'circumferential', 'circumferentialInvolvement'),
  );
  if (bone && bone.id !== 'femur') out.push(...corticalTriggers(lesion, bone.name, bone.kind === 'long-bone'));
  if (lesion.pathologicalFracture === true) out.push(trigger('pathologicalFracture', 'met', 'pathological fracture recorded'));
  if (lesion.pathologicalFracture === null) out.push(trigger('pathologicalFracture', 'possible', 'a pathological fracture is present (not recorded)', [urgencyMissingInput('pathologicalFracture')]));

  const { harrington } = scores;
  if (harrington.applicable && harrington.flagged === true) {
    out.push(trigger('harrington', 'met', `Harrington criterion met: ${harrington.reasons.join('; ')}`));
  }
  if (harrington.applicable && harrington.flagged === null) {
    out.push(trigger('harrington', 'possible', 'a Harrington criterion is met (undecided while inputs are missing)', harrington.missingInputs));
  }
  return out;
}
