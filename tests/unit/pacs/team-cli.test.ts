import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bonemet, lastJson as json } from '../../support/cli-launcher';
import { makeLesion, typed } from '../../support/lesion-fixtures';
import { freePort, ORTHANC_BINARY, startOrthanc, type OrthancServer } from '../../support/orthanc-server';
import { temporaryFolder } from '../../support/paths';
import { knowStudyHeader } from '../../support/team-workstations';

// The team's commands as a user runs them: the CLI launcher, two data folders, a real Orthanc.
const HAVE_ORTHANC = fs.existsSync(ORTHANC_BINARY);
const STUDY = '1.2.826.0.1.3680043.10.18';


describe.skipIf(!HAVE_ORTHANC)('sync, outbox, review add and worklist from the command line', () => {
  let orthanc: OrthancServer;
  let dir: string;
  let a: string;
  let b: string;
  const lesionFile = () => path.join(dir, 'lesion.json');
  const lesion = makeLesion({ id: '0f0f0000-0000-4000-8000-000000000001', trackingUid: '2.25.18181', studyInstanceUid: STUDY, nature: 'lytic', axialInvolvementMm: typed(45), circumferentialInvolvementPct: typed(60), status: 'final' });
  beforeAll(async () => {
    orthanc = await startOrthanc();
    dir = temporaryFolder('team-cli');
    [a, b] = [path.join(dir, 'a'), path.join(dir, 'b')];
    fs.writeFileSync(lesionFile(), JSON.stringify(lesion));
  });
  afterAll(async () => {
    await orthanc?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('outbox says what waits and why, sync --json reports the failure and exits 1 while the PACS is away', async () => {
    await bonemet(a, 'reader', 'set', 'AB', 'Anna', 'Berg');
    expect((await bonemet(a, 'pacs', 'set', `http://127.0.0.1:${await freePort()}/dicom-web`, '--sync-interval', '5')).stdout).toMatch(/synced every 5 s/);
    // A workstation that has received a publication of the study knows its patient; here the header is seeded.
    const { openDatabase } = await import('../../../electron/core/db/open-database');
    const db = openDatabase(a);
    knowStudyHeader(db, STUDY, { name: 'DOE^JOHN', id: 'P-18' });
    db.close();
    await bonemet(a, 'lesions', 'add', '--study', STUDY, '--in', lesionFile());
    const failed = await bonemet(a, 'sync', '--json');
    expect(failed.code).toBe(1);
    expect(json(failed)).toMatchObject({ published: 0, received: 0, waiting: 1, errors: [{ record: expect.stringContaining('findings of AB'), message: expect.stringContaining('connection refused') }] });
    expect(failed.stderr).toMatch(/1 failure\(s\) in this sync/);
    const outbox = await bonemet(a, 'outbox');
    expect(outbox.stdout).toMatch(/^1 waiting to be sent: PACS unreachable\./);
    expect(json(await bonemet(a, 'outbox', '--json'))).toMatchObject({ waiting: 1, reason: { kind: 'unreachable' }, items: [{ kind: 'findings', reader: 'AB', version: 1, attempts: 1 }] });
  });

  it("sends once the PACS is there; B's worklist --json names the lesion's reader and that it came from another workstation; review add goes back", async () => {
    await bonemet(a, 'pacs', 'set', orthanc.dicomWebUrl);
    expect(json(await bonemet(a, 'sync', '--json'))).toEqual({ published: 1, received: 0, waiting: 0, errors: [] });

    await bonemet(b, 'reader', 'set', 'CD', 'Carl', 'Dahl', '--role', 'surgeon');
    await bonemet(b, 'pacs', 'set', orthanc.dicomWebUrl);
    expect(json(await bonemet(b, 'sync', '--json'))).toEqual({ published: 0, received: 1, waiting: 0, errors: [] });
    const [row] = json(await bonemet(b, 'worklist', '--json')).rows;
    expect(row).toMatchObject({ lesionId: lesion.id, reader: 'AB', readerName: 'Anna Berg', fromOtherWorkstation: true, patientName: 'DOE^JOHN' });
    expect((await bonemet(b, 'worklist')).stdout).toContain(`AB from ${row.origin.workstation}`);

    const refused = await bonemet(b, 'review', 'add', lesion.id, '--decision', 'surgery');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/--decision surgery is not a decision: prophylactic-fixation/);
    const added = json(await bonemet(b, 'review', 'add', lesion.id, '--decision', 'radiotherapy', '--comment', 'RT 8 Gy', '--json'));
    expect(added).toMatchObject({ lesionId: lesion.id, decision: 'radiotherapy', comment: 'RT 8 Gy', reviewer: 'CD', reviewerRole: 'surgeon' });
    expect(json(await bonemet(b, 'sync', '--json'))).toMatchObject({ published: 1, errors: [] });
    expect(json(await bonemet(a, 'sync', '--json'))).toMatchObject({ received: 1, errors: [] });
    expect(json(await bonemet(a, 'worklist', '--json')).rows[0]).toMatchObject({ fromOtherWorkstation: false, readerName: 'Anna Berg', latestReview: { decision: 'radiotherapy', reviewer: 'CD' } });
  });
});
