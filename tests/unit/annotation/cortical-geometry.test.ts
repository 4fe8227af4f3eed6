import { describe, expect, it } from 'vitest';
import { axialExtentMm } from '@shared/annotation/axial-extent';
import { corticalArc, corticalArcPolyline } from '@shared/annotation/cortical-arc';

const at = (deg: number, r = 10, c = [5, -3, 40]): number[] => [c[0]! + r * Math.cos((deg * Math.PI) / 180), c[1]! + r * Math.sin((deg * Math.PI) / 180), c[2]!];
const C = [5, -3, 40];
const AXIAL_ARC = [C, at(0), at(90), at(45)];

describe('corticalArc', () => {
  it('measures the arc that holds the side click, whichever way the ends were clicked', () => {
    expect(corticalArc([C, at(0), at(90), at(45)])!.fraction).toBeCloseTo(0.25, 10);
    expect(corticalArc([C, at(0), at(90), at(200)])!.fraction).toBeCloseTo(0.75, 10);
    expect(corticalArc([C, at(90), at(0), at(45)])!.fraction).toBeCloseTo(0.25, 10);
    expect(corticalArc([C, at(90), at(0), at(300)])!.fraction).toBeCloseTo(0.75, 10);
  });

  it('handles an arc crossing 0 degrees and ends at different radii', () => {
    expect(corticalArc([C, at(300, 12), at(60, 9), at(10, 30)])!.fraction).toBeCloseTo(120 / 360, 10);
    expect(corticalArc([C, at(300, 12), at(60, 9), at(180, 5)])!.fraction).toBeCloseTo(240 / 360, 10);
  });

  it('handles ends exactly opposite (the side click gives the plane)', () => {
    expect(corticalArc([C, at(0), at(180), at(100)])!.fraction).toBeCloseTo(0.5, 10);
  });

  it('works in a tilted plane', () => {
    const tilt = (p: number[]) => [p[0]!, p[1]! * Math.cos(0.7), p[1]! * Math.sin(0.7) + p[2]!];
    expect(corticalArc([tilt(C), tilt(at(10)), tilt(at(110)), tilt(at(200))])!.fraction).toBeCloseTo(260 / 360, 10);
  });

  it('returns null for coincident clicks or too few', () => {
    expect(corticalArc([C, C, at(90), at(45)])).toBeNull();
    expect(corticalArc([C, at(0), at(90)])).toBeNull();
  });

  it('draws the polyline on the destroyed side, from end 1 to end 2', () => {
    const line = corticalArcPolyline([C, at(0), at(90), at(200)], 36);
    expect(line).toHaveLength(37);
    expect(line[0]![0]).toBeCloseTo(at(0)[0]!, 9);
    expect(line[36]![1]).toBeCloseTo(at(90)[1]!, 9);
    // Its middle lies at 225 degrees, on the long way round.
    expect(line[18]![0]).toBeCloseTo(at(225)[0]!, 9);
    expect(line[18]![1]).toBeCloseTo(at(225)[1]!, 9);
  });
});

describe('axialExtentMm', () => {
  it('counts the involved slices as whole slabs', () => {
    expect(axialExtentMm([0, 0, 10], [0, 0, 57.5], [0, 0, 1], 2.5, AXIAL_ARC)).toBeCloseTo(50, 10);
    expect(axialExtentMm([3, 9, 57.5], [0, 0, 10], [0, 0, 1], 2.5, AXIAL_ARC)).toBeCloseTo(50, 10);
    expect(axialExtentMm([0, 0, 10], [0, 0, 10], [0, 0, 2], 1.25, AXIAL_ARC)).toBeCloseTo(1.25, 10);
  });

  it('refuses a zero spacing or normal', () => {
    expect(() => axialExtentMm([0, 0, 0], [0, 0, 1], [0, 0, 1], 0, AXIAL_ARC)).toThrow(RangeError);
    expect(() => axialExtentMm([0, 0, 0], [0, 0, 1], [0, 0, 0], 1, AXIAL_ARC)).toThrow(RangeError);
  });
});

