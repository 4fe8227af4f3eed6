import { AppError } from '@shared/errors';
import type { ScoredLesion } from '@shared/lesion/scored-lesion';
import { byWorstUrgency } from '@shared/scoring/urgency-level';
import { requireLesions, type StudyExportSource } from './study-export-source';

/** Which lesions a referral (PDF packet and FHIR bundle) carries. */
export interface ReferralSelection {
  /** Every lesion of the study, not only those above routine. */
  includeAll?: boolean;
}

/**
 * True when a lesion is above routine or could be: its worst case, were its missing inputs the
 * worst they could be, is above routine. A referral never leaves such a lesion unsaid.
 */
export function couldBeAboveRoutine(scored: ScoredLesion): boolean {
  return scored.scores.urgency.worstCase !== 'routine';
}

/**
 * The lesions a referral carries, most urgent first (the worst each could be, then as recorded, then
 * in the order they were marked, as the worklist sorts them): the lesions the worklist flags, those
 * above routine or that could be while inputs are missing, each with its scores; refusing an empty
 * referral with what to do instead. A lesion that could be urgent is never left to a line beside one that is.
 */
export function referralLesions(source: StudyExportSource, selection: ReferralSelection = {}): ScoredLesion[] {
  const all = requireLesions(source);
  const chosen = selection.includeAll ? [...all] : all.filter(couldBeAboveRoutine);
  if (chosen.length === 0) {
    throw new AppError(
      'not_found',
      `No lesion of study ${source.study.studyInstanceUid} is above routine urgency, nor could be with its missing inputs, so there is nothing to refer. Include every lesion (--all) to send them anyway.`,
    );
  }
  // Array.prototype.sort is stable: lesions of one urgency keep the order they were marked in.
  return chosen.sort((a, b) => byWorstUrgency(a.scores.urgency, b.scores.urgency));
}
