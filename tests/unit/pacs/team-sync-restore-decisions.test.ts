import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coreInternals } from '../../../electron/core/app-core';
import { restoreDatabase } from '../../../electron/core/db/backups';
import { phantomFixture, type PhantomFixture } from '../export/dicom-export-fixture';
import { ORTHANC_BINARY, startOrthanc, type OrthancServer } from '../../support/orthanc-server';
import { temporaryFolder } from '../../support/paths';
import { teamInstancesOn } from '../../support/orthanc-team-instances';
import { closeTeamTest, openTeamOnPacs, openWorkstation, SURGEON_CD as CARL, type Workstation } from '../../support/team-workstations';

// A reviewing workstation restored from an older backup: the decisions its surgeon recorded after
// the backup are on the PACS (and on every other workstation), not in its database. A sync takes
// them back, as the surgeon's own; one a newer decision here would be put above is left out.
// A real Orthanc, two data folders (A, the radiologist AB, publishes; B, the surgeon CD, decides).
const HAVE_ORTHANC = fs.existsSync(ORTHANC_BINARY);
const decisionId = (n: number) => `dec30000-0000-4000-8000-00000000000${n}`;

describe.skipIf(!HAVE_ORTHANC)("a reviewing workstation's decisions after a restore (real Orthanc)", () => {
  let orthanc: OrthancServer;
  let fixture: PhantomFixture;
  let a: Workstation;
  let b: Workstation;
  let scratch: string;
  beforeAll(async () => {
    [orthanc, fixture] = await Promise.all([startOrthanc(), phantomFixture()]);
    scratch = temporaryFolder('restore-decisions');
    [a, b] = await openTeamOnPacs(fixture.dataDir, scratch, orthanc.dicomWebUrl);
  }, 120_000);
  afterAll(() => closeTeamTest({ workstations: [a, b], fixture, orthanc, scratch }));
  const lesionId = () => fixture.lesions[0]!.id;
  const decide = (n: number, decision: 'prophylactic-fixation' | 'radiotherapy' | 'observe', comment: string) =>
    b.call('reviews.save', { review: { id: decisionId(n), lesionId: lesionId(), decision, comment, reviewer: 'CD' } });
  /** Closes B, puts back its backup and opens it again. */
  const restoreB = async (backup: string) => {
    b.close();
    restoreDatabase(b.dataDir, backup);
    b = await openWorkstation(b.dataDir, CARL);
  };
  const decisionsOnB = async () => (await b.call('reviews.list', { lesionId: lesionId() })).map((r) => [r.id, r.comment]);

  it('takes back a decision recorded after the backup as the surgeon own, and never queues it again', async () => {
    expect(await a.call('pacs.sync', {})).toMatchObject({ published: 1, errors: [] });
    expect(await b.call('pacs.sync', {})).toMatchObject({ received: 1, errors: [] });
    const { file: backup } = await b.call('backup.create', {});
    await decide(1, 'prophylactic-fixation', 'fix before radiotherapy');
    expect(await b.call('pacs.sync', {})).toMatchObject({ published: 1, errors: [] });

    await restoreB(backup);
    expect(await decisionsOnB()).toEqual([]);
    expect(await b.call('pacs.sync', {})).toMatchObject({ published: 0, takenBack: 1, waiting: 0, errors: [] });
    expect((await b.call('pacs.outbox', {})).takenBack).toMatchObject({ records: 1 });
    expect(await decisionsOnB()).toEqual([[decisionId(1), 'fix before radiotherapy']]);
    // Recorded here, by CD: not a received, read-only copy.
    expect(coreInternals(b.core).db.prepare('SELECT reviewer, origin FROM reviews WHERE id = ?').get(decisionId(1))).toEqual({ reviewer: 'CD', origin: null });
    // Setting the PACS again queues nothing: it is known as published.
    await b.call('pacs.set', { url: orthanc.dicomWebUrl, syncIntervalSeconds: 5 });
    expect((await b.call('pacs.outbox', {})).waiting).toBe(0);
    // The next decision goes out as the series' second instance, one document each.
    await decide(2, 'radiotherapy', 'after fixation');
    expect(await b.call('pacs.sync', {})).toMatchObject({ published: 1, errors: [] });
    const carls = (await teamInstancesOn(orthanc)).filter((i) => i.seriesDescription.startsWith('BoneMet-team CD'));
    expect(carls.map((i) => i.instanceNumber).sort()).toEqual([1, 2]);
  });

  it('takes back a decision on a lesion the restored database lacks too, received in the same sync', async () => {
    const { file: backup } = await b.call('backup.create', {});
    // After B's backup: A makes a second lesion final, B receives it and decides on it.
    const later = fixture.lesions[1]!;
    await a.call('lesions.save', { lesion: { ...later, status: 'final', updatedAt: new Date().toISOString() } });
    expect(await a.call('pacs.sync', {})).toMatchObject({ published: 1, errors: [] });
    expect(await b.call('pacs.sync', {})).toMatchObject({ received: 1, errors: [] });
    await b.call('reviews.save', { review: { id: decisionId(5), lesionId: later.id, decision: 'radiotherapy', comment: 'on the later lesion', reviewer: 'CD' } });
    expect(await b.call('pacs.sync', {})).toMatchObject({ published: 1, errors: [] });

    await restoreB(backup);
    // Both series changed since the backup, listed in whatever order the PACS gives: the lesion comes back, then the decision on it.
    expect(await b.call('pacs.sync', {})).toMatchObject({ received: 1, takenBack: 1, errors: [] });
    expect((await b.call('reviews.list', { lesionId: later.id })).map((r) => [r.id, r.reviewer])).toEqual([[decisionId(5), 'CD']]);
  });

  it('leaves out a decision that a newer one recorded here since the restore would fall below', async () => {
    const { file: backup } = await b.call('backup.create', {});
    await decide(3, 'observe', 'after the backup');
    expect(await b.call('pacs.sync', {})).toMatchObject({ published: 1, errors: [] });

    await restoreB(backup);
    await new Promise((resolve) => setTimeout(resolve, 5)); // the new decision is dated after the one on the PACS
    await decide(4, 'radiotherapy', 'after the restore');
    const synced = await b.call('pacs.sync', {});
    expect(synced).toMatchObject({ published: 1, errors: [] });
    expect(synced.takenBack).toBeUndefined();
    // The newest decision is still the one recorded last here; the one from before the restore stays on the PACS and with the team.
    expect((await decisionsOnB())[0]).toEqual([decisionId(4), 'after the restore']);
    expect((await decisionsOnB()).map(([id]) => id)).not.toContain(decisionId(3));
    expect(await a.call('pacs.sync', {})).toMatchObject({ errors: [] });
    expect((await a.call('reviews.list', { lesionId: lesionId() })).map((r) => r.id)).toEqual(expect.arrayContaining([decisionId(3), decisionId(4)]));
  });
});
