import { AppError } from '@shared/errors';
import type { ScoredLesion } from '@shared/lesion/scored-lesion';
import { UrgencyLevelSchema } from '@shared/scoring/urgency-level';
import { requireLesions, type StudyExportSource } from './study-export-source';

/** Which lesions a referral (PDF packet and FHIR bundle) carries. */
export interface ReferralSelection {
  /** Every lesion of the study, not only those above routine. */
  includeAll?: boolean;
}

/** True when a lesion's urgency is above routine: what a surgeon is asked to look at. */
export function isFlagged(scored: ScoredLesion): boolean {
  return scored.scores.urgency.level !== 'routine';
}

/**
 * The lesions a referral carries, most urgent first (then in the order they were marked),
 * refusing an empty referral with what to do instead.
 */
export function referralLesions(source: StudyExportSource, selection: ReferralSelection = {}): ScoredLesion[] {
  const all = requireLesions(source);
  const chosen = selection.includeAll ? [...all] : all.filter(isFlagged);
  if (chosen.length === 0) {
    throw new AppError(
      'not_found',
      `No lesion of study ${source.study.studyInstanceUid} is above routine urgency, so there is nothing to refer. Include every lesion (--all) to send them anyway.`,
    );
  }
  const rank = (s: ScoredLesion) => UrgencyLevelSchema.options.indexOf(s.scores.urgency.level);
  // Array.prototype.sort is stable: lesions of one level keep the order they were marked in.
  return chosen.sort((a, b) => rank(b) - rank(a));
}
