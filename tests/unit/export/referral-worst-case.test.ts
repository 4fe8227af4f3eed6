import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildReferralPacket } from '../../../electron/core/export/referral/build-referral-packet';
import { referralSections } from '../../../electron/core/export/referral/referral-sections';
import { loadStudyExportSource } from '../../../electron/core/export/study-export-source';
import { coreInternals } from '../../../electron/core/app-core';
import { phantomReferralStudy, type PhantomReferralStudy } from './referral-phantom-study';
import { buildReferralBundle } from '../../../electron/core/export/fhir/build-referral-bundle';
import { makeLesion, makeSpineLesion, typed } from '../../support/lesion-fixtures';

// The referral never states another lesion's urgency as only what its recorded inputs give: a lesion
// routine as recorded but urgent or an emergency at worst says so wherever the packet names it.
let study: PhantomReferralStudy;
beforeAll(async () => {
  study = await phantomReferralStudy();
});
afterAll(() => study?.close());

const source = () => loadStudyExportSource(coreInternals(study.core).db, study.truth.studyInstanceUid, { appVersion: '0.1.0', now: new Date('2026-03-02T10:00:00Z') });

describe('the referral packet and a lesion whose urgency depends on missing inputs', () => {
  it('carries a lesion routine as recorded but worse at worst, and names its worst case where another lesion lists it, with what is missing', () => {
    const scored = source().lesions.find((l) => l.lesion.trackingUid === '2.25.909')!;
    // The precondition: routine as recorded, worse at worst.
    expect(scored.scores.urgency.level).toBe('routine');
    expect(scored.scores.urgency.worstCase).not.toBe('routine');
    const packet = buildReferralPacket(source(), { resolveFile: () => null });
    const text = referralSections(packet).flatMap((s) => s.lines.map((l) => l.text));
    // In the packet (the worklist flags it), last: the worst each could be, then as recorded.
    expect(packet.lesions.map((l) => l.trackingUid).indexOf('2.25.909')).toBe(packet.lesions.length - 1);
    const sameBone = text.filter((t) => t.includes('Tracking UID: 2.25.909') && t.includes(`see lesion ${packet.lesions.length} of this packet`));
    expect(sameBone).toHaveLength(packet.lesions.length - 1);
    for (const line of sameBone) {
      expect(line).toContain(`could be ${scored.scores.urgency.worstCase.replace('-', ' ')}`);
      for (const input of scored.scores.urgency.missingInputs) expect(line).toContain(input);
    }
  });

  it('orders its lesions, in the PDF and the FHIR bundle alike, by the worst each could be, then as recorded', async () => {
    const base = study.lesions[0]!;
    const benign = { studyInstanceUid: base.studyInstanceUid, seriesInstanceUid: base.seriesInstanceUid, reader: 'AB', boneId: 'femur', regionId: 'femur-diaphysis', laterality: 'right', nature: 'blastic', lesionWidthMm: typed(3), boneDiameterMm: typed(30), circumferentialInvolvementPct: typed(5), corticalBreach: false, pathologicalFracture: false, status: 'final' } as const;
    const benignClinical = { mirelsPain: 'mild', lesserTrochanterAvulsion: false, persistentPainAfterRadiotherapy: false } as const;
    // Marked first: 34 mm of axial involvement, every input recorded: urgent, certainly.
    const surelyUrgent = makeLesion({ ...benign, id: 'a0000000-0000-4000-8000-0000000000d1', trackingUid: '2.25.9301', largestDimensionMm: typed(20), axialInvolvementMm: typed(34), clinical: { ...benignClinical, newNeurologicalDeficit: false } });
    // Marked second: a vertebra of SINS 7 (every SINS input recorded) whose ESCC grade is not: surgical opinion, could be an emergency.
    const couldBeEmergency = makeSpineLesion('T5', {
      id: 'a0000000-0000-4000-8000-0000000000d2', trackingUid: '2.25.9302', studyInstanceUid: base.studyInstanceUid, seriesInstanceUid: base.seriesInstanceUid, reader: 'AB', nature: 'lytic', pathologicalFracture: false, status: 'final',
      spine: { alignment: 'normal', collapse: 'none-of-these', posterolateralInvolvement: 'unilateral', esccGrade: null }, clinical: { sinsPain: 'mechanical', newNeurologicalDeficit: false },
    });
    await study.core.handlers['lesions.save']({ lesion: surelyUrgent });
    await study.core.handlers['lesions.save']({ lesion: couldBeEmergency });
    try {
      const range = (uid: string) => source().lesions.find((l) => l.lesion.trackingUid === uid)!.scores.urgency;
      expect(range('2.25.9301')).toMatchObject({ level: 'urgent', worstCase: 'urgent' });
      expect(range('2.25.9302')).toMatchObject({ level: 'surgical-opinion', worstCase: 'emergency' });
      const packet = buildReferralPacket(source(), { resolveFile: () => null });
      const order = packet.lesions.map((l) => l.trackingUid);
      expect(order.indexOf('2.25.9302')).toBeLessThan(order.indexOf('2.25.9301'));
      // The bundle's lesion Observations follow the same order as the PDF's lesions.
      const bundle = buildReferralBundle(source(), { pdf: new Uint8Array(Buffer.from('%PDF-1.7\n')) });
      const tracked = JSON.stringify(bundle).match(/2\.25\.9(?:30[12]|0[0-9])/g) ?? [];
      expect([...new Set(tracked)].filter((uid) => order.includes(uid))).toEqual(order);
    } finally {
      await study.core.handlers['lesions.delete']({ id: surelyUrgent.id });
      await study.core.handlers['lesions.delete']({ id: couldBeEmergency.id });
    }
  });
});
