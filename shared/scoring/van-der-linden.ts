import type { Lesion } from '../lesion/lesion';
import type { ScoreResult } from './result';
import { VAN_DER_LINDEN } from './thresholds';
import { criterionComponent } from './components';
import { formatNumber } from './format';
import { notApplicable } from './not-applicable';
import { criteriaScore } from './criteria';
import { sourceSuffix } from './provenance-note';
import { exceedsInPatient, formatPatientSize } from './patient-size';
import { undecidedSizeNote } from './undecided-size';
import { INPUT_NAMES, scoreMissingInput } from './input-names';

const NAME = 'Van der Linden criteria';
const SOURCE = 'Van der Linden YM et al. J Bone Joint Surg Br 2004;86:566-573';

/** Van der Linden criteria for a femoral lesion: axial cortical involvement > 30 mm or circumferential > 50%. */
export function scoreVanDerLinden(lesion: Lesion): ScoreResult {
  if (lesion.boneId !== 'femur') {
    return notApplicable('van-der-linden', NAME, SOURCE, 'Van der Linden criteria were derived for femoral metastases');
  }
  const axialMeasured = lesion.axialInvolvementMm;
  const axial = axialMeasured?.value ?? null;
  const circ = lesion.circumferentialInvolvementPct?.value ?? null;
  // A length at a radiograph's detector decides only when every plausible magnification agrees.
  const axialMet = axialMeasured ? exceedsInPatient(axialMeasured, VAN_DER_LINDEN.axialMm) : null;
  const axialText = axialMeasured ? formatPatientSize(axialMeasured, VAN_DER_LINDEN.axialMm) : null;
  const circMet = circ === null ? null : circ > VAN_DER_LINDEN.circumferentialPct;
  const components = [
    criterionComponent('axial', `Axial cortical involvement > ${VAN_DER_LINDEN.axialMm} mm`, axialMet, axialText),
    criterionComponent('circumferential', `Circumferential cortical involvement > ${VAN_DER_LINDEN.circumferentialPct}%`, circMet, circ === null ? null : `${formatNumber(circ, VAN_DER_LINDEN.circumferentialPct)}%`),
  ];
  const reasons: string[] = [];
  if (axialMet) reasons.push(`axial cortical involvement ${axialText} > ${VAN_DER_LINDEN.axialMm} mm${sourceSuffix(lesion.axialInvolvementMm)}`);
  if (circMet) reasons.push(`circumferential involvement ${formatNumber(circ ?? 0, VAN_DER_LINDEN.circumferentialPct)}% > ${VAN_DER_LINDEN.circumferentialPct}%${sourceSuffix(lesion.circumferentialInvolvementPct)}`);
  const missingInputs = [
    ...(axial === null ? [scoreMissingInput('axialInvolvement')] : []),
    ...(axial !== null && axialMet === null ? [scoreMissingInput('axialInvolvement', 'patient-plane')] : []),
    ...(circ === null ? [scoreMissingInput('circumferentialInvolvement')] : []),
  ];
  const notes: string[] = [];
  if (axialMeasured && axialMet === null) notes.push(undecidedSizeNote(INPUT_NAMES.axialInvolvement.name, axialMeasured, `> ${VAN_DER_LINDEN.axialMm} mm`, VAN_DER_LINDEN.axialMm));
  // Shown as a value, not a flag: the strongest CT predictor (Radiat Oncol 2014;9:227).
  if (circ !== null && circ >= VAN_DER_LINDEN.ctCircumferentialPct) {
    notes.push(`circumferential involvement ${formatNumber(circ, VAN_DER_LINDEN.ctCircumferentialPct)}% >= ${VAN_DER_LINDEN.ctCircumferentialPct}%${sourceSuffix(lesion.circumferentialInvolvementPct)}: strongest CT predictor of fracture (Radiat Oncol 2014;9:227)`);
  }
  return criteriaScore(
    {
      score: 'van-der-linden',
      name: NAME,
      source: SOURCE,
      components,
      missingInputs,
      reasons,
      definition: null,
      notes,
    },
    'high fracture risk',
  );
}
