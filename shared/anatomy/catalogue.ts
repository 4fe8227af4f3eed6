import { z } from 'zod';
import { BoneSchema, type Bone, type BoneRegion } from './schema';
import { buildVertebrae } from './spine';
import { buildLongBones } from './long-bones';
import { buildAxialBones } from './axial-bones';

/**
 * The anatomy catalogue: every bone a bone-metastasis reader marks, validated
 * once at load so that a malformed entry fails at startup, not in a report.
 */
export const BONES: readonly Bone[] = Object.freeze(
  z.array(BoneSchema).parse([...buildVertebrae(), ...buildAxialBones(), ...buildLongBones()]),
);

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
