import { fitCircle, radiusAbout, type Circle } from '../math/circle-fit';
import { RAY_COUNT, rayDirection, type RayProfile } from './ray-profile';

/** The periosteal and endosteal rings of a section, fitted to its intact rays. */
export interface SectionRing {
  periosteal: Circle;
  endosteal: Circle | null;
  /** Whether enough of the circumference was intact for the centre to be fitted (else it was kept). */
  centreFitted: boolean;
}

/** A circle's centre is fitted only from at least this share of the circumference; else the centre is kept. */
const MIN_INTACT_SHARE_FOR_CENTRE = 0.5;

/** The edge points (u, v, mm from the image centre) of the intact rays with a finite edge. */
function edgePoints(distances: Float32Array, destroyed: Uint8Array, cu: number, cv: number): { us: number[]; vs: number[] } {
  const us: number[] = [];
  const vs: number[] = [];
  for (let m = 0; m < RAY_COUNT; m++) {
    const r = distances[m]!;
    if (destroyed[m] || !Number.isFinite(r) || r <= 0) continue;
    const [du, dv] = rayDirection(m);
    us.push(cu + r * du);
    vs.push(cv + r * dv);
  }
  return { us, vs };
}

/**
 * Fits the periosteal and endosteal surfaces of a section as circles (algebraic least squares)
 * through the edges of its intact rays. Where too little cortex is intact to place a centre,
 * the ray origin is kept as the centre and only the radius is fitted.
 * @returns null when no ray has an intact periosteal edge
 */
export function fitSectionRing(rays: RayProfile, destroyed: Uint8Array, cu: number, cv: number): SectionRing | null {
  const outer = edgePoints(rays.periosteal, destroyed, cu, cv);
  if (outer.us.length === 0) return null;
  const fitCentre = outer.us.length >= MIN_INTACT_SHARE_FOR_CENTRE * RAY_COUNT;
  const fitted = fitCentre ? fitCircle(outer.us, outer.vs) : null;
  const periosteal = fitted ?? radiusAbout(outer.us, outer.vs, cu, cv)!;
  const inner = edgePoints(rays.endosteal, destroyed, cu, cv);
  const endosteal =
    inner.us.length === 0 ? null : (fitted ? fitCircle(inner.us, inner.vs) : null) ?? radiusAbout(inner.us, inner.vs, periosteal.cu, periosteal.cv);
  return { periosteal, endosteal, centreFitted: fitted !== null };
}
