import { describe, expect, it } from 'vitest';
import { scoreHarrington, scoreLesion } from '@shared/scoring';
import { exceedsInPatient } from '@shared/scoring/patient-size';
import type { MeasuredMm } from '@shared/lesion/measurement';
import { makeLesion, typed } from '../../support/lesion-fixtures';
import { randomLesionRecords } from '../../support/random-lesions';

// Harrington's "lesion >= 2.5 cm" reads the largest dimension. The record holds two other extents
// of the same lesion: its width across the bone (Mirels' size) and the length of cortex it destroyed
// along the axis. A largest dimension under 25 mm beside a 29 mm width cannot both be right: the
// largest dimension is at least every other extent. Taken alone it made the criterion certainly
// unmet, the urgency routine where the width says surgical opinion. Inputs that disagree are scored
// as both (as SINS' collapse category and measured height loss are): the criterion stays possible.

/** A benign femoral shaft lesion: every input recorded, nothing met, routine for certain. */
const quiet = {
  nature: 'blastic' as const, largestDimensionMm: typed(20), lesionWidthMm: typed(5), boneDiameterMm: typed(30), axialInvolvementMm: typed(10),
  circumferentialInvolvementPct: typed(10), pathologicalFracture: false,
  clinical: { mirelsPain: 'mild' as const, newNeurologicalDeficit: false, lesserTrochanterAvulsion: false, persistentPainAfterRadiotherapy: false },
};

const sizeOf = (lesion: ReturnType<typeof makeLesion>) => scoreHarrington(lesion).components.find((c) => c.id === 'size')!;

describe("Harrington's lesion size when the record's extents of the lesion disagree", () => {
  it('is routine for certain while every extent is under 25 mm (the disagreement rule takes nothing else)', () => {
    expect(sizeOf(makeLesion(quiet))).toMatchObject({ met: false, points: 0 });
    expect(scoreLesion(makeLesion(quiet)).urgency).toMatchObject({ level: 'routine', worstCase: 'routine' });
  });

  it('a 20 mm largest dimension beside a 29 mm width across the bone: the size is undecided, a surgical opinion possible, the disagreement named', () => {
    const lesion = makeLesion({ ...quiet, lesionWidthMm: typed(29), boneDiameterMm: typed(90) });
    expect(sizeOf(lesion)).toMatchObject({ met: null, possiblePoints: [0, 1] });
    const scores = scoreLesion(lesion);
    expect(scores.urgency).toMatchObject({ level: 'routine', worstCase: 'surgical-opinion' });
    expect(scores.harrington.missingInputs.join('; ')).toMatch(/largest dimension 20 mm is smaller than the lesion width 29 mm/);
  });

  it('a 20 mm largest dimension beside 28 mm of cortex destroyed along the axis: undecided too', () => {
    expect(sizeOf(makeLesion({ ...quiet, axialInvolvementMm: typed(28) }))).toMatchObject({ met: null, possiblePoints: [0, 1] });
  });

  it('a width in pixels says nothing in mm, so it leaves a 20 mm largest dimension alone', () => {
    const inPixels: MeasuredMm = { ...typed(290), spacingPlane: 'none' };
    expect(sizeOf(makeLesion({ ...quiet, lesionWidthMm: inPixels, boneDiameterMm: { ...typed(900), spacingPlane: 'none' } }))).toMatchObject({ met: false });
  });

  it('no largest dimension recorded beside a 29 mm width: the lesion is at least 29 mm, so the size is met, a surgical opinion for certain', () => {
    const lesion = makeLesion({ ...quiet, largestDimensionMm: null, lesionWidthMm: typed(29), boneDiameterMm: typed(90) });
    expect(sizeOf(lesion)).toMatchObject({ met: true, points: 1 });
    const scores = scoreLesion(lesion);
    expect(scores.harrington.flagged).toBe(true);
    expect(scores.urgency).toMatchObject({ level: 'surgical-opinion', worstCase: 'surgical-opinion' });
    expect(scores.harrington.reasons.join('; ')).toMatch(/lesion width 29 mm >= 25 mm \(2\.5 cm\); the largest dimension, not recorded, is at least it/);
  });

  it('no largest dimension beside 62 mm of destroyed cortex at a detector (47.69-62 mm in the patient): met; beside a 20 mm width: still undecided', () => {
    const detector: MeasuredMm = { ...typed(62), spacingPlane: 'detector' };
    expect(sizeOf(makeLesion({ ...quiet, largestDimensionMm: null, axialInvolvementMm: detector }))).toMatchObject({ met: true });
    expect(sizeOf(makeLesion({ ...quiet, largestDimensionMm: null, lesionWidthMm: typed(20) }))).toMatchObject({ met: null });
    // 30 mm at the detector may be 23.08 mm in the patient: it cannot settle the size either.
    expect(sizeOf(makeLesion({ ...quiet, largestDimensionMm: null, axialInvolvementMm: { ...typed(30), spacingPlane: 'detector' } }))).toMatchObject({ met: null });
  });

  it('a largest dimension in pixels beside a 26 mm width: met, the width says the lesion is at least 26 mm', () => {
    expect(sizeOf(makeLesion({ ...quiet, largestDimensionMm: { ...typed(300), spacingPlane: 'none' }, lesionWidthMm: typed(26) }))).toMatchObject({ met: true });
  });

  it('a largest dimension at a detector, 8.33-25 mm in the patient, beside 30 mm of destroyed cortex: the two disagree where it is under 25 mm, so the size stays undecided', () => {
    const largest: MeasuredMm = { ...typed(25), spacingPlane: 'detector', maxMagnification: 3 };
    expect(sizeOf(makeLesion({ ...quiet, largestDimensionMm: largest, axialInvolvementMm: typed(30) }))).toMatchObject({ met: null, possiblePoints: [0, 1] });
  });

  it('on 3000 random lesions, the size is certainly unmet only where no extent of the lesion could reach 25 mm in the patient', () => {
    const wrong: string[] = [];
    for (const lesion of randomLesionRecords(20261207, 3000)) {
      if (sizeOf(lesion).met !== false) continue;
      for (const [name, extent] of [['width', lesion.lesionWidthMm], ['axial', lesion.axialInvolvementMm]] as const) {
        if (extent && extent.spacingPlane !== 'none' && exceedsInPatient(extent, 25, true) !== false) wrong.push(`${lesion.id}: largest ${lesion.largestDimensionMm?.value} mm, ${name} ${extent.value} mm`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
