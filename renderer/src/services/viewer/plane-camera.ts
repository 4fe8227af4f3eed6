import { add, dot, scale, subtract, type Vector3 } from '@shared/geometry/vector3';

/** Cameras this close to parallel (|cos| of the angle between normals) look along the same plane. */
export const PARALLEL_COSINE = 0.999;

/** Where a camera is and which way it looks (world mm, unit normal), as Cornerstone's getCamera gives it. */
export interface PlaneCamera {
  focalPoint: readonly number[];
  position: readonly number[];
  viewPlaneNormal: readonly number[];
}

/**
 * Whether a camera looking along `cameraNormal` shows planes of `planeNormal`: parallel within
 * PARALLEL_COSINE, facing either way (a flipped view shows the same plane from behind).
 * @param cameraNormal - the camera's unit view-plane normal
 * @param planeNormal - the plane's unit normal
 */
export function looksAlong(cameraNormal: readonly number[], planeNormal: readonly number[]): boolean {
  return Math.abs(dot(cameraNormal, planeNormal)) > PARALLEL_COSINE;
}

/**
 * The camera moved along its own normal until its focal plane holds `target`: the slice through
 * that point, seen with the same orientation, zoom and pan (focal point and position move together).
 * @param camera - the camera now
 * @param target - a world point (mm)
 */
export function cameraThrough(camera: PlaneCamera, target: readonly number[]): { focalPoint: Vector3; position: Vector3 } {
  const normal = camera.viewPlaneNormal;
  const shift = scale(normal, dot(subtract(target, camera.focalPoint), normal));
  return { focalPoint: add(camera.focalPoint, shift), position: add(camera.position, shift) };
}
