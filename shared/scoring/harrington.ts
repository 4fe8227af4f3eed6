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
import { extentsReaching, extentsSurelyReaching, type LesionExtent } from './lesion-extents';
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
  // No largest dimension in mm (not recorded, or in pixels) beside a width or axial extent that
  // reaches the limit for certain: the largest dimension, at least each, reaches it too (scoring it
  // as unknown left a surgical opinion only possible, the urgency routine). One recorded in mm but
  // undecided at a detector stays as recorded: where it is under the limit it disagrees with the extent.
  const largestInMm = sizeMeasured !== null && sizeMeasured.spacingPlane !== 'none';
  const reaching = largestInMm ? [] : extentsSurelyReaching(lesion, HARRINGTON.lesionSizeMm);
  const sizeMet = larger.length > 0 ? null : reaching.length > 0 ? true : largestMet;
  const avulsion = lesion.clinical.lesserTrochanterAvulsion;
  const pain = lesion.clinical.persistentPainAfterRadiotherapy;

  const cortexText = cortex === null ? null : `${formatNumber(cortex, HARRINGTON.corticalDestructionPct)}%`;
  const largestText = sizeMeasured ? formatPatientSize(sizeMeasured, HARRINGTON.lesionSizeMm) : null;
  // Met through another extent: the component shows that extent, the figure that decided it.
  const sizeText = reaching.length > 0 ? `${extentText(reaching[0]!)} (the lesion's ${reaching[0]!.name}; largest dimension ${largestText ?? 'not recorded'})` : largestText;
  const components: ScoreComponent[] = [
    criterionComponent('cortical-destruction', `Cortical destruction > ${HARRINGTON.corticalDestructionPct}%`, cortexMet, cortexText),
    criterionComponent('size', `Lesion >= ${HARRINGTON.lesionSizeMm / 10} cm`, sizeMet, sizeText),
  ];
  // The lesser trochanter exists on the femur only: elsewhere the criterion is left out, not missing.
  if (bone.id === 'femur') components.push(criterionComponent('lesser-trochanter-avulsion', 'Avulsion of the lesser trochanter', avulsion, yesNo(avulsion)));
  components.push(criterionComponent('pain-after-radiotherapy', 'Persistent or functional pain after radiotherapy', pain, yesNo(pain)));

  const reasons: string[] = [];
  if (cortexMet) reasons.push(`cortical destruction ${cortexText} > ${HARRINGTON.corticalDestructionPct}%${sourceSuffix(lesion.circumferentialInvolvementPct)}`);
  if (sizeMet && reaching.length > 0) reasons.push(atLeastExtent(reaching[0]!, largestText));
  else if (sizeMet) reasons.push(`lesion ${sizeText} >= ${HARRINGTON.lesionSizeMm} mm (2.5 cm)`);
  if (bone.id === 'femur' && avulsion) reasons.push('avulsion of the lesser trochanter');
  if (pain) reasons.push('persistent or functional pain after radiotherapy');
  const missingInputs = [
    ...(cortex === null ? [scoreMissingInput('circumferentialInvolvement')] : []),
    ...(size === null && reaching.length === 0 ? [scoreMissingInput('largestDimension')] : []),
    ...(size !== null && largestMet === null && reaching.length === 0 ? [scoreMissingInput('largestDimension', 'patient-plane')] : []),
    ...(larger.length > 0 && largestText ? [disagreement(largestText, larger)] : []),
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
        ...(sizeMeasured && largestMet === null && reaching.length === 0 ? [undecidedSizeNote(INPUT_NAMES.largestDimension.name, sizeMeasured, `>= ${HARRINGTON.lesionSizeMm} mm`, HARRINGTON.lesionSizeMm)] : [])],
    },
    'impending fracture',
  );
}

/** The reason an extent of the lesion meets the size for a largest dimension not known in mm: which extent, and that the largest is at least it. */
function atLeastExtent(extent: LesionExtent, largest: string | null): string {
  return `lesion ${extent.name} ${extentText(extent)} >= ${HARRINGTON.lesionSizeMm} mm (2.5 cm); the largest dimension, ${largest ?? 'not recorded'}, is at least it`;
}

/** An extent's length as shown, kept off every limit it is compared with. */
function extentText(extent: LesionExtent): string {
  return formatPatientSize(extent.measured, ...extent.limits);
}

/** The missing input a largest dimension smaller than another extent of the lesion leaves: which, and how to settle it. */
function disagreement(largest: string, larger: LesionExtent[]): string {
  const others = larger.map((e) => `${e.name} ${extentText(e)}`).join(' and the lesion ');
  return `largest dimension ${largest} is smaller than the lesion ${others} (inputs disagree: measure the largest dimension again)`;
}

function yesNo(value: boolean | null): string | null {
  return value === null ? null : value ? 'yes' : 'no';
}
