import type { FemurTruth, Side, TissueHu } from './ground-truth';

/** Nominal tissue values (HU) and the noise added on top. */
export const DEFAULT_TISSUES: TissueHu = {
  air: -1000,
  fat: -100,
  muscle: 50,
  // Red marrow of a young adult; kept below tumour so both can be told apart on average.
  marrow: 20,
  cortex: 1500,
  tumour: 40,
  noiseSdHu: 8,
};

/** Thigh layout in mm: the thighs sit side by side, each a disc of muscle in a ring of fat. */
export const THIGH = {
  centreOffsetXMm: 90,
  skinRadiusMm: 78,
  muscleRadiusMm: 66,
} as const;

/** The femur sits a little lateral and anterior in the thigh, as in life. */
const FEMUR = {
  lateralOffsetMm: 6,
  anteriorOffsetMm: 8,
  outerRadiusMm: 14.5,
  innerRadiusMm: 8.5,
} as const;

/** Patient x of a thigh's centre: patient left is +x in LPS. */
export function thighCentreX(side: Side): number {
  return side === 'left' ? THIGH.centreOffsetXMm : -THIGH.centreOffsetXMm;
}

/** Both femora of the phantom, right first. */
export function defaultFemora(): FemurTruth[] {
  return (['right', 'left'] as const).map((side) => ({
    side,
    centreXMm: thighCentreX(side) + (side === 'left' ? 1 : -1) * FEMUR.lateralOffsetMm,
    // Anterior is -y in LPS.
    centreYMm: -FEMUR.anteriorOffsetMm,
    outerRadiusMm: FEMUR.outerRadiusMm,
    innerRadiusMm: FEMUR.innerRadiusMm,
  }));
}

/** Nominal HU at a point of an axial slice without lesions. */
export function tissueAt(x: number, y: number, femora: readonly FemurTruth[], tissues: TissueHu): number {
  for (const femur of femora) {
    const tx = x - thighCentreX(femur.side);
    const thighR = Math.sqrt(tx * tx + y * y);
    if (thighR > THIGH.skinRadiusMm) continue;
    if (thighR > THIGH.muscleRadiusMm) return tissues.fat;
    const fx = x - femur.centreXMm;
    const fy = y - femur.centreYMm;
    const boneR = Math.sqrt(fx * fx + fy * fy);
    if (boneR > femur.outerRadiusMm) return tissues.muscle;
    return boneR >= femur.innerRadiusMm ? tissues.cortex : tissues.marrow;
  }
  return tissues.air;
}
