import type { BoneAnalysisResult, BoneSection } from '@shared/analysis/bone-analysis-result';
import { add, dot, scale, subtract, type Vector3 } from '@shared/geometry/vector3';

/** What the reformats draw of a proposal: the analysis, on the frame of reference of its series. */
export interface ReformatOverlay {
  frameOfReferenceUid: string;
  result: BoneAnalysisResult;
}

let overlay: ReformatOverlay | null = null;

/** Shows a proposal's destroyed cortex on the reformats of its frame of reference, or nothing (null). */
export function setReformatOverlay(next: ReformatOverlay | null): void {
  overlay = next;
}

/** The proposal the reformats show now, if any. */
export function reformatOverlay(): ReformatOverlay | null {
  return overlay;
}

/** The degrees of a section's destroyed arcs of one region: does an angle fall inside one? */
function destroyedAt(section: BoneSection, regionId: number, thetaDeg: number): boolean {
  return section.arcs.some((arc) => arc.regionId === regionId && (((thetaDeg - arc.startDeg) % 360) + 360) % 360 <= arc.sweepDeg);
}

/**
 * Where the destroyed cortex of the proposal's region crosses a plane (a reformat's focal plane):
 * each section's periosteal circle meets the plane at up to two points, and the points whose angle
 * lies on a destroyed arc, followed from section to section on the same side, make the polylines
 * a sagittal or coronal reformat draws along the bone. Empty for a plane across the bone (axial).
 * @param point - a point of the plane (the camera's focal point)
 * @param normal - the plane's unit normal
 */
export function destroyedCortexOnPlane(result: BoneAnalysisResult, point: readonly number[], normal: readonly number[]): Vector3[][] {
  const region = result.regions.find((r) => r.id === result.regionId);
  if (!region) return [];
  const { u, v } = result.axis;
  const lines: Vector3[][] = [];
  const open: (Vector3[] | null)[] = [null, null];
  for (let k = region.firstSection; k <= region.lastSection; k++) {
    const section = result.sections[k]!;
    const r = section.periostealRadiusMm;
    // Signed distance of the rim point at angle t from the plane: a + b cos t + c sin t.
    const a = dot(subtract(section.centre, point), normal);
    const b = r * dot(u, normal);
    const c = r * dot(v, normal);
    const amplitude = Math.hypot(b, c);
    const crossing = amplitude > 1e-6 && Math.abs(a) <= amplitude;
    const phi = Math.atan2(c, b);
    const delta = crossing ? Math.acos(Math.max(-1, Math.min(1, -a / amplitude))) : 0;
    [phi + delta, phi - delta].forEach((t, side) => {
      const deg = (t * 180) / Math.PI;
      if (!crossing || !destroyedAt(section, region.id, deg)) {
        open[side] = null;
        return;
      }
      const rim = add(section.centre, add(scale(u, r * Math.cos(t)), scale(v, r * Math.sin(t))));
      if (!open[side]) {
        open[side] = [];
        lines.push(open[side]!);
      }
      open[side]!.push(rim);
    });
  }
  return lines.filter((line) => line.length > 0);
}
