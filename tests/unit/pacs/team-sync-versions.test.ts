import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
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
import { openWorkstation, RADIOLOGIST_AB as ANNA, SURGEON_CD as CARL, type Workstation } from '../../support/team-workstations';

// Version numbers a workstation never publishes twice, and a PACS changed for another: two data
// folders (A, the radiologist AB, publishes; B, the surgeon CD, receives and decides), two real
// Orthanc servers, a real backup and restore, and the command line as a user runs it.
const HAVE_ORTHANC = fs.existsSync(ORTHANC_BINARY);
const run = promisify(execFile);

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

  it('takes back from the PACS what was recorded after the backup, then publishes above the PACS withdrawing nothing, and B keeps the urgent lesion', async () => {
    expect(await a.call('pacs.sync', {})).toMatchObject({ published: 1, errors: [] });
    const { file: backupAtV1 } = await a.call('backup.create', {});
    await change('v2: cortex thinner');
    // A second lesion made final and urgent (a pathological fracture) after the backup, with a drawing made then:
    // versions 2 and 3 hold them, the restored database does not.
    const laterLesion = fixture.lesions[1]!;
    const now = new Date().toISOString();
    const laterDrawing = { ...fixture.annotations[5]!, id: randomUUID(), lesionId: null, points: [[10, 20, 30], [14, 20, 30]] as [number, number, number][], createdAt: now, updatedAt: now };
    await a.call('annotations.save', { annotation: laterDrawing });
    const finalLater = { ...laterLesion, status: 'final' as const, pathologicalFracture: true, attachedAnnotationIds: [...laterLesion.attachedAnnotationIds, laterDrawing.id], updatedAt: now };
    await a.call('lesions.save', { lesion: finalLater });
    expect(await a.call('pacs.sync', {})).toMatchObject({ published: 1, errors: [] });
    await change('v3: cortical breach');
    expect(await a.call('pacs.sync', {})).toMatchObject({ published: 1, errors: [] });
    expect(await b.call('pacs.sync', {})).toMatchObject({ received: 1, errors: [] });
    const rowsOnB = (await b.call('worklist.get', {})).rows;
    expect(rowsOnB.map((r) => [r.lesionId, r.origin?.version])).toEqual(expect.arrayContaining([[lesion().id, 3], [laterLesion.id, 3]]));
    expect(rowsOnB.find((r) => r.lesionId === laterLesion.id)!.urgency.level).toBe('urgent');

    a.close();
    fixture.db.close(); // the fixture's own connection: a restore needs the database alone
    restoreDatabase(fixture.dataDir, backupAtV1);
    a = await openWorkstation(fixture.dataDir, ANNA);
    expect((await a.call('lesions.get', { id: lesion().id })).lesion.note).toBe(lesion().note);
    expect((await a.call('lesions.get', { id: laterLesion.id })).lesion.status).toBe('draft');
    await change('after restore: fracture line');
    // Sending first, as every sync does: the lesion and the drawing recorded after the backup come back, then the version is numbered from the PACS.
    expect(await a.call('pacs.sync', {})).toMatchObject({ published: 1, takenBack: 2, waiting: 0, errors: [] });
    // The outbox tells it too, whichever pass did it (the running app syncs on a timer).
    expect((await a.call('pacs.outbox', {})).takenBack).toMatchObject({ records: 2 });

    // A's database has them again: the same lesion (id, reader, final, urgent) with its new drawing, editable by its reader.
    const backOnA = await a.call('lesions.get', { id: laterLesion.id });
    expect(backOnA.lesion).toMatchObject({ id: laterLesion.id, trackingUid: laterLesion.trackingUid, reader: 'AB', status: 'final', attachedAnnotationIds: finalLater.attachedAnnotationIds });
    expect(backOnA.scores.urgency.level).toBe('urgent');
    const drawingsOnA = await a.call('annotations.list', { studyInstanceUid: laterLesion.studyInstanceUid });
    expect(drawingsOnA.find((d) => d.id === laterDrawing.id)).toMatchObject({ lesionId: laterLesion.id, reader: 'AB', points: laterDrawing.points });
    // The first lesion keeps the change made here after the restore, newer than the PACS's copy.
    expect((await a.call('lesions.get', { id: lesion().id })).lesion.note).toBe('after restore: fracture line');

    const versions = await annasOn(first);
    expect(versions.map((i) => i.instanceNumber)).toEqual([1, 2, 3, 4]);
    expect(await noteOn(first, versions[3]!)).toBe('after restore: fracture line');
    expect(await noteOn(first, versions[1]!)).toBe('v2: cortex thinner');
    // Version 4 holds both lesions and the later drawing, and withdraws nothing.
    const v4Publication = readTeamPublication(await orthancInstanceFile(first, versions[3]!.orthancId), 'v4');
    if (v4Publication.kind !== 'findings') throw new Error('version 4 is not findings');
    expect(v4Publication.lesions.map((l) => l.id).sort()).toEqual([lesion().id, laterLesion.id].sort());
    expect(v4Publication.annotations.map((d) => d.id)).toContain(laterDrawing.id);
    expect(v4Publication.withdrawn).toEqual([]);
    // Chained to version 3, which it replaces, not to the restored version 1.
    const v4 = path.join(scratch, 'v4.dcm');
    fs.writeFileSync(v4, await orthancInstanceFile(first, versions[3]!.orthancId));
    const header = dcmdump(v4);
    expect(header.slice(header.indexOf('(0040,a360)'))).toContain(`[${versions[2]!.sopInstanceUid}]`);

    expect(await b.call('pacs.sync', {})).toMatchObject({ received: 1, errors: [] });
    expect((await b.call('lesions.get', { id: lesion().id })).lesion.note).toBe('after restore: fracture line');
    // The surgeon still has the lesion on the worklist, as urgent as before the restore.
    const afterRestoreOnB = (await b.call('worklist.get', {})).rows;
    expect(afterRestoreOnB.map((r) => [r.lesionId, r.origin?.version])).toEqual(expect.arrayContaining([[lesion().id, 4], [laterLesion.id, 4]]));
    expect(afterRestoreOnB).toHaveLength(2);
    expect(afterRestoreOnB.find((r) => r.lesionId === laterLesion.id)!.urgency.level).toBe('urgent');

    // A deletion made here after the restore is a real one: the next version withdraws the lesion.
    await a.call('lesions.delete', { id: laterLesion.id });
    await change('after restore, again');
    expect(await a.call('pacs.sync', {})).toMatchObject({ published: 1, errors: [] });
    const afterDeletion = await annasOn(first);
    expect(afterDeletion.map((i) => i.instanceNumber)).toEqual([1, 2, 3, 4, 5]);
    const v5Publication = readTeamPublication(await orthancInstanceFile(first, afterDeletion[4]!.orthancId), 'v5');
    expect(v5Publication.kind === 'findings' && v5Publication.withdrawn).toEqual([{ id: laterLesion.id, trackingUid: laterLesion.trackingUid }]);
    expect(await b.call('pacs.sync', {})).toMatchObject({ received: 1, errors: [] });
    expect((await b.call('worklist.get', {})).rows.map((r) => [r.lesionId, r.origin?.version])).toEqual([[lesion().id, 5]]);
  });

  it("sends the last version of each of a workstation's documents to a new PACS when the URL changes, and says so in outbox --json", async () => {
    await b.call('reviews.save', { review: { id: 'dec20000-0000-4000-8000-000000000001', lesionId: lesion().id, decision: 'prophylactic-fixation', comment: 'fix first', reviewer: 'CD' } });
    // B received version 5 in the test before: only its decision moves.
    expect(await b.call('pacs.sync', {})).toMatchObject({ published: 1, received: 0, errors: [] });
    const v5 = (await annasOn(first)).at(-1)!;
    a.close();
    b.close();

    // Through the command line: `pacs set --url` to the new PACS, then `outbox --json`.
    await bonemetJson(fixture.dataDir, 'pacs', 'set', '--url', second.dicomWebUrl, '--json');
    const outbox = (await bonemetJson(fixture.dataDir, 'outbox', '--json')) as { waiting: number; items: unknown[]; takenBack: unknown };
    expect(outbox.waiting).toBe(1);
    // What the sync after the restore took back is still told.
    expect(outbox.takenBack).toMatchObject({ records: 2 });
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
