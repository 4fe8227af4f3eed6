import { describe, expect, it } from 'vitest';
import { dot, subtract } from '@shared/geometry/vector3';
import { cameraThrough, looksAlong, PARALLEL_COSINE } from '../../../renderer/src/services/viewer/plane-camera';
import { isPlaneDrawing } from '../../../renderer/src/services/viewer/plane-jump';
import { reformatLength } from '../../support/drawings';

const SQRT1_2 = Math.SQRT1_2;

/** The signed distance (mm) from a camera's focal plane to a point, along its normal. */
const offPlane = (camera: { focalPoint: readonly number[]; viewPlaneNormal: readonly number[] }, point: readonly number[]) => dot(subtract(point, camera.focalPoint), camera.viewPlaneNormal);

describe('cameraThrough: the reformat slice a drawing\'s point lies on', () => {
  it('moves a sagittal camera to the slice of the point, along x only', () => {
    const camera = { focalPoint: [0, 10, 20], position: [-500, 10, 20], viewPlaneNormal: [1, 0, 0] };
    const moved = cameraThrough(camera, [37.5, -80, 140]);
    // The slice at x = 37.5; the pan (y, z) and the camera's distance stay as the reader left them.
    expect(moved).toEqual({ focalPoint: [37.5, 10, 20], position: [-462.5, 10, 20] });
  });

  it('moves an oblique camera along its own normal, and the point then lies on its focal plane', () => {
    const normal = [0, -SQRT1_2, SQRT1_2];
    const camera = { focalPoint: [5, 5, 5], position: [5, 5 + 300 * SQRT1_2, 5 - 300 * SQRT1_2], viewPlaneNormal: normal };
    const target = [12, -40, 33];
    const moved = cameraThrough(camera, target);
    expect(offPlane({ focalPoint: moved.focalPoint, viewPlaneNormal: normal }, target)).toBeCloseTo(0, 9);
    const shift = subtract(moved.focalPoint, camera.focalPoint);
    // Along the normal only: no part of the shift lies in the plane (x, and y+z, unchanged).
    expect(shift[0]).toBeCloseTo(0, 9);
    expect(shift[1] + shift[2]).toBeCloseTo(0, 9);
    expect(Math.hypot(...shift)).toBeCloseTo(Math.abs(offPlane(camera, target)), 9);
    // The camera keeps its distance and direction to the focal point.
    const before = subtract(camera.position, camera.focalPoint);
    subtract(moved.position, moved.focalPoint).forEach((v, axis) => expect(v).toBeCloseTo(before[axis]!, 9));
  });

  it('lands on the same slice when the camera looks the other way (a flipped view)', () => {
    const target = [3, -7, 61.25];
    const up = cameraThrough({ focalPoint: [0, 0, 0], position: [0, 0, 400], viewPlaneNormal: [0, 0, -1] }, target);
    const down = cameraThrough({ focalPoint: [0, 0, 0], position: [0, 0, -400], viewPlaneNormal: [0, 0, 1] }, target);
    expect(up.focalPoint).toEqual([0, 0, 61.25]);
    expect(down.focalPoint).toEqual([0, 0, 61.25]);
    // Each camera keeps its side of the plane.
    expect(up.position).toEqual([0, 0, 461.25]);
    expect(down.position).toEqual([0, 0, -338.75]);
  });

  it('does not move a camera whose focal plane already holds the point', () => {
    const camera = { focalPoint: [1, 2, 3], position: [1, 2, 503], viewPlaneNormal: [0, 0, -1] };
    expect(cameraThrough(camera, [90, -4, 3])).toEqual({ focalPoint: [1, 2, 3], position: [1, 2, 503] });
  });
});

describe('looksAlong: which reformats show a drawing\'s plane', () => {
  it('takes a camera parallel to the plane facing either way', () => {
    expect(looksAlong([0, 0, 1], [0, 0, 1])).toBe(true);
    expect(looksAlong([0, 0, -1], [0, 0, 1])).toBe(true);
    expect(looksAlong([0, -SQRT1_2, SQRT1_2], [0, SQRT1_2, -SQRT1_2])).toBe(true);
  });

  it('refuses a perpendicular camera, and one tilted past the tolerance (about 2.6°)', () => {
    expect(looksAlong([1, 0, 0], [0, 0, 1])).toBe(false);
    const tilt = (degrees: number) => [Math.sin((degrees * Math.PI) / 180), 0, Math.cos((degrees * Math.PI) / 180)];
    expect(Math.acos(PARALLEL_COSINE) * (180 / Math.PI)).toBeCloseTo(2.56, 2);
    expect(looksAlong(tilt(2.5), [0, 0, 1])).toBe(true);
    expect(looksAlong(tilt(2.7), [0, 0, 1])).toBe(false);
    expect(looksAlong(tilt(180 - 2.5), [0, 0, 1])).toBe(true);
  });
});

describe('isPlaneDrawing: which drawings need a reformat to be shown', () => {
  const drawing = reformatLength;
  it('is a drawing with no source image, a frame of reference, a normal and a point', () => {
    expect(isPlaneDrawing(drawing({}))).toBe(true);
    expect(isPlaneDrawing(drawing({ image: { seriesInstanceUid: '1', sopInstanceUid: '2', frame: null } }))).toBe(false);
    expect(isPlaneDrawing(drawing({ frameOfReferenceUid: null }))).toBe(false);
    expect(isPlaneDrawing(drawing({ viewPlaneNormal: null }))).toBe(false);
    expect(isPlaneDrawing(drawing({ points: [] }))).toBe(false);
  });
});
