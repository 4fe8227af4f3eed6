import type { Lesion } from '../lesion/lesion';
import { getBone } from '../anatomy/catalogue';
import type { ScoreComponent, ScoreResult } from './result';
import { HARRINGTON } from './thresholds';
import { criterionComponent } from './components';
import { formatNumber } from './format';
import { notApplicable } from './not-applicable';
import { criteriaScore } from './criteria';
import { sourceSuffix } from './provenance-note';
import { exceedsInPatient, formatPatientSize } from './patient-size';
import { undecidedSizeNote } from './undecided-size';
import { extentsReaching, type LesionExtent } from './lesion-extents';
import { INPUT_NAMES, scoreMissingInput } from './input-names';

const NAME = 'Harrington criteria (impending fracture)';
const SOURCE = 'Harrington KD, impending pathological fracture criteria (not validated)';

/**
 * Harrington criteria: cortical destruction > 50% (read as the circumferential involvement), lesion
 * >= 2.5 cm (largest dimension; undecided when the width or axial extent says otherwise), lesser trochanter avulsion (femur only) and persistent pain after
 * radiotherapy. On every bone (rule set v8): Harrington described them for long bones, but
 * CLINICAL.md's criteria and the referral rule that reads them name no site, so an unscored bone
 * would be an urgency understated for anyone reading the rule as written.
 */
export function scoreHarrington(lesion: Lesion): ScoreResult {
  const bone = getBone(lesion.boneId);
  if (!bone) return notApplicable('harrington', NAME, SOURCE, `${lesion.boneId} is not a bone the app knows`);
  const cortex = lesion.circumferentialInvolvementPct?.value ?? null;
  const sizeMeasured = lesion.largestDimensionMm;
  const size = sizeMeasured?.value ?? null;
  const cortexMet = cortex === null ? null : cortex > HARRINGTON.corticalDestructionPct;
  // A length at a radiograph's detector decides only when every plausible magnification agrees.
  const largestMet = sizeMeasured ? exceedsInPatient(sizeMeasured, HARRINGTON.lesionSizeMm, true) : null;
  // A largest dimension under the limit beside a width or axial extent that reaches it: the inputs
  // disagree, and neither is the truth, so the criterion stays possible (scored as both).
  const larger = largestMet === false ? extentsReaching(lesion, HARRINGTON.lesionSizeMm) : [];
  const sizeMet = larger.length > 0 ? null : largestMet;
  const avulsion = lesion.clinical.lesserTrochanterAvulsion;
  const pain = lesion.clinical.persistentPainAfterRadiotherapy;

  const cortexText = cortex === null ? null : `${formatNumber(cortex, HARRINGTON.corticalDestructionPct)}%`;
  const sizeText = sizeMeasured ? formatPatientSize(sizeMeasured, HARRINGTON.lesionSizeMm) : null;
  const components: ScoreComponent[] = [
    criterionComponent('cortical-destruction', `Cortical destruction > ${HARRINGTON.corticalDestructionPct}%`, cortexMet, cortexText),
    criterionComponent('size', `Lesion >= ${HARRINGTON.lesionSizeMm / 10} cm`, sizeMet, sizeText),
  ];
  // The lesser trochanter exists on the femur only: elsewhere the criterion is left out, not missing.
  if (bone.id === 'femur') components.push(criterionComponent('lesser-trochanter-avulsion', 'Avulsion of the lesser trochanter', avulsion, yesNo(avulsion)));
  components.push(criterionComponent('pain-after-radiotherapy', 'Persistent or functional pain after radiotherapy', pain, yesNo(pain)));

  const reasons: string[] = [];
  if (cortexMet) reasons.push(`cortical destruction ${cortexText} > ${HARRINGTON.corticalDestructionPct}%${sourceSuffix(lesion.circumferentialInvolvementPct)}`);
  if (sizeMet) reasons.push(`lesion ${sizeText} >= ${HARRINGTON.lesionSizeMm} mm (2.5 cm)`);
  if (bone.id === 'femur' && avulsion) reasons.push('avulsion of the lesser trochanter');
  if (pain) reasons.push('persistent or functional pain after radiotherapy');
  const missingInputs = [
    ...(cortex === null ? [scoreMissingInput('circumferentialInvolvement')] : []),
    ...(size === null ? [scoreMissingInput('largestDimension')] : []),
    ...(size !== null && largestMet === null ? [scoreMissingInput('largestDimension', 'patient-plane')] : []),
    ...(larger.length > 0 && sizeText ? [disagreement(sizeText, larger)] : []),
    ...(bone.id === 'femur' && avulsion === null ? [scoreMissingInput('lesserTrochanterAvulsion')] : []),
    ...(pain === null ? [scoreMissingInput('painAfterRadiotherapy')] : []),
  ];
  return criteriaScore(
    {
      score: 'harrington',
      name: NAME,
      source: SOURCE,
      components,
      missingInputs,
      reasons,
      definition: 'cortical destruction read as circumferential cortical involvement; lesion size as largest dimension',
      notes: [
        'Harrington criteria are not validated',
        ...(bone.kind === 'long-bone' ? [] : [`Harrington described these criteria for long bones; they are applied to the ${bone.name} because the referral rule names no site`]),
        ...(sizeMeasured && largestMet === null ? [undecidedSizeNote(INPUT_NAMES.largestDimension.name, sizeMeasured, `>= ${HARRINGTON.lesionSizeMm} mm`, HARRINGTON.lesionSizeMm)] : [])],
    },
    'impending fracture',
  );
}

/** The missing input a largest dimension smaller than another extent of the lesion leaves: which, and how to settle it. */
function disagreement(largest: string, larger: LesionExtent[]): string {
  const others = larger.map((e) => `${e.name} ${formatPatientSize(e.measured, HARRINGTON.lesionSizeMm)}`).join(' and the lesion ');
  return `largest dimension ${largest} is smaller than the lesion ${others} (inputs disagree: measure the largest dimension again)`;
}

function yesNo(value: boolean | null): string | null {
  return value === null ? null : value ? 'yes' : 'no';
}
