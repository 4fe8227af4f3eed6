import { describe, expect, it } from 'vitest';
import { scoreLesion } from '@shared/scoring/score-lesion';
import { computed, fromAnnotation, makeLesion, typed } from '../../support/lesion-fixtures';

// A value the bone analysis computed and the reader accepted carries its method, version and section
// into every reason that uses it, so that a surgeon knows the figure was computed, by what, and where.

const BY = 'computed by BoneMet cortical involvement and CT rigidity analysis v1.0.0';

describe('reasons that use a computed value name where it came from', () => {
  const lesion = makeLesion({
    nature: 'lytic',
    circumferentialInvolvementPct: computed(59.52, -0.75),
    axialInvolvementMm: computed(41, -38.75, 1.25),
    lesionWidthMm: computed(28.77, -0.75),
    boneDiameterMm: computed(28.9, -0.75),
  });
  const scores = scoreLesion(lesion);

  it('Van der Linden: both criteria, with their sections', () => {
    expect(scores.vanDerLinden.reasons).toEqual([
      `axial cortical involvement 41 mm > 30 mm (${BY} on the sections from z = -38.75 to z = 1.25 mm)`,
      `circumferential involvement 59.52% > 50% (${BY} on the section at z = -0.75 mm)`,
    ]);
  });

  it('the urgency repeats the criteria with their sources', () => {
    expect(scores.urgency.level).toBe('urgent');
    expect(scores.urgency.reasons).toContain(`circumferential involvement 59.52% > 50% (${BY} on the section at z = -0.75 mm)`);
    expect(scores.urgency.reasons).toContain(`axial cortical involvement 41 mm > 30 mm (${BY} on the sections from z = -38.75 to z = 1.25 mm)`);
  });

  it('Harrington: cortical destruction read from the computed circumferential involvement', () => {
    expect(scores.harrington.reasons).toContain(`cortical destruction 59.52% > 50% (${BY} on the section at z = -0.75 mm)`);
  });

  it("Mirels' size names the section once when width and diameter came from the same one", () => {
    const size = scores.mirels.components.find((c) => c.id === 'size')!;
    expect(size.value).toBe(`1 (lesion width 28.77 mm / bone diameter 28.9 mm) (${BY} on the section at z = -0.75 mm)`);
    expect(size.points).toBe(3);
  });

  it("Mirels' size names each source when they differ", () => {
    const mixed = scoreLesion(makeLesion({ nature: 'lytic', lesionWidthMm: computed(10, -0.75), boneDiameterMm: typed(30) }));
    expect(mixed.mirels.components.find((c) => c.id === 'size')!.value).toBe(`1/3 (lesion width 10 mm / bone diameter 30 mm); width (${BY} on the section at z = -0.75 mm)`);
  });

  it('on a long bone other than the femur the urgency rule says it too', () => {
    const tibia = scoreLesion(makeLesion({ boneId: 'tibia', regionId: null, circumferentialInvolvementPct: computed(60, 12.5) }));
    expect(tibia.urgency.reasons.some((r) => r.startsWith('circumferential involvement 60% > 50% on the tibia') && r.endsWith(`(${BY} on the section at z = 12.5 mm)`))).toBe(true);
  });
});

describe('measured and typed values read as before', () => {
  it('no source in the reasons of typed or drawn values', () => {
    const scores = scoreLesion(makeLesion({ circumferentialInvolvementPct: fromAnnotation(60), axialInvolvementMm: typed(34) }));
    expect(scores.vanDerLinden.reasons).toEqual(['axial cortical involvement 34 mm > 30 mm', 'circumferential involvement 60% > 50%']);
  });

  it('the same numbers give the same scores whatever their provenance', () => {
    const as = (p: (v: number, ...z: number[]) => ReturnType<typeof typed>) =>
      scoreLesion(makeLesion({ nature: 'mixed', circumferentialInvolvementPct: p(45, 3), axialInvolvementMm: p(31, 1, 20), lesionWidthMm: p(12, 3), boneDiameterMm: p(30, 3) }));
    const a = as(computed);
    const b = as((v) => typed(v));
    expect([a.mirels.total, a.vanDerLinden.flagged, a.harrington.flagged, a.urgency.level]).toEqual([b.mirels.total, b.vanDerLinden.flagged, b.harrington.flagged, b.urgency.level]);
  });
});
