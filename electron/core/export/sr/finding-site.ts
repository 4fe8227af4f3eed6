import { BONES, getBone, getRegion } from '@shared/anatomy/catalogue';
import type { Laterality } from '@shared/anatomy/schema';
import type { Lesion } from '@shared/lesion/lesion';
import { SR, type Code } from '../dicom/codes';
import { coded, type Item } from './content-items';
import { bm } from './private-codes';

// Finding Site (363698007, SCT) items of a lesion: its bone, and its region when recorded, each
// with Laterality (272741003, SCT) as a concept modifier. SNOMED CT codes come from the anatomy
// catalogue; a bone or region the catalogue holds no verified code for gets a private code
// ("BM-BONE:<id>", "BM-REGION:<id>") so that the site is never lost.

const LATERALITY: Record<Laterality, Code> = { left: SR.left, right: SR.right, midline: SR.median };

/** The code of a bone: its SNOMED CT code, or the private one. */
export function boneCode(boneId: string): Code {
  const bone = getBone(boneId);
  return bone?.code ?? bm(`BM-BONE:${boneId}`, bone?.name ?? boneId);
}

/** The code of a region of a bone: its SNOMED CT code, or the private one. */
export function regionCode(boneId: string, regionId: string): Code {
  const region = getRegion(boneId, regionId);
  return region?.code ?? bm(`BM-REGION:${regionId}`, region?.name ?? regionId);
}

/** The Finding Site items of a lesion (bone first, then region). */
export function findingSiteItems(lesion: Lesion): Item[] {
  const modifiers = lesion.laterality ? [coded('HAS CONCEPT MOD', SR.laterality, LATERALITY[lesion.laterality])] : [];
  const sites = [boneCode(lesion.boneId)];
  if (lesion.regionId) sites.push(regionCode(lesion.boneId, lesion.regionId));
  return sites.map((site) => coded('HAS CONCEPT MOD', SR.findingSite, site, modifiers));
}

const codeKey = (scheme: string, value: string) => `${scheme}|${value}`;
const BONE_BY_CODE = new Map(BONES.map((b) => [codeKey(boneCode(b.id).scheme, boneCode(b.id).value), b.id]));
const REGION_BY_CODE = new Map(
  BONES.flatMap((b) => b.regions.map((r) => [codeKey(regionCode(b.id, r.id).scheme, regionCode(b.id, r.id).value), { boneId: b.id, regionId: r.id }] as const)),
);

/** The bone id a Finding Site code names, or undefined. */
export function boneOfCode(scheme: string, value: string): string | undefined {
  return BONE_BY_CODE.get(codeKey(scheme, value));
}

/** The bone and region a Finding Site code names, or undefined. */
export function regionOfCode(scheme: string, value: string): { boneId: string; regionId: string } | undefined {
  return REGION_BY_CODE.get(codeKey(scheme, value));
}

/** The laterality a Laterality code names, or undefined. */
export function lateralityOfCode(scheme: string, value: string): Laterality | undefined {
  return (Object.keys(LATERALITY) as Laterality[]).find((k) => LATERALITY[k].scheme === scheme && LATERALITY[k].value === value);
}
