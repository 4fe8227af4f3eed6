import { z } from 'zod';
import { CtraConstantsSchema, type CtraConstants } from '../analysis/ctra-constants';
import type { BoneAnalysisSummary } from '../analysis/bone-analysis-summary';
import type { Lesion } from '../lesion/lesion';
import { AnalysisMethodSchema } from '../lesion/measurement';
import { formatNumber } from './format';

const NAME = 'CT-based structural rigidity analysis (CTRA), experimental';
const SOURCE = 'Snyder et al. 2006; Nazarian et al. (prospective multicentre study); rule and constants not verified against the publications';

/** The three rigidities, as the reasons name them. */
export const RIGIDITY_LABELS = { ea: 'axial rigidity (EA)', eiMin: 'minimum bending rigidity (EI-min)', gj: 'torsional rigidity (GJ)' } as const;

/**
 * The rigidity verdict of a lesion as its scores show it: experimental, beside the five scores,
 * read from the bone analysis the reader accepted. It never raises the referral urgency.
 */
export const CtraResultSchema = z.object({
  name: z.string(),
  source: z.string(),
  experimental: z.literal(true),
  /** Only with an accepted bone analysis. */
  applicable: z.boolean(),
  notApplicableReason: z.string().nullable(),
  /** Lowest ratio at or below the flag ratio; null when the analysis had no reference to compare with. */
  flagged: z.boolean().nullable(),
  lowestRatios: z.object({ ea: z.number().nullable(), eiMin: z.number().nullable(), gj: z.number().nullable() }),
  governing: z.enum(['ea', 'eiMin', 'gj']).nullable(),
  /** Patient z (mm) of the section where the governing ratio is lowest. */
  atZMm: z.number().nullable(),
  reference: z.enum(['contralateral', 'own-sections', 'none']).nullable(),
  method: AnalysisMethodSchema.nullable(),
  constants: CtraConstantsSchema.nullable(),
  /** Why it is flagged, to check against the profile ("lowest EI-min ratio 0.05 <= 0.65 ..."). */
  reasons: z.array(z.string()),
  notes: z.array(z.string()),
});
export type CtraResult = z.infer<typeof CtraResultSchema>;

/** Said wherever the result is shown: what it is, and that the urgency does not read it. */
export const CTRA_URGENCY_NOTE =
  'Experimental: shown beside the scores, never raising the referral urgency, which follows the app\u2019s referral rule set alone.';

const REFERENCE_WORDS = {
  contralateral: 'the contralateral bone at the same level',
  'own-sections': "the bone's own unaffected sections",
  none: 'no reference',
} as const;

/** The constants in one line, as printed beside every result. */
export function constantsText(constants: CtraConstants): string {
  const calibration =
    constants.calibration.kind === 'tissues'
      ? `calibration from air, fat and muscle (calibrated HU = ${formatNumber(constants.calibration.slope)} x HU + ${formatNumber(constants.calibration.interceptHu)})`
      : `calibration from a phantom (${constants.calibration.inserts.length} inserts)`;
  return `Constants: ${calibration}; ${constants.density.source}; ${constants.modulus.source}; Poisson's ratio ${constants.poissonRatio}; flagged at a lowest ratio <= ${constants.flagAtOrBelowRatio}.`;
}

/** The profile's patient z of a section, or null. */
function zOf(analysis: BoneAnalysisSummary, sectionIndex: number): number | null {
  return analysis.profile.find((s) => s.index === sectionIndex)?.zMm ?? null;
}

/** The CTRA result of a lesion: not applicable without an accepted bone analysis. */
export function scoreCtra(lesion: Lesion): CtraResult {
  const analysis = lesion.boneAnalysis;
  if (!analysis) {
    return {
      name: NAME,
      source: SOURCE,
      experimental: true,
      applicable: false,
      notApplicableReason: 'no bone analysis accepted on this lesion (Analyze bone, on a CT of a long bone)',
      flagged: null,
      lowestRatios: { ea: null, eiMin: null, gj: null },
      governing: null,
      atZMm: null,
      reference: null,
      method: null,
      constants: null,
      reasons: [],
      notes: [],
    };
  }
  const { rigidity, method } = analysis;
  const governing = rigidity.at?.governing ?? null;
  const lowest = governing ? { ea: rigidity.eaRatio, eiMin: rigidity.eiMinRatio, gj: rigidity.gjRatio }[governing] : null;
  const atZMm = rigidity.at ? zOf(analysis, rigidity.at.sectionIndex) ?? rigidity.at.point[2] : null;
  const limit = rigidity.constants.flagAtOrBelowRatio;
  const by = `computed by ${method.algorithmName} v${method.algorithmVersion}`;
  const where = atZMm === null ? '' : ` at z = ${formatNumber(atZMm)} mm`;
  const reasons: string[] = [];
  if (rigidity.flagged && governing && lowest !== null) {
    // On its side of the published 35%, as the ratio is of its 0.65.
    const reduction = formatNumber((1 - lowest) * 100, 35);
    reasons.push(
      `lowest ${RIGIDITY_LABELS[governing]} ratio ${formatNumber(lowest, limit)} <= ${limit} (a ${reduction}% reduction; > 35% is the published criterion)${where} against ${REFERENCE_WORDS[analysis.reference.kind]} (${by})`,
    );
  }
  const ratios = (['ea', 'eiMin', 'gj'] as const)
    .map((key) => ({ key, value: { ea: rigidity.eaRatio, eiMin: rigidity.eiMinRatio, gj: rigidity.gjRatio }[key] }))
    .map(({ key, value }) => `${RIGIDITY_LABELS[key]} ${value === null ? 'no reference' : formatNumber(value)}`);
  const notes = [
    CTRA_URGENCY_NOTE,
    `Lowest ratios to ${REFERENCE_WORDS[analysis.reference.kind]}: ${ratios.join(', ')}.`,
    ...(analysis.reference.note ? [analysis.reference.note] : []),
    rigidity.constants.criterion,
    constantsText(rigidity.constants),
  ];
  return {
    name: NAME,
    source: SOURCE,
    experimental: true,
    applicable: true,
    notApplicableReason: null,
    flagged: governing === null ? null : rigidity.flagged,
    lowestRatios: { ea: rigidity.eaRatio, eiMin: rigidity.eiMinRatio, gj: rigidity.gjRatio },
    governing,
    atZMm,
    reference: analysis.reference.kind,
    method: { ...method },
    constants: rigidity.constants,
    reasons,
    notes,
  };
}
