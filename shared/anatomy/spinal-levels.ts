import { getBone, getRegion } from './catalogue';

const SACRAL_SEGMENTS = ['S1', 'S2', 'S3', 'S4', 'S5'] as const;

/**
 * Whether a lesion on this bone is a spinal lesion for the scores (SINS, ESCC, a new neurological
 * deficit as the sign of compression): every vertebral level, the coccyx, and the sacrum as a whole.
 */
export function isSpinalBone(boneId: string): boolean {
  const bone = getBone(boneId);
  return bone?.kind === 'vertebra' || bone?.id === 'sacrum';
}

/**
 * The vertebral levels a lesion on this bone and region can lie at: its own level for a vertebra;
 * for the sacrum the segment its region names, or S1-S5 while no segment is recorded; none for any
 * other bone (and the coccyx, which SINS does not place).
 */
export function spinalLevelsOf(boneId: string, regionId: string | null): string[] {
  const bone = getBone(boneId);
  if (!bone) return [];
  if (bone.kind === 'vertebra') return bone.level && bone.level !== 'Co' ? [bone.level] : [];
  if (bone.id !== 'sacrum') return [];
  const region = regionId ? getRegion(bone.id, regionId) : undefined;
  const level = region ? SACRAL_SEGMENTS.find((s) => region.id === `sacrum-${s.toLowerCase()}`) : undefined;
  return level ? [level] : [...SACRAL_SEGMENTS];
}
