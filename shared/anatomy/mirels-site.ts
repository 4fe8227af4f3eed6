import { z } from 'zod';
import { getBone } from './catalogue';

/** The Mirels site categories (Mirels 1989, Clin Orthop Relat Res 249:256-264). */
export const MirelsSiteSchema = z.enum(['upper-limb', 'lower-limb', 'peritrochanteric']);
export type MirelsSite = z.infer<typeof MirelsSiteSchema>;

const UPPER_LIMB = new Set(['humerus', 'radius', 'ulna']);
const LOWER_LIMB = new Set(['femur', 'tibia', 'fibula']);

/**
 * Femoral regions counted as peritrochanteric. Mirels named the site without a
 * boundary; this app counts the intertrochanteric and subtrochanteric regions
 * (the brief equates intertrochanteric with peritrochanteric) and scores the
 * head, neck, shaft and distal femur as lower limb. Change it here only.
 */
export const PERITROCHANTERIC_REGIONS: ReadonlySet<string> = new Set(['femur-intertrochanteric', 'femur-subtrochanteric']);

/**
 * Femoral regions scored as either site: the neck borders the intertrochanteric region, and a
 * reader who counts it as peritrochanteric scores a point more (Mirels 8 becomes 9, fixation).
 * With no published boundary, both readings stay inside the range (rule set v9).
 */
export const MAYBE_PERITROCHANTERIC_REGIONS: ReadonlySet<string> = new Set(['femur-neck']);

/**
 * Every Mirels site a bone + region could imply: empty when Mirels does not
 * apply, two sites for a femur whose region is not recorded or is the neck.
 */
export function possibleMirelsSites(boneId: string, regionId: string | null): MirelsSite[] {
  const bone = getBone(boneId);
  if (!bone || bone.kind !== 'long-bone') return [];
  if (UPPER_LIMB.has(boneId)) return ['upper-limb'];
  if (!LOWER_LIMB.has(boneId)) return [];
  if (boneId !== 'femur') return ['lower-limb'];
  if (regionId === null || MAYBE_PERITROCHANTERIC_REGIONS.has(regionId)) return ['lower-limb', 'peritrochanteric'];
  return [PERITROCHANTERIC_REGIONS.has(regionId) ? 'peritrochanteric' : 'lower-limb'];
}

/** The one Mirels site a bone + region implies, or null when none or more than one. */
export function mirelsSiteOf(boneId: string, regionId: string | null): MirelsSite | null {
  const sites = possibleMirelsSites(boneId, regionId);
  return sites.length === 1 ? (sites[0] ?? null) : null;
}
