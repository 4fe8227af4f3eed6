import { getBone, getRegion } from '@shared/anatomy/catalogue';
import type { Lesion } from '@shared/lesion/lesion';

/** The lesion's place in words ("Femur, Femoral diaphysis (shaft), left"), for identifiers and labels. */
export function locationLabel(lesion: Pick<Lesion, 'boneId' | 'regionId' | 'laterality'>): string {
  const bone = getBone(lesion.boneId);
  const region = lesion.regionId ? getRegion(lesion.boneId, lesion.regionId) : undefined;
  return [bone?.name ?? lesion.boneId, region?.name, lesion.laterality].filter(Boolean).join(', ');
}
