import type { MirelsSite } from '../anatomy/mirels-site';
import type { SinsSpinalRegion } from '../anatomy/spine';
import type {
  EsccGrade,
  LesionNature,
  MirelsPain,
  PosterolateralInvolvement,
  SinsPain,
  SpinalAlignment,
  VertebralCollapse,
} from '../lesion/categories';

/** Mirels size bands of the lesion as a fraction of the bone. */
export type MirelsSizeBand = 'under-one-third' | 'one-to-two-thirds' | 'over-two-thirds';

/** Mirels 1989 (Clin Orthop Relat Res 249:256-264), as tabled in CLINICAL.md. */
export const MIRELS_POINTS = {
  site: { 'upper-limb': 1, 'lower-limb': 2, peritrochanteric: 3 } satisfies Record<MirelsSite, number>,
  nature: { blastic: 1, mixed: 2, lytic: 3 } satisfies Record<LesionNature, number>,
  size: { 'under-one-third': 1, 'one-to-two-thirds': 2, 'over-two-thirds': 3 } satisfies Record<MirelsSizeBand, number>,
  pain: { mild: 1, moderate: 2, functional: 3 } satisfies Record<MirelsPain, number>,
} as const;

/** SINS, Fisher et al. Spine 2010, as tabled in CLINICAL.md. */
export const SINS_POINTS = {
  location: { junctional: 3, mobile: 2, 'semi-rigid': 1, rigid: 0 } satisfies Record<SinsSpinalRegion, number>,
  pain: { mechanical: 3, occasional: 1, 'pain-free': 0 } satisfies Record<SinsPain, number>,
  boneLesion: { lytic: 2, mixed: 1, blastic: 0 } satisfies Record<LesionNature, number>,
  alignment: { 'subluxation-translation': 4, 'de-novo-deformity': 2, normal: 0 } satisfies Record<SpinalAlignment, number>,
  collapse: { 'over-50': 3, 'under-50': 2, 'none-over-50-involved': 1, 'none-of-these': 0 } satisfies Record<VertebralCollapse, number>,
  posterolateral: { bilateral: 3, unilateral: 1, none: 0 } satisfies Record<PosterolateralInvolvement, number>,
} as const;

/** Words each category is shown with, so that reasons read as the source tables do. */
export const CATEGORY_LABELS: Readonly<Record<string, string>> = {
  'upper-limb': 'upper limb',
  'lower-limb': 'lower limb',
  peritrochanteric: 'peritrochanteric',
  'under-one-third': '< 1/3',
  'one-to-two-thirds': '1/3 - 2/3',
  'over-two-thirds': '> 2/3',
  functional: 'functional (aggravated by limb use)',
  occasional: 'occasional, not mechanical',
  'subluxation-translation': 'subluxation/translation',
  'de-novo-deformity': 'de novo deformity (kyphosis/scoliosis)',
  'over-50': '> 50% collapse',
  'under-50': '< 50% collapse',
  'none-over-50-involved': 'no collapse, > 50% of the body involved',
  'none-of-these': 'none of these',
};

/** Bilsky ESCC grades (J Neurosurg Spine 2010;13:324), axial T2 MRI at the worst level. */
export const ESCC_DESCRIPTIONS: Readonly<Record<EsccGrade, string>> = {
  '0': 'bone only',
  '1a': 'epidural impingement, thecal sac not deformed',
  '1b': 'thecal sac deformed, cord not abutted',
  '1c': 'thecal sac deformed, cord abutted, not compressed',
  '2': 'cord compressed, CSF visible',
  '3': 'cord compressed, no CSF',
};

/** The label of a category value, or the value itself. */
export function categoryLabel(value: string): string {
  return CATEGORY_LABELS[value] ?? value;
}
