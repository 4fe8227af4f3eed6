import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coreInternals } from '../../../electron/core/app-core';
import { restoreDatabase } from '../../../electron/core/db/backups';
import { readTeamPublication } from '../../../electron/core/pacs/read-team-publication';
import { dcmdump } from '../export/dicom-tools';
import { phantomFixture, type PhantomFixture } from '../export/dicom-export-fixture';
import { ORTHANC_BINARY, startOrthanc, type OrthancServer } from '../../support/orthanc-server';
import { REPO_ROOT, temporaryFolder } from '../../support/paths';
import { orthancInstanceFile, teamInstancesOn, type StoredTeamInstance } from '../../support/orthanc-team-instances';
import { openWorkstation, type Workstation } from '../../support/team-workstations';

// Version numbers a workstation never publishes twice, and a PACS changed for another: two data
// folders (A, the radiologist AB, publishes; B, the surgeon CD, receives and decides), two real
// Orthanc servers, a real backup and restore, and the command line as a user runs it.
const HAVE_ORTHANC = fs.existsSync(ORTHANC_BINARY);
const run = promisify(execFile);
const ANNA = { initials: 'AB', name: 'Anna Berg', role: 'radiologist' } as const;
const CARL = { initials: 'CD', name: 'Carl Dahl', role: 'surgeon' } as const;

/** The CLI launcher on a data folder; stdout's last line parsed as JSON. */
async function bonemetJson(dataDir: string, ...args: string[]): Promise<unknown> {
  const { stdout } = await run(process.execPath, ['electron/cli/launch.mjs', ...args, '--data-dir', dataDir], { cwd: REPO_ROOT });
  return JSON.parse(stdout.trim().split('\n').pop()!);
}

