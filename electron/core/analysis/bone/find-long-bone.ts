import { add, dot, scale, subtract } from '@shared/geometry/vector3';
import type { AnalysisHooks } from '../analysis-hooks';
import type { ModulusTable } from '../rigidity/modulus';
import { axialPosition, inPlaneOffsets, pointOnAxis } from '../section/section-frame';
import type { Volume } from '../volume/volume';
import { boneNearClick, noBoneThere } from './bone-near-click';
import { SHAFT_RADIUS_RANGE_MM } from './bone-thresholds';
import { cutByFieldOfView, enclosedByBone, longBoneObjection, notALongBone, shaftShapeObjection } from './long-bone-check';
import { measureBone, SECTION_SPACING_MM, type MeasuredBone, type ProgressSpan } from './measure-bone';
import { FIELD_OF_VIEW_EDGE, traceBone, withinTrace } from './trace-bone';

/** A click closer than this to bone counts as a click on bone (mm). */
const ON_BONE_MM = 3;
/** A click may lie this far outside the periosteal surface and still be taken as inside the bone (mm). */
const OUTSIDE_TOLERANCE_MM = 3;

/**
 * The long bone a click lies in, traced and measured. A click neither on nor inside bone is told
 * that no bone was found there; a click on a bone that is not a long bone's shaft (a rib, a
 * vertebra) is told what the analysis covers.
 * @param options - requireInside: whether the click must lie inside the bone (a reader's click) or only seeds the search
 *   (a mirrored point); sectionSpacingMm: between measured sections
 * @throws AppError not_found (no bone there) or unsupported (not a long bone, or one the field of view cuts)
 */
export function findLongBone(
  volume: Volume,
  click: readonly number[],
  moduli: ModulusTable,
  poissonRatio: number,
  hooks: AnalysisHooks,
  span: ProgressSpan,
  options: { requireInside: boolean; sectionSpacingMm: number } = { requireInside: true, sectionSpacingMm: SECTION_SPACING_MM },
): MeasuredBone {
  const near = boneNearClick(volume, click);
  const start = {
    point: add(near.axis.point, scale(near.axis.direction, dot(subtract(click, near.axis.point), near.axis.direction))),
    direction: near.axis.direction,
  };
  const radius = Math.min(SHAFT_RADIUS_RANGE_MM.max, Math.max(SHAFT_RADIUS_RANGE_MM.min, near.radiusMm));
  const trace = traceBone(volume, start, radius, hooks.checkCancelled);
  // A click in a large lesion lies far from intact cortex, yet within the bone traced about it.
  const onBone = near.distanceMm <= ON_BONE_MM || enclosedByBone(volume, click) || withinTrace(trace, click, OUTSIDE_TOLERANCE_MM);
  const refuse = (reason: string) =>
    onBone ? notALongBone(reason) : noBoneThere(`the point clicked is not inside a bone (the nearest bone is ${near.distanceMm.toFixed(0)} mm away, and is not a long bone's shaft).`);
  const objection = longBoneObjection(volume, trace);
  // A bone the field of view cut short may be a long bone all the same, and a click in its lesion far
  // from intact cortex: say what cut it. Its tilt, its size or its shape are its own, wherever it ends.
  if (objection?.tooShort && trace.endings.includes(FIELD_OF_VIEW_EDGE)) throw cutByFieldOfView(trace.lengthMm);
  if (objection) throw refuse(objection.reason);
  const bone = measureBone(volume, trace, click, moduli, poissonRatio, hooks, span, options.sectionSpacingMm);
  const shape = shaftShapeObjection(bone);
  if (shape) throw refuse(shape);
  const position = axialPosition(bone.frame, click);
  const first = bone.sections[0]!.position;
  const last = bone.sections[bone.sections.length - 1]!.position;
  const nearest = bone.sections.reduce((best, s) => (Math.abs(s.position - position) < Math.abs(best.position - position) ? s : best));
  const offsets = inPlaneOffsets(bone.frame, nearest.centre, click);
  const outside = Math.hypot(offsets.u, offsets.v) - nearest.periostealRadiusMm;
  if (options.requireInside && (position < first - bone.radiusMm || position > last + bone.radiusMm || outside > OUTSIDE_TOLERANCE_MM)) {
    throw noBoneThere(`the point clicked lies ${Math.max(outside, 0).toFixed(0)} mm outside the nearest long bone (${pointDescription(bone, position)}).`);
  }
  return bone;
}

/** Where along the bone a position lies, for a message. */
function pointDescription(bone: MeasuredBone, position: number): string {
  const p = pointOnAxis(bone.frame, position);
  return `its axis passes ${p.map((x) => x.toFixed(0)).join(', ')} mm`;
}
