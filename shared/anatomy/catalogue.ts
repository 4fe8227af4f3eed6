import type { Bone, BoneRegion } from './schema';
import { buildVertebrae } from './spine';
import { buildLongBones } from './long-bones';
import { buildAxialBones } from './axial-bones';

/**
 * The anatomy catalogue: every bone a bone-metastasis reader marks. It is code, not input: the
 * anatomy tests validate every entry against BoneSchema, so no start-up pays for parsing it.
 */
export const BONES: readonly Bone[] = Object.freeze([...buildVertebrae(), ...buildAxialBones(), ...buildLongBones()]);

const BONE_BY_ID = new Map(BONES.map((b) => [b.id, b]));
const REGION_BY_ID = new Map(BONES.flatMap((b) => b.regions.map((r) => [r.id, { bone: b, region: r }] as const)));

/** The catalogue entry for a bone id, or undefined when the id is unknown. */
export function getBone(boneId: string): Bone | undefined {
  return BONE_BY_ID.get(boneId);
}

/** The region with this id, if it belongs to the given bone. */
export function getRegion(boneId: string, regionId: string): BoneRegion | undefined {
  const hit = REGION_BY_ID.get(regionId);
  return hit && hit.bone.id === boneId ? hit.region : undefined;
}

/** True when the id names a bone in the catalogue. */
export function isBoneId(boneId: string): boolean {
  return BONE_BY_ID.has(boneId);
}

/** The vertebra entry of a level label ("T11"), or undefined. */
export function getVertebra(level: string): Bone | undefined {
  return BONES.find((b) => b.kind === 'vertebra' && b.level?.toUpperCase() === level.toUpperCase());
}
