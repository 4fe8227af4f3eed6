import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BoneAnalysisResult } from '@shared/analysis/bone-analysis-result';
import { boneAnalysisSummary } from '@shared/analysis/bone-analysis-summary';
import { valueProposals } from '@shared/analysis/bone-proposals';
import { LesionSchema } from '@shared/lesion/lesion';
import { scoreLesion } from '@shared/scoring/score-lesion';
import { currentProposals, keptSections } from '../../../renderer/src/services/viewer/bone-analysis/current-proposals';
import type { ProposedArc } from '../../../renderer/src/services/viewer/bone-analysis/proposal-arcs';
import { destroyedCortexOnPlane } from '../../../renderer/src/services/viewer/bone-analysis/reformat-overlay';
import { makeLesion } from '../../support/lesion-fixtures';
import { coreInternals } from '../../../electron/core/app-core';
import { openPhantomCore, type PhantomCore } from '../../support/phantom-core';

// What the reader is offered after Analyze bone on the demo phantom's large left femoral lesion:
// the proposals with their computed provenance, what an edited arc changes, which arcs are kept,
// what the reformats draw, and the lesion those proposals make once accepted.

let phantom: PhantomCore;
let result: BoneAnalysisResult;

beforeAll(async () => {
  phantom = await openPhantomCore('bone-proposals');
  const l1 = phantom.truth.lesions.find((l) => l.id === 'L1')!;
  const { jobId } = await phantom.core.handlers['analysis.start']({ seriesInstanceUid: phantom.truth.seriesInstanceUid, at: [l1.centreMm.x, l1.centreMm.y, l1.centreMm.z] });
  result = (await coreInternals(phantom.core).analysisJobs.wait(jobId)).result!;
});
afterAll(() => phantom.close());

/** The region's arcs as the viewer would place them, one drawn section every `step`. */
function arcsOf(step: number): ProposedArc[] {
  return result.sections
    .filter((s) => s.index % step === 0)
    .flatMap((s) => s.arcs.filter((a) => a.regionId === result.regionId).map((a, i) => ({ annotationUid: `arc-${s.index}-${i}`, sectionIndex: s.index, computedPct: (a.sweepDeg / 360) * 100 })));
}

describe('the proposals of a bone analysis', () => {
  it('proposes the four values, each computed with the method and the section(s) it was taken on', () => {
    const proposals = valueProposals(result);
    expect(proposals.map((p) => p.field)).toEqual(['circumferentialInvolvementPct', 'axialInvolvementMm', 'lesionWidthMm', 'boneDiameterMm']);
    const circ = proposals[0]!.measured.provenance;
    expect(circ).toMatchObject({ source: 'computed', method: result.method, sections: [{ index: result.takenOn.circumferentialInvolvementPct }] });
    expect(proposals[1]!.measured.provenance.sections.map((s) => s.index)).toEqual([result.takenOn.axialInvolvementMm!.first, result.takenOn.axialInvolvementMm!.last]);
  });

  it('an edited arc on the worst section makes the circumferential value measured from that arc', () => {
    const arcs = arcsOf(1);
    const worst = arcs.filter((a) => a.sectionIndex === result.takenOn.circumferentialInvolvementPct);
    const others = worst.slice(1).reduce((sum, a) => sum + a.computedPct, 0);
    const edited = new Map([[worst[0]!.annotationUid, 70]]);
    const circ = currentProposals(result, arcs, edited).find((p) => p.field === 'circumferentialInvolvementPct')!;
    expect(circ.edited).toBe(true);
    expect(circ.measured.provenance).toEqual({ source: 'annotation', annotationId: worst[0]!.annotationUid });
    expect(circ.measured.value).toBeCloseTo(Math.min(100, 70 + others), 9);
  });

  it('an edit that lowers an arc below another section leaves that section, computed, as the worst', () => {
    const arcs = arcsOf(1);
    const worst = arcs.filter((a) => a.sectionIndex === result.takenOn.circumferentialInvolvementPct);
    const edited = new Map(worst.map((a) => [a.annotationUid, 0]));
    const circ = currentProposals(result, arcs, edited).find((p) => p.field === 'circumferentialInvolvementPct')!;
    expect(circ.measured.provenance.source).toBe('computed');
    expect(circ.measured.value).toBe(result.circumferentialInvolvementPct);
  });

  it('keeps the arcs of the drawn sections nearest the worst, first and last involved sections', () => {
    const kept = keptSections(result, arcsOf(4));
    const near = (target: number) => Math.round(target / 4) * 4;
    const axial = result.takenOn.axialInvolvementMm!;
    for (const target of [result.takenOn.circumferentialInvolvementPct!, axial.first, axial.last]) expect([...kept].some((k) => Math.abs(k - target) <= 2 && Math.abs(k - near(target)) <= 2)).toBe(true);
    expect(kept.size).toBeLessThanOrEqual(3);
  });

  it('draws the destroyed cortex along the bone on a coronal plane through the femur, and nothing on an axial one', () => {
    const l1 = phantom.truth.lesions.find((l) => l.id === 'L1')!;
    const femur = phantom.truth.femora.find((f) => f.side === l1.side)!;
    const coronal = destroyedCortexOnPlane(result, [0, femur.centreYMm + 4, 0], [0, 1, 0]);
    expect(coronal.length).toBeGreaterThan(0);
    const zs = coronal.flat().map((p) => p[2]);
    // Along the lesion's extent (z -38.75 to 1.25 mm), on the periosteal circle.
    expect(Math.min(...zs)).toBeGreaterThanOrEqual(l1.zStartMm - 2);
    expect(Math.max(...zs)).toBeLessThanOrEqual(l1.zEndMm + 2);
    expect(destroyedCortexOnPlane(result, [0, 0, -10], [0, 0, 1])).toEqual([]);
  });

  it('accepted, they make a lesion flagged by Van der Linden and by CTRA, with their reasons', () => {
    const values = Object.fromEntries(valueProposals(result).map((p) => [p.field, p.measured]));
    const lesion = LesionSchema.parse({ ...makeLesion({ nature: 'lytic' }), ...values, boneAnalysis: boneAnalysisSummary(result) });
    const scores = scoreLesion(lesion);
    expect(scores.vanDerLinden.flagged).toBe(true);
    expect(scores.vanDerLinden.reasons.every((r) => r.includes(`computed by ${result.method.algorithmName} v${result.method.algorithmVersion}`))).toBe(true);
    expect(scores.ctra).toMatchObject({ applicable: true, flagged: true, reference: 'contralateral' });
    expect(scores.ctra.reasons).toHaveLength(1);
  });
});
