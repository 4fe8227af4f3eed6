import type { WorklistRow } from '@shared/worklist/worklist';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * How long ago a lesion was recorded, in the coarsest unit that still reads well: "just now",
 * "12 min", "5 h", "3 d".
 * @param iso - the lesion's createdAt
 * @param now - the moment to measure from
 */
export function formatAge(iso: string, now: number): string {
  const elapsed = Math.max(0, now - Date.parse(iso));
  if (elapsed < MINUTE) return 'just now';
  if (elapsed < HOUR) return `${Math.floor(elapsed / MINUTE)} min`;
  if (elapsed < DAY) return `${Math.floor(elapsed / HOUR)} h`;
  return `${Math.floor(elapsed / DAY)} d`;
}

/** Where the lesion is, as a surgeon says it: "Left femur · Diaphysis". */
export function formatSite(row: Pick<WorklistRow, 'laterality' | 'bone' | 'region'>): string {
  const side = row.laterality && row.laterality !== 'midline' ? `${row.laterality[0]!.toUpperCase()}${row.laterality.slice(1)} ` : '';
  const bone = side ? row.bone.toLowerCase() : row.bone;
  return [`${side}${bone}`, row.region].filter(Boolean).join(' · ');
}

/** The scores that apply to the lesion, one short text each ("Mirels 10", "SINS 8-11"). */
export function keyScoreTexts(row: Pick<WorklistRow, 'keyScores'>): string[] {
  const { mirels, sins, vanDerLinden, escc } = row.keyScores;
  return [mirels, vanDerLinden, sins, escc].filter((text): text is string => text !== null);
}