describe('axialExtentMm across slices of another orientation than the arc', () => {
  // A femur along patient z: its arc drawn on an axial slice (normal z). A sagittal MR of the same
  // thigh (normal x, 4 mm slices) shows the lesion on 3 slices: 12 mm across the bone, whatever its
  // length along it. Taken as the axial extent it would read 12 mm for a 40 mm lesion.
  it('refuses first and last slices that cut the bone lengthwise (a sagittal or coronal stack under an axial arc)', () => {
    expect(() => axialExtentMm([-4, 0, 40], [4, 0, 40], [1, 0, 0], 4, AXIAL_ARC)).toThrow(/not parallel to the plane the cortical involvement was drawn on/);
    expect(() => axialExtentMm([0, -4, 40], [0, 4, 40], [0, 1, 0], 4, AXIAL_ARC)).toThrow(/not parallel/);
    // 30 degrees off: the slices' spacing along the bone is not theirs.
    const n30 = [0, Math.sin(Math.PI / 6), Math.cos(Math.PI / 6)];
    expect(() => axialExtentMm([0, 0, 10], [0, 0, 57.5], n30, 2.5, AXIAL_ARC)).toThrow(/30 degrees/);
  });

  it('measures along the arc plane\'s normal when the slices are a few degrees off it (never less than the bone\'s extent)', () => {
    // Slices tilted 8 degrees from the arc's plane, 2.5 mm apart, 19 apart: 50 mm along their normal, 50 / cos 8 along the bone.
    const t = (8 * Math.PI) / 180;
    const n = [0, Math.sin(t), Math.cos(t)];
    const last = [0, 47.5 * n[1]!, 10 + 47.5 * n[2]!];
    expect(axialExtentMm([0, 0, 10], last, n, 2.5, AXIAL_ARC)).toBeCloseTo(50 / Math.cos(t), 9);
    // The arc's own slices: as before.
    expect(axialExtentMm([0, 0, 10], [0, 0, 57.5], [0, 0, -1], 2.5, AXIAL_ARC)).toBeCloseTo(50, 10);
  });
});

describe('axialExtentMm on a gantry-tilted CT', () => {
  // A femur along the table (patient z) scanned with the gantry tilted 25 degrees: every slice's plane
  // is tilted (its normal 25 degrees off z) and the slices advance along the table, 2.5 mm apart in z
  // (2.5 cos 25 = 2.27 mm along their normal). The arc is drawn on one of them. The lesion involves 13
  // slices: 32.5 mm of bone along the table, Van der Linden's > 30 mm met. Along the tilted normal the
  // same slices are 29.45 mm: the criterion and the urgency would be understated.
  const t = (25 * Math.PI) / 180;
  const normal = [0, Math.sin(t), Math.cos(t)];
  const stepAlongTable = 2.5;
  const spacingAlongNormal = stepAlongTable * Math.cos(t);
  // The arc's four clicks in the tilted slice through z = 10 (rows along x, columns along (0, cos t, -sin t)).
  const column = [0, Math.cos(t), -Math.sin(t)];
  const inSlice = (x: number, c: number) => [x, c * column[1]!, 10 + c * column[2]!];
  const tiltedArc = [inSlice(0, 0), inSlice(10, 0), inSlice(-10, 0), inSlice(0, 10)];

  it('measures the extent along the table the slices advance along, not along their tilted normal', () => {
    const first = [0, 0, 10];
    const last = [0, 0, 10 + 12 * stepAlongTable];
    const stackDirection = [0, 0, 1];
    expect(axialExtentMm(first, last, normal, spacingAlongNormal, tiltedArc, stackDirection)).toBeCloseTo(32.5, 9);
    // One involved slice is one step along the table.
    expect(axialExtentMm(first, first, normal, spacingAlongNormal, tiltedArc, stackDirection)).toBeCloseTo(2.5, 9);
  });

  it('measures an untilted stack as before', () => {
    expect(axialExtentMm([0, 0, 10], [0, 0, 57.5], [0, 0, 1], 2.5, AXIAL_ARC, [0, 0, -1])).toBeCloseTo(50, 10);
  });
});
