import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coreInternals } from '../../../electron/core/app-core';
import { makeLesion, typed } from '../../support/lesion-fixtures';
import { ORTHANC_BINARY, startOrthanc, type OrthancServer } from '../../support/orthanc-server';
import { temporaryFolder } from '../../support/paths';
import { knowStudyHeader, openWorkstation, RADIOLOGIST_AB, SURGEON_CD, type Workstation } from '../../support/team-workstations';

// The radiologist takes a final lesion back to draft to correct it (the team sees it withdrawn),
// then marks it final again. The surgeon had decided on it: their decision is their own record,
// and must be there when the lesion comes back, not lost with the withdrawn copy.
const HAVE_ORTHANC = fs.existsSync(ORTHANC_BINARY);
const STUDY = '1.2.826.0.1.3680043.10.23';

describe.skipIf(!HAVE_ORTHANC)("a surgeon's decision on a lesion withdrawn and published again (real Orthanc)", () => {
  let orthanc: OrthancServer;
  let a: Workstation;
  let b: Workstation;
  let dir: string;
  beforeAll(async () => {
    orthanc = await startOrthanc();
    dir = temporaryFolder('decision-withdrawn');
    a = await openWorkstation(path.join(dir, 'a'), RADIOLOGIST_AB, orthanc.dicomWebUrl);
    b = await openWorkstation(path.join(dir, 'b'), SURGEON_CD, orthanc.dicomWebUrl);
    knowStudyHeader(coreInternals(a.core).db, STUDY, { name: 'DOE^JOHN', id: 'P-23' });
  }, 60_000);
  afterAll(async () => {
    a?.close();
    b?.close();
    await orthanc?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('is kept at B while the lesion is withdrawn, and shown again on the lesion when it is final again', async () => {
    const lesion = makeLesion({ id: '0c0c2300-0000-4000-8000-000000000001', trackingUid: '2.25.2301', studyInstanceUid: STUDY, nature: 'lytic', axialInvolvementMm: typed(45), circumferentialInvolvementPct: typed(60), status: 'final', reader: 'AB' });
    await a.call('lesions.save', { lesion });
    expect(await a.call('pacs.sync', {})).toMatchObject({ published: 1, errors: [] });
    expect(await b.call('pacs.sync', {})).toMatchObject({ received: 1, errors: [] });
    const decision = { id: 'dec23000-0000-4000-8000-000000000001', lesionId: lesion.id, decision: 'prophylactic-fixation' as const, comment: 'fix first', reviewer: 'CD' };
    await b.call('reviews.save', { review: decision });
    expect(await b.call('pacs.sync', {})).toMatchObject({ published: 1, errors: [] });

    // Back to draft: withdrawn from the team; B removes the lesion.
    await a.call('lesions.save', { lesion: { ...lesion, status: 'draft' } });
    expect(await a.call('pacs.sync', {})).toMatchObject({ published: 1, received: 1, errors: [] });
    await b.call('pacs.sync', {});
    expect((await b.call('worklist.get', {})).rows).toEqual([]);

    // Final again: B has the lesion back, with its own decision on it.
    await a.call('lesions.save', { lesion });
    expect(await a.call('pacs.sync', {})).toMatchObject({ published: 1, errors: [] });
    expect(await b.call('pacs.sync', {})).toMatchObject({ errors: [] });
    const [row] = (await b.call('worklist.get', {})).rows;
    expect(row).toMatchObject({ lesionId: lesion.id, latestReview: { decision: 'prophylactic-fixation', reviewer: 'CD' } });
    expect((await b.call('reviews.list', { lesionId: lesion.id })).map((r) => r.id)).toEqual([decision.id]);
  });
});
