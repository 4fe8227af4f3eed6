import { describe, expect, it } from 'vitest';
import type { BoneAnalysisResult } from '@shared/analysis/bone-analysis-result';
import { DRAGOMIR_DAESCU_DENSITY } from '@shared/analysis/ctra-constants';
import { SILENT_HOOKS } from '../../../electron/core/analysis/analysis-hooks';
import { analyzeBone } from '../../../electron/core/analysis/analyze-bone';
import { ashDensity } from '../../../electron/core/analysis/rigidity/modulus';
import { thighsPhantomSpec } from '../../../electron/core/phantom/bone-phantom-cases';
import { renderBonePhantom } from '../../../electron/core/phantom/bone-phantom-render';
import { bonePhantomTruth, intactRigidity } from '../../../electron/core/phantom/bone-phantom-truth';

// Calibration: the same phantom scanned by a scanner off its calibration (it stores 30 + 0.95 x
// the true HU) must give the same absolute rigidity as a calibrated scan, once calibrated from
// the body's own air, fat and muscle or from a calibration phantom's rods. Uncorrected, 0.95 x HU
// would lower every modulus by about 7% (0.95^1.49), well beyond the 2% allowed here.

const RODS = [0, 400, 800, 1200].map((hu, n) => ({ centreMm: [-75 + 50 * n, 100] as [number, number], radiusMm: 7, hu }));
const spec = (scanner: { slope: number; interceptHu: number }) =>
  thighsPhantomSpec({
    seed: 5, side: 'right', tiltDeg: 4, azimuthDeg: 120, zExtentMm: 110, calibrationRods: RODS, scanner,
    lesion: { arcStartDeg: 30, arcSweepDeg: 108, axialStartMm: -10, axialLengthMm: 20, marrowDepthMm: 2 },
  });
const CALIBRATED = spec({ slope: 1, interceptHu: 0 });
const OFF = spec({ slope: 0.95, interceptHu: 30 });
const click = bonePhantomTruth(CALIBRATED).lesions[0]!.click;

/** The median EA of the sections with intact cortex (N). */
const intactEa = (result: BoneAnalysisResult) => {
  const values = result.sections.filter((s) => s.cortexIntact).map((s) => s.ea).sort((a, b) => a - b);
  return values[Math.floor(values.length / 2)]!;
};

describe('HU calibration of the rigidity', () => {
  const reference = analyzeBone(renderBonePhantom(CALIBRATED), { seriesInstanceUid: '2.25.1', at: click }, SILENT_HOOKS);
  const offVolume = renderBonePhantom(OFF);

  it('finds a calibrated scan calibrated, and its absolute EA near the analytic ring', () => {
    const calibration = reference.rigidity.constants.calibration;
    expect(calibration.kind).toBe('tissues');
    if (calibration.kind !== 'tissues') return;
    expect(calibration.slope).toBeCloseTo(1, 1);
    expect(Math.abs(calibration.interceptHu)).toBeLessThan(5);
    // Partial volume at the surfaces costs a few per cent of absolute EA (E is convex in HU); ratios cancel it.
    expect(intactEa(reference) / intactRigidity(CALIBRATED, 'right-femur').ea).toBeGreaterThan(0.93);
    expect(intactEa(reference) / intactRigidity(CALIBRATED, 'right-femur').ea).toBeLessThan(1.02);
  });

  it('corrects the scanner from the air, fat and muscle peaks (phantom-less)', () => {
    const result = analyzeBone(offVolume, { seriesInstanceUid: '2.25.1', at: click }, SILENT_HOOKS);
    const calibration = result.rigidity.constants.calibration;
    expect(calibration.kind).toBe('tissues');
    if (calibration.kind !== 'tissues') return;
    expect(calibration.measuredHu.air).toBeCloseTo(30 + 0.95 * -1000, -1);
    expect(calibration.measuredHu.fat).toBeCloseTo(30 + 0.95 * -100, -1);
    expect(calibration.slope).toBeCloseTo(1 / 0.95, 1);
    expect(Math.abs(intactEa(result) / intactEa(reference) - 1)).toBeLessThan(0.02);
    expect(result.rigidity.eaRatio!).toBeCloseTo(reference.rigidity.eaRatio!, 2);
  });

  it('corrects the scanner from a calibration phantom whose rods the reader marked', () => {
    const inserts = RODS.map((rod) => ({ centre: [rod.centreMm[0], rod.centreMm[1], 0] as [number, number, number], radiusMm: 5, ashDensityGPerCm3: ashDensity(rod.hu, DRAGOMIR_DAESCU_DENSITY) }));
    const result = analyzeBone(offVolume, { seriesInstanceUid: '2.25.1', at: click, calibration: { kind: 'phantom', inserts } }, SILENT_HOOKS);
    const calibration = result.rigidity.constants.calibration;
    expect(calibration.kind).toBe('phantom');
    expect(result.rigidity.constants.density.slopeGPerCm3PerHu).toBeCloseTo(0.0007 / 0.95, 5);
    expect(result.rigidity.constants.density.source).toMatch(/^Calibration phantom, 4 inserts, least squares/);
    expect(Math.abs(intactEa(result) / intactEa(reference) - 1)).toBeLessThan(0.02);
  });

  it('refuses inserts marked outside the series', () => {
    const inserts = [{ centre: [0, 0, 5000] as [number, number, number], radiusMm: 5, ashDensityGPerCm3: 0.1 }, { centre: [0, 0, 0] as [number, number, number], radiusMm: 5, ashDensityGPerCm3: 0.5 }];
    expect(() => analyzeBone(offVolume, { seriesInstanceUid: '2.25.1', at: click, calibration: { kind: 'phantom', inserts } }, SILENT_HOOKS)).toThrow(
      'A calibration insert lies outside the series: mark it on the image.',
    );
  });
});
