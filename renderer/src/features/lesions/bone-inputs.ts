import { getBone } from '@shared/anatomy/catalogue';
import { isSpinalBone } from '@shared/anatomy/spinal-levels';
import type { LesionDraft } from './lesion-draft';

/** Which groups of score inputs the scores of a bone read: the form shows these, and any other value already recorded. */
export interface BoneInputs {
  /** Mirels' inputs (size definition, width, diameter, pain): the long bones of the limbs. Harrington's and the cortical ones are read on every bone. */
  longBone: boolean;
  /** The lesser trochanter (Harrington) is on the femur only. */
  femur: boolean;
  /** SINS, ESCC: the vertebrae and the sacrum. */
  spine: boolean;
}

/** The input groups the scores of the draft's bone read. */
export function inputsForBone(boneId: string): BoneInputs {
  return { longBone: getBone(boneId)?.kind === 'long-bone', femur: boneId === 'femur', spine: isSpinalBone(boneId) };
}

/** Whether any spine input is recorded (kept visible on a bone that does not use them). */
export function hasSpineInputs(draft: LesionDraft): boolean {
  const { alignment, collapse, collapsePct, posterolateralInvolvement, esccGrade } = draft.spine;
  return [alignment, collapse, collapsePct, posterolateralInvolvement, esccGrade, draft.clinical.sinsPain].some((v) => v !== null);
}
