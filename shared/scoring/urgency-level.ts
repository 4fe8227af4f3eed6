import { z } from 'zod';

/** Referral urgency, least to most urgent (the order matters: it is compared by index). */
export const UrgencyLevelSchema = z.enum(['routine', 'surgical-opinion', 'urgent', 'emergency']);
export type UrgencyLevel = z.infer<typeof UrgencyLevelSchema>;

const RANKS = Object.fromEntries(UrgencyLevelSchema.options.map((level, rank) => [level, rank])) as Record<UrgencyLevel, number>;

/** A level's place from least (0, routine) to most urgent. */
export function urgencyRank(level: UrgencyLevel): number {
  return RANKS[level];
}

/** The more urgent of two levels. */
export function maxUrgency(a: UrgencyLevel, b: UrgencyLevel): UrgencyLevel {
  return RANKS[a] >= RANKS[b] ? a : b;
}

/** True when a is more urgent than b. */
export function isMoreUrgent(a: UrgencyLevel, b: UrgencyLevel): boolean {
  return RANKS[a] > RANKS[b];
}

/** The urgency as words ("surgical opinion"). */
export function urgencyLabel(level: UrgencyLevel): string {
  return level.replace('-', ' ');
}

/** A rule's verdict on one lesion: met, or possible while inputs are missing. */
export interface UrgencyTrigger {
  rule: string;
  level: UrgencyLevel;
  state: 'met' | 'possible';
  reason: string;
  missingInputs: string[];
}

/**
 * Most urgent first, by the worst a lesion could be while inputs are missing, then by its recorded
 * level: a lesion that could be worse never sorts below one surely less urgent than its worst case.
 */
export function byWorstUrgency(a: { level: UrgencyLevel; worstCase: UrgencyLevel }, b: { level: UrgencyLevel; worstCase: UrgencyLevel }): number {
  return RANKS[b.worstCase] - RANKS[a.worstCase] || RANKS[b.level] - RANKS[a.level];
}
