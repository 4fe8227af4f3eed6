import { DRAGOMIR_DAESCU_DENSITY, DRAGOMIR_DAESCU_MODULUS, POISSON_RATIO } from '@shared/analysis/ctra-constants';
import { ashDensity, modulusOfDensity } from '../analysis/rigidity/modulus';
import { boneFrame, fromBoneFrame } from './bone-frame';
import {
  BONE_PHANTOM_CONVENTIONS,
  BonePhantomTruthSchema,
  type BonePhantomSpec,
  type BonePhantomTruth,
  type PhantomBone,
  type PhantomLesion,
  type PhantomLesionTruth,
} from './bone-phantom';

/** Modulus-weighted area moments of a section: sum of E times the integrals of 1, u, v, u^2, v^2, uv over the area. */
interface Moments {
  m0: number;
  mu: number;
  mv: number;
  muu: number;
  mvv: number;
  muv: number;
}

/** The area moments of the annular sector a <= r <= b, alpha <= theta <= beta (radians), times a modulus. */
function sectorMoments(e: number, a: number, b: number, alpha: number, beta: number): Moments {
  const r2 = (b * b - a * a) / 2;
  const r3 = (b ** 3 - a ** 3) / 3;
  const r4 = (b ** 4 - a ** 4) / 4;
  const span = beta - alpha;
  const sin2 = Math.sin(2 * beta) - Math.sin(2 * alpha);
  return {
    m0: e * r2 * span,
    mu: e * r3 * (Math.sin(beta) - Math.sin(alpha)),
    mv: e * r3 * (Math.cos(alpha) - Math.cos(beta)),
    muu: e * r4 * (span / 2 + sin2 / 4),
    mvv: e * r4 * (span / 2 - sin2 / 4),
    muv: e * r4 * ((Math.sin(beta) ** 2 - Math.sin(alpha) ** 2) / 2),
  };
}

function sum(parts: readonly Moments[]): Moments {
  return parts.reduce((t, p) => ({ m0: t.m0 + p.m0, mu: t.mu + p.mu, mv: t.mv + p.mv, muu: t.muu + p.muu, mvv: t.mvv + p.mvv, muv: t.muv + p.muv }), {
    m0: 0, mu: 0, mv: 0, muu: 0, mvv: 0, muv: 0,
  });
}

/** EA, EI-min and GJ of a section from its moments (about the modulus-weighted centroid). */
export function rigiditiesOf(m: Moments): { ea: number; eiMin: number; gj: number } {
  const cu = m.mu / m.m0;
  const cv = m.mv / m.m0;
  const iuu = m.muu - m.m0 * cu * cu;
  const ivv = m.mvv - m.m0 * cv * cv;
  const iuv = m.muv - m.m0 * cu * cv;
  const eiMin = (iuu + ivv) / 2 - Math.sqrt(((iuu - ivv) / 2) ** 2 + iuv * iuv);
  return { ea: m.m0, eiMin, gj: (iuu + ivv) / (2 * (1 + POISSON_RATIO)) };
}

/** E (MPa) of a tissue at its nominal HU, by the analysis' default laws. */
function modulusOf(hu: number): number {
  return modulusOfDensity(ashDensity(hu, DRAGOMIR_DAESCU_DENSITY), DRAGOMIR_DAESCU_MODULUS);
}

/** The moments of a bone's section, intact or through a lesion (E from each tissue's true HU). */
function sectionMoments(spec: BonePhantomSpec, bone: PhantomBone, lesion: PhantomLesion | null): Moments {
  const full = 2 * Math.PI;
  const eMarrow = modulusOf(spec.tissues.marrow);
  const eCortex = modulusOf(spec.tissues.cortex);
  const eTumour = modulusOf(spec.tissues.tumour);
  const parts = [sectorMoments(eMarrow, 0, bone.innerRadiusMm, 0, full), sectorMoments(eCortex, bone.innerRadiusMm, bone.outerRadiusMm, 0, full)];
  if (lesion) {
    const alpha = (lesion.arcStartDeg * Math.PI) / 180;
    const beta = ((lesion.arcStartDeg + lesion.arcSweepDeg) * Math.PI) / 180;
    const deep = Math.max(0, bone.innerRadiusMm - lesion.marrowDepthMm);
    if (deep < bone.innerRadiusMm) parts.push(sectorMoments(eTumour - eMarrow, deep, bone.innerRadiusMm, alpha, beta));
    parts.push(sectorMoments(eTumour - eCortex, bone.innerRadiusMm, bone.outerRadiusMm, alpha, beta));
  }
  return sum(parts);
}

/** EA (N), EI-min and GJ (N mm2) of an intact section of a bone, from its true HU: what a calibrated analysis should find. */
export function intactRigidity(spec: BonePhantomSpec, boneId: string): { ea: number; eiMin: number; gj: number } {
  const bone = spec.bones.find((b) => b.id === boneId);
  if (!bone) throw new RangeError(`no bone ${boneId}`);
  return rigiditiesOf(sectionMoments(spec, bone, null));
}

/** The analytic truth of one lesion (see BONE_PHANTOM_CONVENTIONS). */
export function lesionTruth(spec: BonePhantomSpec, lesion: PhantomLesion): PhantomLesionTruth {
  const bone = spec.bones.find((b) => b.id === lesion.boneId);
  if (!bone) throw new RangeError(`lesion ${lesion.id}: no bone ${lesion.boneId}`);
  const intact = rigiditiesOf(sectionMoments(spec, bone, null));
  const damaged = rigiditiesOf(sectionMoments(spec, bone, lesion));
  const clickRadius = Math.max(0.5, bone.innerRadiusMm - 1);
  return {
    lesionId: lesion.id,
    boneId: bone.id,
    click: fromBoneFrame(boneFrame(bone), lesion.axialStartMm + lesion.axialLengthMm / 2, clickRadius, lesion.arcStartDeg + lesion.arcSweepDeg / 2),
    circumferentialInvolvementPct: lesion.arcSweepDeg / 3.6,
    axialInvolvementMm: lesion.axialLengthMm,
    lesionWidthMm: 2 * bone.outerRadiusMm * Math.sin((Math.min(lesion.arcSweepDeg, 180) * Math.PI) / 360),
    boneDiameterMm: 2 * bone.outerRadiusMm,
    eaRatio: damaged.ea / intact.ea,
    eiMinRatio: damaged.eiMin / intact.eiMin,
    gjRatio: damaged.gj / intact.gj,
  };
}

/** The ground truth of a bone phantom: every lesion's figures and rigidity ratios. */
export function bonePhantomTruth(spec: BonePhantomSpec): BonePhantomTruth {
  return BonePhantomTruthSchema.parse({ schemaVersion: 1, conventions: { ...BONE_PHANTOM_CONVENTIONS }, spec, lesions: spec.lesions.map((l) => lesionTruth(spec, l)) });
}
