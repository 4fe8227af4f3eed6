/**
 * Every numeric threshold of the scores and the referral rules, in one place,
 * each with its source (see /work/shared/CLINICAL.md). Comparisons are written
 * once in the score files: "> limit" where the source says "more than", ">="
 * where it says "or more" / "at least".
 */

/** Mirels H. Clin Orthop Relat Res 1989;249:256-264. Total 4-12. */
export const MIRELS = {
  /** >= 9: prophylactic fixation recommended. */
  fixationMin: 9,
  /** = 8: clinical judgement (borderline); <= 7 radiotherapy and observation. */
  borderline: 8,
  /** Size bands as fractions of the bone: < 1/3, 1/3 - 2/3, > 2/3 (kept as num/den to compare exactly). */
  sizeLower: { num: 1, den: 3 },
  sizeUpper: { num: 2, den: 3 },
} as const;

/** Van der Linden et al. J Bone Joint Surg Br 2004;86:566-573 (femur). */
export const VAN_DER_LINDEN = {
  /** Axial cortical involvement > 30 mm flags high fracture risk. */
  axialMm: 30,
  /** Circumferential cortical involvement > 50% flags high fracture risk. */
  circumferentialPct: 50,
  /** Radiat Oncol 2014;9:227: circumferential >= 30% on CT was the strongest predictor (shown, not flagged). */
  ctCircumferentialPct: 30,
} as const;

/** Harrington criteria for impending fracture (not validated). */
export const HARRINGTON = {
  /** Cortical destruction > 50%. */
  corticalDestructionPct: 50,
  /** Lesion >= 2.5 cm. */
  lesionSizeMm: 25,
} as const;

/** Fisher et al. Spine 2010;35:E1221-E1229 (SINS). Total 0-18. */
export const SINS = {
  /** 0-6 stable. */
  stableMax: 6,
  /** 7-12 potentially unstable; 7 or more warrants surgical consultation. */
  potentiallyUnstableMin: 7,
  /** 13-18 unstable. */
  unstableMin: 13,
  /** Vertebral body collapse: "> 50%" scores 3, "< 50%" 2; a measured 50% exactly is either (2-3) until the reader chooses. */
  collapsePct: 50,
} as const;

/** Bilsky et al. J Neurosurg Spine 2010;13:324-328: grades 2-3 are high grade. */
export const ESCC_HIGH_GRADES: readonly string[] = ['2', '3'];