describe.skipIf(!HAVE_ORTHANC)('version numbers after a restore, and a new PACS (two real Orthanc servers)', () => {
  let first: OrthancServer;
  let second: OrthancServer;
  let fixture: PhantomFixture;
  let a: Workstation;
  let b: Workstation;
  let scratch: string;
  beforeAll(async () => {
    [first, second, fixture] = await Promise.all([startOrthanc(), startOrthanc(), phantomFixture()]);
    scratch = temporaryFolder('team-versions');
    a = await openWorkstation(fixture.dataDir, ANNA, first.dicomWebUrl);
    b = await openWorkstation(path.join(scratch, 'b'), CARL, first.dicomWebUrl);
  }, 120_000);
  afterAll(async () => {
    a?.close();
    b?.close();
    fixture?.cleanup();
    await Promise.all([first?.stop(), second?.stop()]);
    fs.rmSync(scratch, { recursive: true, force: true });
  });
  const lesion = () => fixture.lesions[0]!;
  const change = (note: string) => a.call('lesions.save', { lesion: { ...lesion(), note, updatedAt: new Date().toISOString() } });
  const annasOn = async (orthanc: OrthancServer): Promise<StoredTeamInstance[]> =>
    (await teamInstancesOn(orthanc)).filter((i) => i.seriesDescription.startsWith('BoneMet-team AB')).sort((x, y) => x.instanceNumber - y.instanceNumber);
  /** The lesion note a version on the PACS carries, as any workstation reads it. */
  const noteOn = async (orthanc: OrthancServer, instance: StoredTeamInstance) => {
    const publication = readTeamPublication(await orthancInstanceFile(orthanc, instance.orthancId), instance.sopInstanceUid);
    return publication.kind === 'findings' ? publication.lesions.find((l) => l.id === lesion().id)?.note : undefined;
  };

  it('publishes the first change after restoring an older backup as a version above those on the PACS, and the other workstation applies it', async () => {
    expect(await a.call('pacs.sync', {})).toMatchObject({ published: 1, errors: [] });
    const { file: backupAtV1 } = await a.call('backup.create', {});
    await change('v2: cortex thinner');
    // A second lesion made final after the backup: versions 2 and 3 hold it, the restored database does not.
    const laterLesion = fixture.lesions[1]!;
    await a.call('lesions.save', { lesion: { ...laterLesion, status: 'final', updatedAt: new Date().toISOString() } });
    expect(await a.call('pacs.sync', {})).toMatchObject({ published: 1, errors: [] });
    await change('v3: cortical breach');
    expect(await a.call('pacs.sync', {})).toMatchObject({ published: 1, errors: [] });
    expect(await b.call('pacs.sync', {})).toMatchObject({ received: 1, errors: [] });
    expect((await b.call('worklist.get', {})).rows.map((r) => [r.lesionId, r.origin?.version])).toEqual(expect.arrayContaining([[lesion().id, 3], [laterLesion.id, 3]]));

    a.close();
    fixture.db.close(); // the fixture's own connection: a restore needs the database alone
    restoreDatabase(fixture.dataDir, backupAtV1);
    a = await openWorkstation(fixture.dataDir, ANNA);
    expect((await a.call('lesions.get', { id: lesion().id })).lesion.note).toBe(lesion().note);
    await change('after restore: fracture line');
    // Sending first, as every sync does: the version is numbered from the PACS, not from the restored database.
    expect(await a.call('pacs.sync', {})).toMatchObject({ published: 1, errors: [] });

    const versions = await annasOn(first);
    expect(versions.map((i) => i.instanceNumber)).toEqual([1, 2, 3, 4]);
    expect(await noteOn(first, versions[3]!)).toBe('after restore: fracture line');
    expect(await noteOn(first, versions[1]!)).toBe('v2: cortex thinner');
    // It withdraws the lesion version 3 held and the restored database never had.
    const v4Publication = readTeamPublication(await orthancInstanceFile(first, versions[3]!.orthancId), 'v4');
    expect(v4Publication.kind === 'findings' && v4Publication.withdrawn).toEqual([{ id: laterLesion.id, trackingUid: laterLesion.trackingUid }]);
    // Chained to version 3, which it replaces, not to the restored version 1.
    const v4 = path.join(scratch, 'v4.dcm');
    fs.writeFileSync(v4, await orthancInstanceFile(first, versions[3]!.orthancId));
    const header = dcmdump(v4);
    expect(header.slice(header.indexOf('(0040,a360)'))).toContain(`[${versions[2]!.sopInstanceUid}]`);

    expect(await b.call('pacs.sync', {})).toMatchObject({ received: 1, errors: [] });
    expect((await b.call('lesions.get', { id: lesion().id })).lesion.note).toBe('after restore: fracture line');
    expect((await b.call('worklist.get', {})).rows.map((r) => [r.lesionId, r.origin?.version])).toEqual([[lesion().id, 4]]);
    // And the next change goes on from there.
    await change('after restore, again');
    expect(await a.call('pacs.sync', {})).toMatchObject({ published: 1, errors: [] });
    expect((await annasOn(first)).map((i) => i.instanceNumber)).toEqual([1, 2, 3, 4, 5]);
  });

  it("sends the last version of each of a workstation's documents to a new PACS when the URL changes, and says so in outbox --json", async () => {
    await b.call('reviews.save', { review: { id: 'dec20000-0000-4000-8000-000000000001', lesionId: lesion().id, decision: 'prophylactic-fixation', comment: 'fix first', reviewer: 'CD' } });
    expect(await b.call('pacs.sync', {})).toMatchObject({ published: 1, received: 1, errors: [] });
    const v5 = (await annasOn(first)).at(-1)!;
    a.close();
    b.close();

    // Through the command line: `pacs set --url` to the new PACS, then `outbox --json`.
    await bonemetJson(fixture.dataDir, 'pacs', 'set', '--url', second.dicomWebUrl, '--json');
    const outbox = (await bonemetJson(fixture.dataDir, 'outbox', '--json')) as { waiting: number; items: unknown[] };
    expect(outbox.waiting).toBe(1);
    expect(outbox.items[0]).toMatchObject({ kind: 'findings', reader: 'AB', version: 5, sopInstanceUid: v5.sopInstanceUid, purpose: 'new-pacs', attempts: 0 });
    await bonemetJson(path.join(scratch, 'b'), 'pacs', 'set', '--url', second.dicomWebUrl, '--json');
    expect(await bonemetJson(path.join(scratch, 'b'), 'outbox', '--json')).toMatchObject({ waiting: 1, items: [{ kind: 'review', reader: 'CD', purpose: 'new-pacs' }] });
    // Set again to the same URL: nothing more is queued.
    await bonemetJson(fixture.dataDir, 'pacs', 'set', '--url', second.dicomWebUrl, '--json');
    expect(await bonemetJson(fixture.dataDir, 'outbox', '--json')).toMatchObject({ waiting: 1 });

    a = await openWorkstation(fixture.dataDir, ANNA);
    b = await openWorkstation(path.join(scratch, 'b'), CARL);
    expect(await a.call('pacs.sync', {})).toMatchObject({ published: 1, waiting: 0, errors: [] });
    expect(await b.call('pacs.sync', {})).toMatchObject({ published: 1, waiting: 0, errors: [] });
    // The same instance as on the old PACS: the same SOP Instance UID and version.
    const copied = await annasOn(second);
    expect(copied.map((i) => [i.instanceNumber, i.sopInstanceUid])).toEqual([[5, v5.sopInstanceUid]]);
    expect(await noteOn(second, copied[0]!)).toBe('after restore, again');
    expect((await teamInstancesOn(second)).filter((i) => i.seriesDescription.startsWith('BoneMet-team CD'))).toHaveLength(1);

    // A workstation that only knows the new PACS gets the team's findings and decision from it.
    const late = await openWorkstation(path.join(scratch, 'late'), { initials: 'GH', name: 'Gus Hale', role: 'neurosurgeon' }, second.dicomWebUrl);
    try {
      expect(await late.call('pacs.sync', {})).toMatchObject({ received: 2, errors: [] });
      expect((await late.call('lesions.get', { id: lesion().id })).lesion.note).toBe('after restore, again');
      expect((await late.call('reviews.list', { lesionId: lesion().id }))[0]).toMatchObject({ decision: 'prophylactic-fixation', reviewer: 'CD' });
    } finally {
      late.close();
    }
  });

  it('gives a workstation that moved to the new PACS the changes published there after the move', async () => {
    await change('on the new PACS');
    expect(await a.call('pacs.sync', {})).toMatchObject({ published: 1, errors: [] });
    const onSecond = await annasOn(second);
    expect(onSecond.map((i) => i.instanceNumber)).toEqual([5, 6]);
    // A's own version counts as looked at: A's next sync need not list the series for it.
    const seriesUid = readTeamPublication(await orthancInstanceFile(second, onSecond[1]!.orthancId), 'v6').seriesInstanceUid;
    const looked = coreInternals(a.core).db.prepare('SELECT instances FROM pacs_series_looked WHERE url = ? AND series_uid = ?').pluck().get(second.dicomWebUrl, seriesUid);
    expect(looked).toBe(2);
    // B saw six versions of this series on the old PACS; the new one holds two: what B saw there says nothing of it.
    expect(await b.call('pacs.sync', {})).toMatchObject({ received: 1, errors: [] });
    expect((await b.call('lesions.get', { id: lesion().id })).lesion.note).toBe('on the new PACS');
    expect((await b.call('worklist.get', {})).rows[0]).toMatchObject({ origin: { version: 6 } });
  });
});
