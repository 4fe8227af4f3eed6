import type { MeasuredBone } from '../bone/measure-bone';
import { median } from '../math/statistics';
import type { SectionRigidity } from './section-rigidity';

/** Reference rigidities at each section of the lesion's bone (null where there is none). */
export type ReferenceRigidities = (SectionRigidity | null)[];

/** Unaffected sections farther than this from the section they stand for are used only when too few are nearer (mm). */
const OWN_WINDOW_MM = 50;
const OWN_MIN_SECTIONS = 5;
const OWN_NEAREST_SECTIONS = 10;

/**
 * The contralateral bone's rigidity at the level of each lesion-side section: the same patient
 * z (head to feet), linearly interpolated between the two contralateral sections around it;
 * null beyond the contralateral bone's ends.
 */
export function contralateralRigidities(lesion: MeasuredBone, other: MeasuredBone): ReferenceRigidities {
  const levels = other.sections.map((s, n) => ({ z: s.centre[2], rigidity: s.rigidity, n })).sort((a, b) => a.z - b.z);
  return lesion.sections.map((section) => {
    const z = section.centre[2];
    if (levels.length < 2 || z < levels[0]!.z || z > levels[levels.length - 1]!.z) return null;
    let hi = 1;
    while (levels[hi]!.z < z) hi++;
    const a = levels[hi - 1]!;
    const b = levels[hi]!;
    const t = b.z === a.z ? 0 : (z - a.z) / (b.z - a.z);
    const mix = (key: keyof SectionRigidity) => a.rigidity[key] + t * (b.rigidity[key] - a.rigidity[key]);
    return { ea: mix('ea'), eiMin: mix('eiMin'), gj: mix('gj') };
  });
}

/**
 * The bone's own unaffected sections as the reference: for each section, the median rigidity of
 * the unaffected sections within OWN_WINDOW_MM (or the OWN_NEAREST_SECTIONS nearest when fewer
 * than OWN_MIN_SECTIONS lie there), so that the reference follows the bone's taper.
 * @param affected - per section, whether destroyed cortex lies on or near it
 */
export function ownSectionRigidities(bone: MeasuredBone, affected: readonly boolean[]): ReferenceRigidities {
  const unaffected = bone.sections.filter((_, k) => !affected[k]);
  return bone.sections.map((section) => {
    if (unaffected.length === 0) return null;
    let pool = unaffected.filter((s) => Math.abs(s.position - section.position) <= OWN_WINDOW_MM);
    if (pool.length < OWN_MIN_SECTIONS) {
      pool = [...unaffected].sort((a, b) => Math.abs(a.position - section.position) - Math.abs(b.position - section.position)).slice(0, OWN_NEAREST_SECTIONS);
    }
    return {
      ea: median(pool.map((s) => s.rigidity.ea))!,
      eiMin: median(pool.map((s) => s.rigidity.eiMin))!,
      gj: median(pool.map((s) => s.rigidity.gj))!,
    };
  });
}

/** Sections on or within `marginMm` of a section with destroyed cortex. */
export function affectedSections(bone: MeasuredBone, destroyed: readonly boolean[], marginMm: number): boolean[] {
  const destroyedAt = bone.sections.filter((_, k) => destroyed[k]).map((s) => s.position);
  return bone.sections.map((s) => destroyedAt.some((p) => Math.abs(p - s.position) <= marginMm));
}
