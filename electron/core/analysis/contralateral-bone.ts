import { AppError } from '@shared/errors';
import type { PatientPoint } from '@shared/analysis/bone-analysis-request';
import type { AnalysisHooks } from './analysis-hooks';
import { findLongBone } from './bone/find-long-bone';
import type { MeasuredBone, ProgressSpan } from './bone/measure-bone';
import { distanceToLine } from './math/principal-axes';
import { midsagittalX, mirrorAcross } from './rigidity/midsagittal-mirror';
import type { ModulusTable } from './rigidity/modulus';
import type { Volume } from './volume/volume';

/** The contralateral bone found, or why there is none. */
export type ContralateralOutcome =
  | { bone: MeasuredBone; seed: PatientPoint; foundBy: 'mirrored' | 'second-click'; note: string }
  | { bone: null; seed: PatientPoint | null; foundBy: 'mirrored' | 'second-click' | null; note: string };

/**
 * The reference bone is measured every 2 mm: its rigidity is interpolated to the lesion side's
 * levels, and an intact shaft changes little over 2 mm; half the sections, half the time.
 */
const REFERENCE_SECTION_SPACING_MM = 2;

/** The other side's bone is taken only when its radius is within this factor of the lesion bone's. */
const RADIUS_FACTOR = 1.5;

/**
 * The same bone on the other side: at the reader's second click, or else at the click mirrored
 * across the body's midsagittal plane. It must be a long bone distinct from the lesion's (not the
 * same bone found again) and of a like size; otherwise there is none, and the note says why.
 */
export function contralateralBone(
  volume: Volume,
  lesion: MeasuredBone,
  click: readonly number[],
  secondClick: PatientPoint | undefined,
  moduli: ModulusTable,
  poissonRatio: number,
  hooks: AnalysisHooks,
  span: ProgressSpan,
): ContralateralOutcome {
  const foundBy = secondClick ? ('second-click' as const) : ('mirrored' as const);
  let seed: PatientPoint | null = secondClick ?? null;
  if (!seed) {
    const midX = midsagittalX(volume);
    if (midX === null) return { bone: null, seed: null, foundBy: null, note: 'No body found to mirror the click across: rigidity is compared with the bone’s own unaffected sections.' };
    seed = mirrorAcross(click, midX);
  }
  const where = foundBy === 'mirrored' ? 'at the click mirrored across the body’s midline' : 'at the second click';
  let bone: MeasuredBone;
  try {
    bone = findLongBone(volume, seed, moduli, poissonRatio, hooks, span, { requireInside: foundBy === 'second-click', sectionSpacingMm: REFERENCE_SECTION_SPACING_MM });
  } catch (error) {
    if (!(error instanceof AppError) || error.code === 'cancelled') throw error;
    return { bone: null, seed, foundBy, note: `No contralateral long bone ${where} (${error.message}) Rigidity is compared with the bone’s own unaffected sections.` };
  }
  const lesionAxis = { point: lesion.frame.origin, direction: lesion.frame.direction };
  if (distanceToLine(bone.frame.origin, lesionAxis) < 2 * lesion.radiusMm) {
    return { bone: null, seed, foundBy, note: `The bone ${where} is the lesion’s own bone: rigidity is compared with its own unaffected sections.` };
  }
  const factor = bone.radiusMm / lesion.radiusMm;
  if (factor > RADIUS_FACTOR || factor < 1 / RADIUS_FACTOR) {
    return { bone: null, seed, foundBy, note: `The bone ${where} is ${factor.toFixed(2)} times as wide as the lesion’s, so not its counterpart: rigidity is compared with the bone’s own unaffected sections.` };
  }
  return { bone, seed, foundBy, note: `Contralateral bone found ${where}; sections compared at the same patient z.` };
}
