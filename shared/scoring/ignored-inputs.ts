import { z } from 'zod';
import type { Lesion } from '../lesion/lesion';
import type { MeasuredMm } from '../lesion/measurement';
import type { ScoreResult } from './result';
import { categoryLabel } from './tables';
import { formatNumber } from './format';

/** A value the reader recorded that no score reads for this lesion, and why: never dropped in silence. */
export const IgnoredInputSchema = z.object({
  /** The record's field, e.g. "clinical.mirelsPain". */
  field: z.string(),
  /** The input in a reader's words. */
  input: z.string(),
  /** The recorded value as shown. */
  value: z.string(),
  reason: z.string(),
});
export type IgnoredInput = z.infer<typeof IgnoredInputSchema>;

/** The scores whose applicability decides which inputs are read. */
interface Scores {
  mirels: ScoreResult;
  harrington: ScoreResult;
  vanDerLinden: ScoreResult;
  sins: ScoreResult;
  escc: ScoreResult;
}

type Recorded = string | boolean | MeasuredMm | null;

/** One score input: where it sits in the record, and why it is not read (null when it is). */
interface InputRule {
  field: string;
  input: string;
  unit?: string;
  read(lesion: Lesion): Recorded;
  unusedBecause(lesion: Lesion, s: Scores): string | null;
}

const reasonOf = (result: ScoreResult) => result.notApplicableReason ?? `${result.name} does not apply`;

/**
 * Every input a score reads somewhere, with the condition under which no score reads it. Pathological
 * fracture, a new neurological deficit and cortical involvement raise the urgency on any bone, so
 * they are never listed;
 * descriptive findings (cortical breach, soft-tissue and epidural extension, the note) are not score
 * inputs and are kept for the referral.
 */
const INPUT_RULES: readonly InputRule[] = [
  { field: 'nature', input: 'Lesion nature', read: (l) => l.nature, unusedBecause: (_l, s) => (s.mirels.applicable || s.sins.applicable ? null : `${reasonOf(s.mirels)}; ${reasonOf(s.sins)}`) },
  { field: 'largestDimensionMm', input: 'Largest dimension', unit: 'mm', read: (l) => l.largestDimensionMm, unusedBecause: (_l, s) => (s.harrington.applicable ? null : reasonOf(s.harrington)) },
  ...(['lesionWidthMm', 'boneDiameterMm'] as const).map((field): InputRule => ({
    field,
    input: field === 'lesionWidthMm' ? 'Lesion width' : 'Bone diameter',
    unit: 'mm',
    read: (l) => l[field],
    unusedBecause: (l, s) => {
      if (!s.mirels.applicable) return reasonOf(s.mirels);
      return l.mirelsSizeDefinition === 'width-over-diameter' ? null : 'Mirels size reads the circumferential fraction on this lesion (the reader chose that definition)';
    },
  })),
  { field: 'corticalThicknessMm', input: 'Cortical thickness', unit: 'mm', read: (l) => l.corticalThicknessMm, unusedBecause: () => 'no score reads cortical thickness; it is kept as a finding' },
  // The urgent cortical rule names no bone (rule set v7): every lesion's urgency reads these.
  { field: 'circumferentialInvolvementPct', input: 'Circumferential cortical involvement', unit: '%', read: (l) => l.circumferentialInvolvementPct, unusedBecause: () => null },
  { field: 'axialInvolvementMm', input: 'Axial cortical involvement', unit: 'mm', read: (l) => l.axialInvolvementMm, unusedBecause: () => null },
  { field: 'clinical.mirelsPain', input: 'Mirels pain', read: (l) => l.clinical.mirelsPain, unusedBecause: (_l, s) => (s.mirels.applicable ? null : reasonOf(s.mirels)) },
  { field: 'clinical.sinsPain', input: 'SINS pain', read: (l) => l.clinical.sinsPain, unusedBecause: (_l, s) => (s.sins.applicable ? null : reasonOf(s.sins)) },
  {
    field: 'clinical.lesserTrochanterAvulsion',
    input: 'Lesser trochanter avulsion',
    read: (l) => l.clinical.lesserTrochanterAvulsion,
    unusedBecause: (l, s) => (!s.harrington.applicable ? reasonOf(s.harrington) : l.boneId === 'femur' ? null : 'the lesser trochanter is part of the femur'),
  },
  { field: 'clinical.persistentPainAfterRadiotherapy', input: 'Persistent pain after radiotherapy', read: (l) => l.clinical.persistentPainAfterRadiotherapy, unusedBecause: (_l, s) => (s.harrington.applicable ? null : reasonOf(s.harrington)) },
  { field: 'spine.alignment', input: 'Spinal alignment', read: (l) => l.spine.alignment, unusedBecause: (_l, s) => (s.sins.applicable ? null : reasonOf(s.sins)) },
  { field: 'spine.collapse', input: 'Vertebral body collapse', read: (l) => l.spine.collapse, unusedBecause: (_l, s) => (s.sins.applicable ? null : reasonOf(s.sins)) },
  {
    field: 'spine.collapsePct',
    input: 'Vertebral height loss',
    unit: '%',
    read: (l) => l.spine.collapsePct,
    // Read beside a recorded category too: one that disagrees with it widens the SINS (rule set v8).
    unusedBecause: (_l, s) => (s.sins.applicable ? null : reasonOf(s.sins)),
  },
  { field: 'spine.posterolateralInvolvement', input: 'Posterolateral involvement', read: (l) => l.spine.posterolateralInvolvement, unusedBecause: (_l, s) => (s.sins.applicable ? null : reasonOf(s.sins)) },
  { field: 'spine.esccGrade', input: 'ESCC grade', read: (l) => l.spine.esccGrade, unusedBecause: (_l, s) => (s.escc.applicable ? null : reasonOf(s.escc)) },
];

function shown(value: Exclude<Recorded, null>, unit: string | undefined): string {
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'string') return categoryLabel(value);
  return `${formatNumber(value.value)}${unit === '%' ? '%' : ` ${unit ?? ''}`.trimEnd()}`;
}

/** The recorded values that no score reads for this lesion's bone (or its chosen definitions), each with why. */
export function ignoredInputs(lesion: Lesion, scores: Scores): IgnoredInput[] {
  const out: IgnoredInput[] = [];
  for (const rule of INPUT_RULES) {
    const value = rule.read(lesion);
    if (value === null) continue;
    const reason = rule.unusedBecause(lesion, scores);
    if (reason !== null) out.push({ field: rule.field, input: rule.input, value: shown(value, rule.unit), reason });
  }
  return out;
}
