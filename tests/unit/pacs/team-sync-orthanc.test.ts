import { coreInternals } from '../../../electron/core/app-core';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dciodvfy, dcmdump, dsrdump } from '../export/dicom-tools';
import { phantomFixture, type PhantomFixture } from '../export/dicom-export-fixture';
import { ORTHANC_BINARY, startOrthanc, type OrthancServer } from '../../support/orthanc-server';
import { temporaryFolder } from '../../support/paths';
import { orthancInstanceFile, teamInstancesOn } from '../../support/orthanc-team-instances';
import { closeTeamTest, openRadiologistAndSurgeon, openWorkstation, type Workstation } from '../../support/team-workstations';

// Two workstations on two data folders and one real Orthanc with its DICOMweb plugin: A (the
// radiologist AB) publishes, B (the surgeon CD) receives and decides, A sees the decision.
const HAVE_ORTHANC = fs.existsSync(ORTHANC_BINARY);

describe.skipIf(!HAVE_ORTHANC)('the team on one PACS (real Orthanc, two data folders)', () => {
  let orthanc: OrthancServer;
  let fixture: PhantomFixture;
  let a: Workstation;
  let b: Workstation;
  let scratch: string;
  beforeAll(async () => {
    [orthanc, fixture] = await Promise.all([startOrthanc(), phantomFixture()]);
    scratch = temporaryFolder('team-sync');
    [a, b] = await openRadiologistAndSurgeon(fixture.dataDir, scratch, orthanc.dicomWebUrl);
  }, 120_000);
  afterAll(() => closeTeamTest({ workstations: [a, b], fixture, orthanc, scratch }));
  const study = () => fixture.truth.studyInstanceUid;
  const finalLesion = () => fixture.lesions[0]!;
  const draftLesion = () => fixture.lesions[1]!;

  it('queues the final lesions recorded before the PACS was set, and publishes them as one valid SR naming reader, workstation and version', async () => {
    expect((await a.call('pacs.outbox', {})).waiting).toBe(0);
    await a.call('pacs.set', { url: orthanc.dicomWebUrl, syncIntervalSeconds: 5 });
    const waiting = await a.call('pacs.outbox', {});
    expect(waiting).toMatchObject({ waiting: 1, items: [{ kind: 'findings', reader: 'AB', studyInstanceUid: study(), version: null, attempts: 0 }], syncIntervalSeconds: 5 });

    expect(await a.call('pacs.sync', {})).toEqual({ published: 1, received: 0, waiting: 0, errors: [] });
    const stored = await teamInstancesOn(orthanc);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ seriesDescription: 'BoneMet-team AB Anna Berg', instanceNumber: 1, sopClassUid: '1.2.840.10008.5.1.4.1.1.88.34' });
    const file = path.join(scratch, 'findings-v1.dcm');
    fs.writeFileSync(file, await orthancInstanceFile(orthanc, stored[0]!.orthancId));
    const check = dciodvfy(file);
    expect(check.errors, check.output).toEqual([]);
    const dump = dsrdump(file);
    expect(dump.code, dump.stderr).toBe(0);
    // The reader (initials and full name), the workstation and the version; the final lesion only, never the draft.
    expect(dump.stdout).toContain('"Berg^Anna"');
    expect(dump.stdout).toMatch(/Person Observer's Login Name.*="AB"/);
    expect(dump.stdout).toMatch(/Document version.*="1"/);
    expect(dump.stdout).toMatch(/Publishing workstation.*="[^"]+"/);
    expect(dump.stdout).toContain(finalLesion().trackingUid);
    expect(dump.stdout).not.toContain(draftLesion().trackingUid);
    // Filed under the study's patient.
    expect(dump.stdout).toContain('QUIXOTE^ALONSO');
  });

  it("gives B the team's lesion read-only, with its drawings, its reader and its patient, though B has none of the study's images", async () => {
    expect(await b.call('pacs.sync', {})).toEqual({ published: 0, received: 1, waiting: 0, errors: [] });
    const list = await b.call('worklist.get', {});
    expect(list.rows).toHaveLength(1);
    expect(list.rows[0]).toMatchObject({
      lesionId: finalLesion().id, reader: 'AB', readerName: 'Anna Berg', fromOtherWorkstation: true, patientName: 'QUIXOTE^ALONSO', patientId: 'MRN-7734-XQZ',
      studyDate: '2023-09-17', origin: { version: 1, readerName: 'Anna Berg' },
    });
    const drawings = await b.call('annotations.list', { studyInstanceUid: study(), allReaders: true });
    expect(drawings.map((d) => d.id).sort()).toEqual(fixture.annotations.filter((x) => x.lesionId === finalLesion().id).map((x) => x.id).sort());
    expect(drawings.every((d) => d.lesionId === finalLesion().id && d.reader === 'AB')).toBe(true);
    expect((await b.call('lesions.get', { id: finalLesion().id })).lesion).toEqual(finalLesion());
    // Nothing new: a second sync receives nothing and retrieves nothing.
    expect(await b.call('pacs.sync', {})).toEqual({ published: 0, received: 0, waiting: 0, errors: [] });
  });

  it("refuses any change to a received lesion at B, even by a reader signed in with its reader's initials", async () => {
    await b.call('reader.set', { initials: 'AB', name: 'Anna Berg', role: 'radiologist' });
    await expect(b.call('lesions.save', { lesion: { ...finalLesion(), note: 'changed at B' } })).rejects.toMatchObject({ code: 'forbidden', message: expect.stringContaining('received from workstation') });
    await expect(b.call('lesions.delete', { id: finalLesion().id })).rejects.toMatchObject({ code: 'forbidden' });
    const drawing = (await b.call('annotations.list', { studyInstanceUid: study(), allReaders: true }))[0]!;
    await expect(b.call('annotations.save', { annotation: { ...drawing, text: 'moved at B' } })).rejects.toMatchObject({ code: 'forbidden' });
    expect((await b.call('lesions.get', { id: finalLesion().id })).lesion.note).toBe(finalLesion().note);
    await b.call('reader.set', { initials: 'CD', name: 'Carl Dahl', role: 'surgeon' });
  });

  it("publishes B's decision as an SR of its own that names the lesion's Tracking UID, and A sees it", async () => {
    await b.call('reviews.save', { review: { id: 'dec10000-0000-4000-8000-000000000001', lesionId: finalLesion().id, decision: 'prophylactic-fixation', comment: 'fix before radiotherapy', reviewer: 'CD' } });
    expect(await b.call('pacs.sync', {})).toEqual({ published: 1, received: 0, waiting: 0, errors: [] });
    const decision = (await teamInstancesOn(orthanc)).find((i) => i.seriesDescription === 'BoneMet-team CD Carl Dahl')!;
    expect(decision).toMatchObject({ instanceNumber: 1, sopClassUid: '1.2.840.10008.5.1.4.1.1.88.33' });
    const file = path.join(scratch, 'decision.dcm');
    fs.writeFileSync(file, await orthancInstanceFile(orthanc, decision.orthancId));
    expect(dciodvfy(file).errors, dciodvfy(file).output).toEqual([]);
    const dump = dsrdump(file);
    expect(dump.code, dump.stderr).toBe(0);
    expect(dump.stdout).toMatch(new RegExp(`Tracking Unique Identifier.*="${finalLesion().trackingUid.replaceAll('.', '\\.')}"`));
    expect(dump.stdout).toContain('Prophylactic fixation');
    // B has none of the study's images: the patient came from A's publication.
    expect(dump.stdout).toContain('QUIXOTE^ALONSO');

    expect(await a.call('pacs.sync', {})).toEqual({ published: 0, received: 1, waiting: 0, errors: [] });
    const [seen] = await a.call('reviews.list', { lesionId: finalLesion().id });
    expect(seen).toMatchObject({ decision: 'prophylactic-fixation', reviewer: 'CD', reviewerRole: 'surgeon', comment: 'fix before radiotherapy' });
    expect((await a.call('worklist.get', {})).rows.find((r) => r.lesionId === finalLesion().id)?.latestReview?.decision).toBe('prophylactic-fixation');
  });

  it('publishes a change as a new version replacing the last, which B applies', async () => {
    const v1 = (await teamInstancesOn(orthanc)).find((i) => i.seriesDescription.startsWith('BoneMet-team AB') && i.instanceNumber === 1);
    await a.call('lesions.save', { lesion: { ...finalLesion(), note: 'second look: cortex thinner', updatedAt: new Date().toISOString() } });
    // Changes before the first attempt join one publication.
    await a.call('lesions.save', { lesion: { ...finalLesion(), note: 'second look: cortex thinner still', updatedAt: new Date().toISOString() } });
    expect((await a.call('pacs.outbox', {})).waiting).toBe(1);
    expect(await a.call('pacs.sync', {})).toMatchObject({ published: 1, errors: [] });
    const v2 = (await teamInstancesOn(orthanc)).find((i) => i.seriesDescription.startsWith('BoneMet-team AB') && i.instanceNumber === 2)!;
    const file = path.join(scratch, 'findings-v2.dcm');
    fs.writeFileSync(file, await orthancInstanceFile(orthanc, v2.orthancId));
    expect(dciodvfy(file).errors).toEqual([]);
    // The version it replaces, in the Predecessor Documents Sequence (0040,A360).
    const header = dcmdump(file);
    expect(header.slice(header.indexOf('(0040,a360)'))).toContain(`[${v1!.sopInstanceUid}]`);
    expect(await b.call('pacs.sync', {})).toMatchObject({ received: 1, errors: [] });
    expect((await b.call('lesions.get', { id: finalLesion().id })).lesion.note).toBe('second look: cortex thinner still');
    expect((await b.call('worklist.get', {})).rows[0]!.origin?.version).toBe(2);
  });

  it('sends a version again under the same SOP Instance UID after a lost answer, and the PACS keeps one copy', async () => {
    const { beginAttempt } = await import('../../../electron/core/pacs/publication-outbox');
    await a.call('lesions.save', { lesion: { ...finalLesion(), note: 'third look', updatedAt: new Date().toISOString() } });
    const [row] = (await a.call('pacs.outbox', {})).items;
    // The first attempt fixes the content and counts itself, then the process "dies" before sending.
    const snapshot = beginAttempt(coreInternals(a.core).db, row!.id)!;
    expect(await a.call('pacs.sync', {})).toMatchObject({ published: 1 });
    expect(snapshot.version).toBe(3);
    const before = await teamInstancesOn(orthanc);
    // The same row sent once more (a resend after a lost answer): still one instance of version 3.
    coreInternals(a.core).db.prepare("INSERT INTO pacs_outbox (kind, study_uid, reader, record_id, enqueued_at, version, sop_instance_uid, snapshot) VALUES ('findings', ?, 'AB', '', ?, ?, ?, ?)").run(
      study(), new Date().toISOString(), snapshot.version, snapshot.sopInstanceUid, JSON.stringify(snapshot),
    );
    expect(await a.call('pacs.sync', {})).toMatchObject({ published: 1, errors: [] });
    const after = await teamInstancesOn(orthanc);
    expect(after).toHaveLength(before.length);
    expect(after.filter((i) => i.sopInstanceUid === snapshot.sopInstanceUid)).toHaveLength(1);
  });

  it("gives a workstation joining late only the newest version of each document, fetching none of the older ones, and then searches nothing until the PACS changes", async () => {
    const late = await openWorkstation(path.join(scratch, 'late'), { initials: 'GH', name: 'Gus Hale', role: 'neurosurgeon' }, orthanc.dicomWebUrl);
    try {
      expect(await late.call('pacs.sync', {})).toEqual({ published: 0, received: 2, waiting: 0, errors: [] });
      const outcomes = coreInternals(late.core).db.prepare('SELECT outcome, COUNT(*) AS n FROM pacs_seen GROUP BY outcome ORDER BY outcome').all();
      // AB's findings: version 3 received, versions 1 and 2 only marked seen; CD's decision received.
      expect(outcomes).toEqual([{ outcome: 'received', n: 2 }, { outcome: 'superseded', n: 2 }]);
      expect((await late.call('lesions.get', { id: finalLesion().id })).lesion.note).toBe('third look');
      const mark = (await (await fetch(`${orthanc.httpUrl}/changes?last`)).json()) as { Last: number };
      expect(JSON.parse(coreInternals(late.core).db.prepare("SELECT value FROM settings WHERE key = 'pacs_change_mark'").pluck().get() as string)).toEqual({ url: orthanc.dicomWebUrl, last: mark.Last });
    } finally {
      late.close();
    }
  });

  it('withdraws a deleted lesion with a new version; B removes it, and its drawings', async () => {
    await a.call('lesions.delete', { id: finalLesion().id });
    expect(await a.call('pacs.sync', {})).toMatchObject({ published: 1, errors: [] });
    const v4 = (await teamInstancesOn(orthanc)).find((i) => i.seriesDescription.startsWith('BoneMet-team AB') && i.instanceNumber === 4)!;
    const file = path.join(scratch, 'findings-v4.dcm');
    fs.writeFileSync(file, await orthancInstanceFile(orthanc, v4.orthancId));
    expect(dciodvfy(file).errors, dciodvfy(file).output).toEqual([]);
    expect(dsrdump(file).stdout).toMatch(/Lesions withdrawn by this version/);
    expect(await b.call('pacs.sync', {})).toMatchObject({ received: 1, errors: [] });
    expect((await b.call('worklist.get', {})).rows).toEqual([]);
    expect(await b.call('annotations.list', { studyInstanceUid: study(), allReaders: true })).toEqual([]);
  });
});
