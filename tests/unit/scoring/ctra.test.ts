import { describe, expect, it } from 'vitest';
import { LESION_SCHEMA_VERSION, StoredLesionSchema } from '@shared/lesion/lesion';
import { scoreLesion } from '@shared/scoring/score-lesion';
import { acceptedAnalysis, makeLesion, typed } from '../../support/lesion-fixtures';

// The rigidity verdict (CTRA) is experimental: it is reported with its reasons and constants beside
// the five scores, only when the reader accepted a bone analysis, and the referral urgency never reads it.

describe('the CTRA result', () => {
  it('does not apply without an accepted bone analysis, and says how to get one', () => {
    const ctra = scoreLesion(makeLesion()).ctra;
    expect(ctra).toMatchObject({ applicable: false, flagged: null, experimental: true, reasons: [] });
    expect(ctra.notApplicableReason).toMatch(/Analyze bone/);
  });

  it('a 95% reduction of EI-min is flagged, with the ratio, the section, the reference and the method', () => {
    const ctra = scoreLesion(makeLesion({ boneAnalysis: acceptedAnalysis(0.05) })).ctra;
    expect(ctra).toMatchObject({ applicable: true, flagged: true, governing: 'eiMin', atZMm: -24.75, reference: 'contralateral', lowestRatios: { ea: 0.8, eiMin: 0.05, gj: 0.95 } });
    expect(ctra.reasons).toEqual([
      'lowest minimum bending rigidity (EI-min) ratio 0.05 <= 0.65 (a 95% reduction; > 35% is the published criterion) at z = -24.75 mm ' +
        'against the contralateral bone at the same level (computed by BoneMet cortical involvement and CT rigidity analysis v1.0.0)',
    ]);
    expect(ctra.notes[0]).toMatch(/^Experimental: .*never raising the referral urgency/);
    expect(ctra.notes).toContain(
      "Constants: calibration from air, fat and muscle (calibrated HU = 1 x HU + -1); Dragomir-Daescu et al. 2011: rho_ash = -0.009 + 0.0007 * HU (g/cm3); " +
        "Dragomir-Daescu et al. 2011: E = 14664 * rho_ash^1.49 (MPa); Poisson's ratio 0.3; flagged at a lowest ratio <= 0.65.",
    );
    expect(ctra.constants?.flagAtOrBelowRatio).toBe(0.65);
  });

  it('a 30% reduction is not flagged and gives no reason', () => {
    const ctra = scoreLesion(makeLesion({ boneAnalysis: acceptedAnalysis(0.7) })).ctra;
    expect(ctra.flagged).toBe(false);
    expect(ctra.reasons).toEqual([]);
    expect(ctra.notes).toContain('Lowest ratios to the contralateral bone at the same level: axial rigidity (EA) 0.8, minimum bending rigidity (EI-min) 0.7, torsional rigidity (GJ) 0.95.');
  });

  it('never raises the referral urgency: a routine lesion stays routine with a flagged analysis', () => {
    const routine = { nature: 'blastic' as const, circumferentialInvolvementPct: typed(10), axialInvolvementMm: typed(8), largestDimensionMm: typed(12), lesionWidthMm: typed(5), boneDiameterMm: typed(30), pathologicalFracture: false, clinical: { mirelsPain: 'mild' as const, lesserTrochanterAvulsion: false, persistentPainAfterRadiotherapy: false, newNeurologicalDeficit: false } };
    const without = scoreLesion(makeLesion(routine));
    const withFlag = scoreLesion(makeLesion({ ...routine, boneAnalysis: acceptedAnalysis(0.05) }));
    expect(withFlag.ctra.flagged).toBe(true);
    expect(without.urgency.level).toBe('routine');
    expect(withFlag.urgency).toEqual(without.urgency);
  });
});

describe('lesion form 3', () => {
  it('a version 2 record reads as version 3 with no bone analysis, scored as before', () => {
    const current = makeLesion({ nature: 'lytic', circumferentialInvolvementPct: typed(60), clinical: { mirelsPain: 'moderate' } });
    const { boneAnalysis: _drop, ...v3 } = current;
    const upgraded = StoredLesionSchema.parse({ ...v3, schemaVersion: 2 });
    expect(upgraded.schemaVersion).toBe(LESION_SCHEMA_VERSION);
    expect(LESION_SCHEMA_VERSION).toBe(4);
    expect(upgraded.boneAnalysis).toBeNull();
    expect(upgraded).toEqual(current);
    expect(scoreLesion(upgraded).urgency.reasons[0]).toBe('circumferential involvement 60% > 50%');
  });

  it('a version 3 record must say whether it holds a bone analysis', () => {
    const { boneAnalysis: _drop, ...missing } = makeLesion();
    expect(StoredLesionSchema.safeParse(missing).success).toBe(false);
  });

  it('a computed value without its method is refused', () => {
    const lesion = makeLesion();
    const bad = { ...lesion, circumferentialInvolvementPct: { value: 50, provenance: { source: 'computed', sections: [{ index: 1, positionMm: 0, centre: [0, 0, 0] }] } } };
    expect(StoredLesionSchema.safeParse(bad).success).toBe(false);
  });
});
