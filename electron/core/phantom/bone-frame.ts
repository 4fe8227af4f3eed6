import type { PhantomBone } from './bone-phantom';

/** A bone's axis and in-plane directions, as BONE_PHANTOM_CONVENTIONS.frame states them. */
export interface BoneFrame {
  point: [number, number, number];
  d: [number, number, number];
  u: [number, number, number];
  v: [number, number, number];
}

/** The frame of a phantom bone. */
export function boneFrame(bone: PhantomBone): BoneFrame {
  const tilt = (bone.tiltDeg * Math.PI) / 180;
  const az = (bone.azimuthDeg * Math.PI) / 180;
  const d: [number, number, number] = [Math.sin(tilt) * Math.cos(az), Math.sin(tilt) * Math.sin(az), Math.cos(tilt)];
  // u: patient +x with its component along d removed.
  const ux = 1 - d[0] * d[0];
  const uy = -d[0] * d[1];
  const uz = -d[0] * d[2];
  const n = Math.hypot(ux, uy, uz);
  const u: [number, number, number] = [ux / n, uy / n, uz / n];
  const v: [number, number, number] = [d[1] * u[2] - d[2] * u[1], d[2] * u[0] - d[0] * u[2], d[0] * u[1] - d[1] * u[0]];
  return { point: bone.axisPointMm, d, u, v };
}

/** The patient point at (t, r, theta) of a bone frame. */
export function fromBoneFrame(frame: BoneFrame, t: number, r: number, thetaDeg: number): [number, number, number] {
  const c = Math.cos((thetaDeg * Math.PI) / 180) * r;
  const s = Math.sin((thetaDeg * Math.PI) / 180) * r;
  return [0, 1, 2].map((n) => frame.point[n]! + t * frame.d[n]! + c * frame.u[n]! + s * frame.v[n]!) as [number, number, number];
}

/** Angle from an arc's start to theta, degrees [0, 360). */
export function arcOffsetDeg(thetaDeg: number, startDeg: number): number {
  return (((thetaDeg - startDeg) % 360) + 360) % 360;
}
