import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildReferralPacket } from '../../../electron/core/export/referral/build-referral-packet';
import { referralSections } from '../../../electron/core/export/referral/referral-sections';
import { loadStudyExportSource } from '../../../electron/core/export/study-export-source';
import { coreInternals } from '../../../electron/core/app-core';
import { phantomReferralStudy, type PhantomReferralStudy } from './referral-phantom-study';

// The referral never states another lesion's urgency as only what its recorded inputs give: a lesion
// routine as recorded but urgent or an emergency at worst says so wherever the packet names it.
let study: PhantomReferralStudy;
beforeAll(async () => {
  study = await phantomReferralStudy();
});
afterAll(() => study?.close());

const source = () => loadStudyExportSource(coreInternals(study.core).db, study.truth.studyInstanceUid, { appVersion: '0.1.0', now: new Date('2026-03-02T10:00:00Z') });

describe('the referral packet and a lesion whose urgency depends on missing inputs', () => {
  it('names the worst case of a same-bone lesion outside the packet, with what is missing, not only its recorded level', () => {
    const scored = source().lesions.find((l) => l.lesion.trackingUid === '2.25.909')!;
    // The precondition: routine as recorded, worse at worst.
    expect(scored.scores.urgency.level).toBe('routine');
    expect(scored.scores.urgency.worstCase).not.toBe('routine');
    const packet = buildReferralPacket(source(), { resolveFile: () => null });
    const text = referralSections(packet).flatMap((s) => s.lines.map((l) => l.text));
    const sameBone = text.filter((t) => t.includes('Tracking UID: 2.25.909') && t.includes('not in this packet'));
    expect(sameBone).toHaveLength(packet.lesions.length);
    for (const line of sameBone) {
      expect(line).toContain(`could be ${scored.scores.urgency.worstCase.replace('-', ' ')}`);
      for (const input of scored.scores.urgency.missingInputs) expect(line).toContain(input);
    }
  });
});
