import type { CtraConstants } from '@shared/analysis/ctra-constants';
import type { BoneAnalysisResult } from '@shared/analysis/bone-analysis-result';
import type { MeasuredBone } from '../bone/measure-bone';
import type { ReferenceRigidities } from './rigidity-reference';
import type { SectionRigidity } from './section-rigidity';

type Verdict = BoneAnalysisResult['rigidity'];
type Key = keyof SectionRigidity;
const KEYS: readonly Key[] = ['ea', 'eiMin', 'gj'];

/** Per section, lesion over reference for each rigidity (null without a reference). */
export type SectionRatios = { ea: number | null; eiMin: number | null; gj: number | null }[];

/** Lesion-side rigidity over the reference at each section. */
export function sectionRatios(bone: MeasuredBone, reference: ReferenceRigidities): SectionRatios {
  return bone.sections.map((section, k) => {
    const ref = reference[k];
    const ratio = (key: Key) => (ref && ref[key] > 0 ? section.rigidity[key] / ref[key] : null);
    return { ea: ratio('ea'), eiMin: ratio('eiMin'), gj: ratio('gj') };
  });
}

/**
 * The lowest ratio of each rigidity along the bone and where it lies; the lowest of the three
 * governs, and is flagged at or below the constants' ratio (0.65 by default: a reduction of 35% or more).
 */
export function rigidityVerdict(bone: MeasuredBone, ratios: SectionRatios, constants: CtraConstants): Verdict {
  const lowest = Object.fromEntries(
    KEYS.map((key) => {
      let best: number | null = null;
      ratios.forEach((r, k) => {
        const value = r[key];
        if (value !== null && (best === null || value < ratios[best]![key]!)) best = k;
      });
      if (best === null) return [key, null];
      const section = bone.sections[best]!;
      return [key, { value: ratios[best]![key]!, location: { sectionIndex: best, position: section.position, point: section.centre } }];
    }),
  ) as Record<Key, { value: number; location: { sectionIndex: number; position: number; point: [number, number, number] } } | null>;
  const governing = KEYS.filter((key) => lowest[key] !== null).sort((a, b) => lowest[a]!.value - lowest[b]!.value)[0];
  return {
    experimental: true,
    eaRatio: lowest.ea?.value ?? null,
    eiMinRatio: lowest.eiMin?.value ?? null,
    gjRatio: lowest.gj?.value ?? null,
    at: governing ? { ...lowest[governing]!.location, governing } : null,
    lowestAt: { ea: lowest.ea?.location ?? null, eiMin: lowest.eiMin?.location ?? null, gj: lowest.gj?.location ?? null },
    flagged: governing !== undefined && lowest[governing]!.value <= constants.flagAtOrBelowRatio,
    constants,
  };
}
