import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scoreLesion } from '@shared/scoring/score-lesion';
import { listLesions } from '../../../electron/core/lesions/lesion-store';
import type { PhantomFixture } from './dicom-export-fixture';
import { srOfPhantom } from '../../support/sr-of-phantom';
import { dciodvfy, dsrdump } from './dicom-tools';

// The SR is the door a PACS reader uses: it must carry the urgency as the worklist, the referral
// and FHIR do (the worst case while inputs are missing, and the reasons that raise it), not only
// the level the recorded inputs establish.

let fixture: PhantomFixture;
let dump: string;
let file: string;
beforeAll(async () => {
  ({ fixture, report: file } = await srOfPhantom());
  const result = dsrdump(file);
  expect(result.code, result.stderr).toBe(0);
  dump = result.stdout;
});
afterAll(() => fixture.cleanup());

/** The dsrdump lines of one lesion's measurement group (from its tracking UID to the next group). */
function groupOf(trackingUid: string): string {
  const start = dump.indexOf(`"${trackingUid}"`);
  expect(start).toBeGreaterThan(-1);
  const next = dump.indexOf('(112039,DCM,"Tracking Identifier")', start + 1);
  return dump.slice(start, next === -1 ? undefined : next);
}

describe('the SR carries each lesion\'s urgency as every other door does', () => {
  it('a lesion routine on its recorded inputs but possibly an emergency says its worst case, what could raise it and what is missing', () => {
    const lesion = listLesions(fixture.db).find((l) => l.nature === null)!;
    const urgency = scoreLesion(lesion).urgency;
    // The fixture's right femoral lesion: nothing met, a Mirels range and Harrington undecided, the neurology not recorded.
    expect([urgency.level, urgency.worstCase]).toEqual(['routine', 'emergency']);
    expect(urgency.missingInputs).toContain('new neurological deficit');
    const group = groupOf(lesion.trackingUid);
    expect(group).toContain('(BM-URGENCY,99BONEMET,"Referral urgency")=(BM-URGENCY:routine,99BONEMET,"routine")');
    expect(group).toContain('(BM-URGENCY-WORST,99BONEMET,"Referral urgency if missing inputs are worst")=(BM-URGENCY:emergency,99BONEMET,"emergency")');
    for (const reason of urgency.worstCaseReasons) expect(group).toContain(`(BM-URGENCY-IF,99BONEMET,"Urgency a missing input could raise")="${reason}"`);
    for (const input of urgency.missingInputs) expect(group).toContain(`(BM-URGENCY-MISSING,99BONEMET,"Input deciding the urgency")="${input}"`);
  });

  it('a lesion urgent on its recorded inputs gives the reasons a surgeon checks against the image', () => {
    const lesion = listLesions(fixture.db).find((l) => l.nature === 'lytic')!;
    const urgency = scoreLesion(lesion).urgency;
    expect(urgency.level).toBe('urgent');
    const group = groupOf(lesion.trackingUid);
    expect(urgency.reasons.length).toBeGreaterThan(0);
    for (const reason of urgency.reasons) expect(group).toContain(`(BM-URGENCY-WHY,99BONEMET,"Reason for the referral urgency")="${reason}"`);
    expect(group).toContain(`(BM-URGENCY-WORST,99BONEMET,"Referral urgency if missing inputs are worst")=(BM-URGENCY:${urgency.worstCase},99BONEMET,"${urgency.worstCase}")`);
  });

  it('stays a valid Comprehensive 3D SR', () => {
    expect(dciodvfy(file).errors).toEqual([]);
  });
});
