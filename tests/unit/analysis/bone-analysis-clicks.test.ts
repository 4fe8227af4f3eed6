import { describe, expect, it } from 'vitest';
import { SILENT_HOOKS } from '../../../electron/core/analysis/analysis-hooks';
import { analyzeBone } from '../../../electron/core/analysis/analyze-bone';
import { thighsPhantomSpec } from '../../../electron/core/phantom/bone-phantom-cases';
import { renderBonePhantom } from '../../../electron/core/phantom/bone-phantom-render';
import { bonePhantomTruth } from '../../../electron/core/phantom/bone-phantom-truth';
import { boneFrame, fromBoneFrame } from '../../../electron/core/phantom/bone-frame';

// Where the reader clicks decides what is proposed: the destroyed region nearest the click on a
// bone that holds two lesions, the same bone clicked twice, a second click on the other femur, a
// click beside the bone, and a click on intact bone.

const base = thighsPhantomSpec({
  seed: 11, side: 'left', tiltDeg: 6, azimuthDeg: 250, zExtentMm: 160,
  lesion: { arcStartDeg: 300, arcSweepDeg: 90, axialStartMm: -50, axialLengthMm: 20, marrowDepthMm: 2 },
});
// A second, larger lesion higher up the same femur.
const spec = { ...base, lesions: [...base.lesions, { id: 'left-femur-second', boneId: 'left-femur', arcStartDeg: 100, arcSweepDeg: 200, axialStartMm: 20, axialLengthMm: 35, marrowDepthMm: 3 }] };
const truth = bonePhantomTruth(spec);
const volume = renderBonePhantom(spec);
const analyse = (at: [number, number, number], contralateral?: [number, number, number]) =>
  analyzeBone(volume, { seriesInstanceUid: '2.25.1', at, ...(contralateral ? { contralateral } : {}) }, SILENT_HOOKS);

describe('what a click selects', () => {
  it.each([0, 1])('gives the figures of the lesion nearest the click (lesion %i of two in one femur), the profile showing both', (n) => {
    const lesion = truth.lesions[n]!;
    const result = analyse(lesion.click);
    expect(result.regions).toHaveLength(2);
    expect(Math.abs(result.circumferentialInvolvementPct! - lesion.circumferentialInvolvementPct)).toBeLessThanOrEqual(5);
    expect(Math.abs(result.axialInvolvementMm! - lesion.axialInvolvementMm)).toBeLessThanOrEqual(2);
    expect(Math.abs(result.lesionWidthMm! - lesion.lesionWidthMm)).toBeLessThanOrEqual(1);
    // The weakest section of the bone is in the larger lesion, whichever was clicked.
    expect(Math.abs(result.rigidity.eiMinRatio! - truth.lesions[1]!.eiMinRatio)).toBeLessThanOrEqual(0.05);
    // Involved sections run from the lower lesion's start (t = -50 mm) to the upper one's end (t = 55 mm).
    const involved = result.sections.filter((s) => !s.cortexIntact).map((s) => s.position);
    expect(Math.max(...involved) - Math.min(...involved)).toBeGreaterThan(102);
    expect(Math.max(...involved) - Math.min(...involved)).toBeLessThan(108);
  });

  it('takes a second click on the other femur as the contralateral bone', () => {
    const otherAxis = spec.bones[1]!.axisPointMm;
    const result = analyse(truth.lesions[1]!.click, [otherAxis[0], otherAxis[1], 0]);
    expect(result.reference).toMatchObject({ kind: 'contralateral', foundBy: 'second-click' });
    expect(Math.abs(result.rigidity.eaRatio! - truth.lesions[1]!.eaRatio)).toBeLessThanOrEqual(0.05);
  });

  it('does not take the lesion bone itself as its contralateral, and says so', () => {
    const own = spec.bones[0]!.axisPointMm;
    const result = analyse(truth.lesions[1]!.click, [own[0], own[1], -20]);
    expect(result.reference.kind).toBe('own-sections');
    expect(result.reference.note).toMatch(/is the lesion’s own bone/);
    expect(Math.abs(result.rigidity.eaRatio! - truth.lesions[1]!.eaRatio)).toBeLessThanOrEqual(0.05);
  });

  it('refuses a click in the muscle beside the femur: no bone there', () => {
    const beside = fromBoneFrame(boneFrame(spec.bones[0]!), 0, spec.bones[0]!.outerRadiusMm + 15, 180);
    expect(() => analyse(beside)).toThrow(/^No bone found there: the point clicked lies 1\d mm outside the nearest long bone/);
  });

  it('proposes no involvement on intact bone, but the diameter where the click is', () => {
    const intact = fromBoneFrame(boneFrame(spec.bones[0]!), -10, 5, 0);
    const result = analyse(intact);
    // The click lies 20 mm from both lesions: the nearest region is still one of them.
    expect(result.regionId).not.toBeNull();
    const right = analyse(fromBoneFrame(boneFrame(spec.bones[1]!), 0, 5, 0));
    expect(right.regionId).toBeNull();
    expect(right.circumferentialInvolvementPct).toBeNull();
    expect(right.axialInvolvementMm).toBeNull();
    expect(right.lesionWidthMm).toBeNull();
    expect(Math.abs(right.boneDiameterMm - 29)).toBeLessThanOrEqual(1);
    expect(right.sections[right.takenOn.boneDiameterMm]!.position).toBeCloseTo(0, -1);
    // Against the lesion side, the intact right femur is not weakened.
    expect(right.rigidity.flagged).toBe(false);
  });
});
