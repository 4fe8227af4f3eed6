/** An input a score or a referral rule can find missing: its name as a reader fills it in, and its unit. */
interface InputName {
  name: string;
  /** Added where a score lists the input missing ("circumferential involvement (%)"); the urgency names it without. */
  unit?: 'mm' | '%';
}

/**
 * One name per input every scorer and referral rule can find missing, so that the urgency, which
 * gathers them from several scores and rules, lists each input once. Mirels' size and the SINS
 * collapse compose their own words (what the size or category depends on) around these.
 */
export const INPUT_NAMES = {
  axialInvolvement: { name: 'axial cortical involvement', unit: 'mm' },
  circumferentialInvolvement: { name: 'circumferential involvement', unit: '%' },
  largestDimension: { name: 'largest dimension', unit: 'mm' },
  lesserTrochanterAvulsion: { name: 'lesser trochanter avulsion' },
  painAfterRadiotherapy: { name: 'persistent pain after radiotherapy' },
  newNeurologicalDeficit: { name: 'new neurological deficit' },
  pathologicalFracture: { name: 'pathological fracture' },
  esccGrade: { name: 'ESCC grade' },
  femurRegion: { name: 'femur region (peritrochanteric or not)' },
  /** Not a value to record: the reading Mirels left open for the neck (rule set v9), named where the site's range is shown. */
  femoralNeckSite: { name: "whether the femoral neck is Mirels' peritrochanteric site (he drew no boundary)" },
  lesionNature: { name: 'lesion nature (lytic/mixed/blastic)' },
  mirelsPain: { name: 'pain (mild/moderate/functional)' },
  sinsPain: { name: 'pain (mechanical/occasional/pain-free)' },
  sacralSegment: { name: 'sacral segment (S1 junctional, S2-S5 rigid)' },
  alignment: { name: 'alignment' },
  vertebralBodyCollapse: { name: 'vertebral body collapse' },
  posterolateralInvolvement: { name: 'posterolateral involvement' },
} as const satisfies Record<string, InputName>;

export type ScoredInput = keyof typeof INPUT_NAMES;

/**
 * What is missing of an input: the input itself, or (a length measured at a radiograph's detector)
 * its size in the patient, which the magnification leaves undecided against a threshold.
 */
export type InputGap = 'unmeasured' | 'patient-plane';

/** The input's name for a gap, without its unit: "axial cortical involvement in the patient plane". */
function gapName(input: ScoredInput, gap: InputGap): string {
  const { name } = INPUT_NAMES[input];
  return gap === 'patient-plane' ? `${name} in the patient plane` : name;
}

/** A missing input as a score lists it, with its unit: "circumferential involvement (%)". */
export function scoreMissingInput(input: ScoredInput, gap: InputGap = 'unmeasured'): string {
  const entry: InputName = INPUT_NAMES[input];
  return entry.unit ? `${gapName(input, gap)} (${entry.unit})` : gapName(input, gap);
}

/** A missing input as the referral urgency names it, without a unit: "circumferential involvement". */
export function urgencyMissingInput(input: ScoredInput, gap: InputGap = 'unmeasured'): string {
  return gapName(input, gap);
}

/** Each name a score lists mapped to the urgency's name of the same input. */
const URGENCY_NAME_OF_SCORE_NAME = new Map(
  (Object.keys(INPUT_NAMES) as ScoredInput[]).flatMap((input) =>
    (['unmeasured', 'patient-plane'] as const).map((gap) => [scoreMissingInput(input, gap), urgencyMissingInput(input, gap)] as const),
  ),
);

/**
 * The urgency's name of an input a score lists missing (the same input, without its unit), so that
 * a score and a rule missing one input name it once; a score's own words (Mirels' size, the SINS
 * collapse) stay as they are.
 */
export function urgencyNameOf(scoreName: string): string {
  return URGENCY_NAME_OF_SCORE_NAME.get(scoreName) ?? scoreName;
}
