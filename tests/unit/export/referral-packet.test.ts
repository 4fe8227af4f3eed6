import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildReferralPacket } from '../../../electron/core/export/referral/build-referral-packet';
import { importedFileResolver } from '../../../electron/core/index/instance-queries';
import { keyImageCaption, referralSections } from '../../../electron/core/export/referral/referral-sections';
import { loadStudyExportSource } from '../../../electron/core/export/study-export-source';
import { phantomReferralStudy, type PhantomReferralStudy } from './referral-phantom-study';
import { makeSpineLesion } from '../../support/lesion-fixtures';
import { coreInternals } from '../../../electron/core/app-core';

let study: PhantomReferralStudy;
beforeAll(async () => {
  study = await phantomReferralStudy();
});
afterAll(() => study?.close());

const source = () => loadStudyExportSource(coreInternals(study.core).db, study.truth.studyInstanceUid, { appVersion: '0.1.0', now: new Date('2026-03-02T10:00:00Z') });

describe('the referral packet of the phantom study', () => {
  it('carries the flagged lesions, most urgent first, with the count of all bone lesions', () => {
    const packet = buildReferralPacket(source(), { resolveFile: importedFileResolver(coreInternals(study.core).db) });
    // The distal lesion is routine as recorded but could be urgent: the worklist flags it, and so does the packet.
    expect(packet.lesions.map((l) => [l.urgency.level, l.urgency.worstCase])).toEqual([['urgent', 'urgent'], ['urgent', 'urgent'], ['routine', 'urgent']]);
    expect(packet.lesions[2]!.trackingUid).toBe('2.25.909');
    expect(packet.totalBoneLesions).toBe(3);
    expect(packet.referringReader).toMatchObject({ initials: 'AB', name: 'Anna Berg' });
    expect(packet.patient?.id).toBe(study.truth.patient.id);
    const [l1] = packet.lesions;
    expect(l1!.trackingUid).toBe(study.lesions[0]!.trackingUid);
    expect(l1!.sameBoneLesions.map((o) => o.trackingUid).sort()).toEqual([study.lesions[1]!.trackingUid, study.lesions[2]!.trackingUid].sort());
    expect(l1!.measurements.find((m) => m.label === 'Circumferential involvement')?.provenance).toBe(`annotation ${study.annotations[0]!.id}`);
    expect(l1!.scores.map((s) => s.score)).toEqual(['mirels', 'harrington', 'van-der-linden']);
    expect(l1!.notApplicable.map((s) => s.name)).toHaveLength(2);
  });

  it('renders one key image per annotated image, with the identifiers burned in for clinical use only', () => {
    const clinical = buildReferralPacket(source(), { resolveFile: importedFileResolver(coreInternals(study.core).db) });
    const [distal, ...annotated] = [...clinical.lesions].reverse();
    // The distal lesion has no drawing: no key image, and the page says so.
    expect(distal!.keyImages).toEqual([]);
    for (const lesion of annotated) {
      expect(lesion.keyImages).toHaveLength(1);
      expect(lesion.keyImages[0]!.annotationCount).toBe(2);
      expect(lesion.keyImages[0]!.notRenderedReason).toBeNull();
      expect(Buffer.from(lesion.keyImages[0]!.png!.subarray(1, 4)).toString()).toBe('PNG');
    }
    const anonymous = buildReferralPacket(source(), { resolveFile: importedFileResolver(coreInternals(study.core).db), purpose: 'non-clinical' });
    expect(anonymous.patient).toBeNull();
    expect(Buffer.from(anonymous.lesions[0]!.keyImages[0]!.png!).equals(Buffer.from(clinical.lesions[0]!.keyImages[0]!.png!))).toBe(false);
  });

  it('says why a key image is missing instead of leaving it out silently', () => {
    const packet = buildReferralPacket(source(), { resolveFile: () => null });
    expect(packet.lesions[0]!.keyImages[0]!.notRenderedReason).toMatch(/not in the index/);
  });

  it('includes every lesion on request, and refuses without a named reader', () => {
    expect(buildReferralPacket(source(), { resolveFile: () => null, includeAll: true }).lesions).toHaveLength(3);
    expect(() => buildReferralPacket({ ...source(), exportingReader: null }, { resolveFile: () => null })).toThrow(/Name yourself first/);
  });

  it('lays out as text holding every flagged lesion\'s score totals, urgency and reasons', () => {
    const packet = buildReferralPacket(source(), { resolveFile: () => null });
    const sections = referralSections(packet);
    expect(sections).toHaveLength(1 + packet.lesions.length);
    const text = sections.flatMap((s) => s.lines.map((l) => l.text)).join('\n');
    for (const lesion of packet.lesions) {
      expect(text).toContain(`URGENCY: ${lesion.urgency.level.toUpperCase()}`);
      for (const reason of lesion.urgency.reasons) expect(text).toContain(reason);
      for (const score of lesion.scores) expect(text).toMatch(new RegExp(`${score.name.replace(/[()]/g, '\\$&')}: ${score.total ?? ''}`));
      expect(text).toContain(`accession ${packet.study.accessionNumber || '(none)'}    Study Instance UID ${packet.study.studyInstanceUid}    lesion Tracking UID ${lesion.trackingUid}`);
    }
    expect(text).not.toContain('#/lesion/');
    expect(text).toContain('of 3 bone lesion(s)');
    expect(keyImageCaption(packet.lesions[0]!.keyImages[0]!)).toMatch(/^Key image not rendered: .*not in the index/);
  });
});

describe('the referral packet names every recorded input no score reads, and no input a bone does not use', () => {
  it('a spine lesion: no "Mirels pain: not recorded"; a recorded Mirels pain listed as not used, with why', async () => {
    const base = study.lesions[0]!;
    const spine = makeSpineLesion('L2', {
      id: 'a0000000-0000-4000-8000-0000000000c1', trackingUid: '2.25.9191', studyInstanceUid: base.studyInstanceUid, seriesInstanceUid: base.seriesInstanceUid,
      reader: 'AB', nature: 'lytic', spine: { esccGrade: '3' }, clinical: { mirelsPain: 'functional' }, status: 'final',
    });
    await study.core.handlers['lesions.save']({ lesion: spine });
    try {
      const packet = buildReferralPacket(source(), { resolveFile: importedFileResolver(coreInternals(study.core).db) });
      const lesion = packet.lesions.find((l) => l.trackingUid === spine.trackingUid)!;
      expect(lesion.findings.map((f) => f.label)).not.toContain('Mirels pain [clin]');
      expect(lesion.findings.map((f) => f.label)).toContain('SINS pain [clin]');
      expect(lesion.ignoredInputs).toEqual([expect.objectContaining({ input: 'Mirels pain', value: 'functional (aggravated by limb use)', reason: expect.stringContaining('Mirels scores long bones') })]);
      const text = referralSections(packet).flatMap((s) => s.lines.map((l) => l.text)).join('\n');
      expect(text).toContain('Recorded, but no score for this bone uses');
      expect(text).toMatch(/Mirels pain: functional \(aggravated by limb use\) \(Mirels scores long bones/);
      expect(text).not.toMatch(/Mirels pain \[clin\]: not recorded[\s\S]*L2/);
      // A femoral lesion keeps its Mirels pain among the findings.
      expect(packet.lesions.find((l) => l.trackingUid === base.trackingUid)!.findings.map((f) => f.label)).toContain('Mirels pain [clin]');
    } finally {
      await study.core.handlers['lesions.delete']({ id: spine.id });
    }
  });
});
