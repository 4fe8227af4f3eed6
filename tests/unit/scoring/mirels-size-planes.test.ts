import { describe, expect, it } from 'vitest';
import { scoreLesion } from '@shared/scoring/score-lesion';
import type { MeasuredMm } from '@shared/lesion/measurement';
import type { SpacingPlane } from '@shared/dicom/measurement-spacing';
import { fromAnnotation, makeLesion, typed } from '../../support/lesion-fixtures';

// Mirels' size is a ratio of two lengths "on the same image": a radiograph's magnification cancels
// when both lie in the same plane, but not when one is at the detector and the other in the
// patient (a drawing on a radiograph and a typed or CT value), and a length in pixels over one in
// mm is no fraction of the bone at all. The size must then be the range the planes allow.

const drawn = (value: number, plane: SpacingPlane): MeasuredMm => ({ ...fromAnnotation(value), ...(plane === 'patient' ? {} : { spacingPlane: plane }) });

/** A lytic femoral shaft lesion with mild pain (site 2 + nature 3 + pain 1 = 6, plus the size), no new deficit, width and diameter as given. */
function scored(width: MeasuredMm, diameter: MeasuredMm) {
  const lesion = makeLesion({ nature: 'lytic', clinical: { mirelsPain: 'mild', lesserTrochanterAvulsion: false, persistentPainAfterRadiotherapy: false, newNeurologicalDeficit: false }, lesionWidthMm: width, boneDiameterMm: diameter, largestDimensionMm: typed(20), axialInvolvementMm: typed(10), circumferentialInvolvementPct: typed(20), pathologicalFracture: false });
  const scores = scoreLesion(lesion);
  const size = scores.mirels.components.find((c) => c.id === 'size')!;
  return { scores, size, sizePoints: size.points !== null ? [size.points, size.points] : size.possiblePoints };
}

describe('Mirels size from two radiographs whose headers state different magnifications', () => {
  // Lengths on one image share one magnification; two different stated factors prove two images,
  // each length magnified by its own, so the ratio is no more exact than either.
  it('23 mm over 36 mm, at detectors of 1.0-1.85 and 1.0-1.3: 0.35-0.83 in the patient, size 2-3, possibly urgent', () => {
    const { scores, sizePoints } = scored({ ...drawn(23, 'detector'), maxMagnification: 1.85 }, drawn(36, 'detector'));
    expect(sizePoints).toEqual([2, 3]);
    expect(scores.mirels.range).toEqual([8, 9]);
    expect(scores.urgency).toMatchObject({ level: 'surgical-opinion', worstCase: 'urgent' });
    expect(scores.mirels.missingInputs.join('; ')).toMatch(/detectors of two radiographs, magnifications 1\.0-1\.85 and 1\.0-1\.3/);
  });

  it('the same stated magnification on both (one image): the ratio is exact', () => {
    const { sizePoints } = scored({ ...drawn(23, 'detector'), maxMagnification: 1.85 }, { ...drawn(36, 'detector'), maxMagnification: 1.85 });
    expect(sizePoints).toEqual([2, 2]);
  });
});

describe('Mirels size from a width and a diameter in different planes', () => {
  it('a width in pixels over a diameter in mm is no fraction: size 1-3, shown in px, and the urgency could be urgent', () => {
    const { scores, size, sizePoints } = scored(drawn(10, 'none'), typed(30));
    expect(sizePoints).toEqual([1, 3]);
    expect(size.value).toContain('10 px');
    expect(scores.mirels.range).toEqual([7, 9]);
    expect(scores.mirels.missingInputs.join('; ')).toMatch(/same plane/);
    expect(scores.urgency.worstCase).toBe('urgent');
  });

  it('a typed width over a diameter at a radiograph\'s detector: 19 / 30 is 0.63-0.82 in the patient, size 2-3, Mirels 8-9, possibly urgent', () => {
    const { scores, sizePoints } = scored(typed(19), drawn(30, 'detector'));
    expect(sizePoints).toEqual([2, 3]);
    expect(scores.mirels.range).toEqual([8, 9]);
    expect(scores.urgency.level).toBe('surgical-opinion');
    expect(scores.urgency.worstCase).toBe('urgent');
    expect(scores.urgency.missingInputs.join('; ')).toMatch(/same plane/);
  });

  it('a width at the detector over a typed diameter: 21 / 30 is 0.54-0.7, size 2-3, never a certain 3', () => {
    expect(scored(drawn(21, 'detector'), typed(30)).sizePoints).toEqual([2, 3]);
  });

  it('keeps exact thirds exact: 13 mm at the detector over 30 mm is 1/3 (13 / 39) to 0.43, size 2 only', () => {
    expect(scored(drawn(13, 'detector'), typed(30)).sizePoints).toEqual([2, 2]);
    // 26 / 30 at most magnified is 26 / 39 = 2/3 exactly: size 2 or 3.
    expect(scored(drawn(26, 'detector'), typed(30)).sizePoints).toEqual([2, 3]);
    // 30 / 39 typed over a detector diameter of 39: 10/13 to exactly 1 ... only > 2/3.
    expect(scored(typed(30), drawn(39, 'detector')).sizePoints).toEqual([3, 3]);
  });

  it('scores both lengths on one radiograph (both at the detector, or both in pixels) as the exact ratio, the magnification cancelling', () => {
    expect(scored(drawn(21, 'detector'), drawn(30, 'detector')).sizePoints).toEqual([3, 3]);
    expect(scored(drawn(10, 'none'), drawn(30, 'none')).sizePoints).toEqual([2, 2]);
  });

  it('scores patient-plane lengths (calibrated, magnification-corrected, CT, typed) as the exact ratio', () => {
    expect(scored(drawn(10, 'calibrated'), typed(30)).sizePoints).toEqual([2, 2]);
    expect(scored(drawn(19, 'magnification-corrected'), drawn(30, 'patient')).sizePoints).toEqual([2, 2]);
  });
});
