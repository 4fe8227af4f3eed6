import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readTeamPublication } from '../../../electron/core/pacs/read-team-publication';
import { phantomFixture, type PhantomFixture } from '../export/dicom-export-fixture';
import { forgedFindings, storeOnOrthanc } from '../../support/forged-team-publications';
import { ORTHANC_BINARY, startOrthanc, type OrthancServer } from '../../support/orthanc-server';
import { orthancInstanceFile, teamInstancesOn } from '../../support/orthanc-team-instances';
import { temporaryFolder } from '../../support/paths';
import { closeTeamTest, openTeamOnPacs, RADIOLOGIST_AB as ANNA, type Workstation } from '../../support/team-workstations';

// A version number no workstation of the team can write: the team numbers a document's versions in
// its Instance Number (IS, at most 2^31 - 1). Anyone able to STOW may send one naming a real
// workstation; it must never silence that workstation's later versions.
const HAVE_ORTHANC = fs.existsSync(ORTHANC_BINARY);

describe.skipIf(!HAVE_ORTHANC)('a publication numbered past any version the team writes (real Orthanc)', () => {
  let orthanc: OrthancServer;
  let fixture: PhantomFixture;
  let a: Workstation;
  let b: Workstation;
  let scratch: string;
  beforeAll(async () => {
    [orthanc, fixture] = await Promise.all([startOrthanc(), phantomFixture()]);
    scratch = temporaryFolder('version-bounds');
    [a, b] = await openTeamOnPacs(fixture.dataDir, scratch, orthanc.dicomWebUrl);
  }, 120_000);
  afterAll(() => closeTeamTest({ workstations: [a, b], fixture, orthanc, scratch }));

  it.each([2 ** 53, 2 ** 31])('is left aside as version %d, and the workstation it names still reaches the team with its next change', async (forgedVersion) => {
    const lesion = fixture.lesions[0]!;
    await a.call('lesions.save', { lesion: { ...lesion, note: `before ${forgedVersion}`, updatedAt: new Date().toISOString() } });
    expect(await a.call('pacs.sync', {})).toMatchObject({ errors: [] });
    expect(await b.call('pacs.sync', {})).toMatchObject({ errors: [] });
    expect((await b.call('lesions.get', { id: lesion.id })).lesion.note).toBe(`before ${forgedVersion}`);
    // Anyone reads A's workstation from its publication on the PACS, and sends a version "above" it.
    const mine = (await teamInstancesOn(orthanc)).filter((i) => i.seriesDescription.startsWith('BoneMet-team AB') && i.instanceNumber < 1000).sort((x, y) => y.instanceNumber - x.instanceNumber)[0]!;
    const published = readTeamPublication(await orthancInstanceFile(orthanc, mine.orthancId), mine.sopInstanceUid);
    const forged = { ...lesion, note: 'forged', updatedAt: '2020-01-01T00:00:00.000Z' };
    await storeOnOrthanc(orthanc, forgedFindings({ study: lesion.studyInstanceUid, workstation: published.workstation, reader: ANNA, version: forgedVersion, patient: published.patient }, [forged]));

    const seen = await b.call('pacs.sync', {});
    expect(seen.errors).toEqual([expect.objectContaining({ message: expect.stringContaining('version') })]);
    expect((await b.call('lesions.get', { id: lesion.id })).lesion.note).toBe(`before ${forgedVersion}`);

    // A's next change goes out numbered as the team numbers (within an Instance Number), and B receives it.
    await a.call('lesions.save', { lesion: { ...lesion, note: `after ${forgedVersion}`, updatedAt: new Date().toISOString() } });
    // (A is told of the forged version once too, left aside as B left it.)
    const sent = await a.call('pacs.sync', {});
    expect(sent).toMatchObject({ published: 1 });
    expect(sent.errors).toEqual([expect.objectContaining({ message: expect.stringContaining('not a version number a workstation of the team writes') })]);
    const numbers = (await teamInstancesOn(orthanc)).filter((i) => i.seriesDescription.startsWith('BoneMet-team AB') && i.sopInstanceUid !== mine.sopInstanceUid).map((i) => i.instanceNumber);
    expect(Math.max(...numbers.filter((n) => n < 2 ** 31))).toBeLessThan(100);
    expect(await b.call('pacs.sync', {})).toMatchObject({ received: 1, errors: [] });
    expect((await b.call('lesions.get', { id: lesion.id })).lesion.note).toBe(`after ${forgedVersion}`);
    expect((await a.call('lesions.get', { id: lesion.id })).lesion.note).toBe(`after ${forgedVersion}`);
  }, 120_000);

  it('stops, saying why and what to do, when the PACS holds the highest version an Instance Number carries', async () => {
    const lesion = fixture.lesions[0]!;
    const mine = (await teamInstancesOn(orthanc)).filter((i) => i.seriesDescription.startsWith('BoneMet-team AB') && i.instanceNumber < 1000).sort((x, y) => y.instanceNumber - x.instanceNumber)[0]!;
    const published = readTeamPublication(await orthancInstanceFile(orthanc, mine.orthancId), mine.sopInstanceUid);
    await storeOnOrthanc(orthanc, forgedFindings({ study: lesion.studyInstanceUid, workstation: published.workstation, reader: ANNA, version: 2 ** 31 - 1, patient: published.patient }, [lesion]));
    const before = (await teamInstancesOn(orthanc)).length;
    await a.call('lesions.save', { lesion: { ...lesion, note: 'at the ceiling', updatedAt: new Date().toISOString() } });
    const sent = await a.call('pacs.sync', {});
    expect(sent).toMatchObject({ published: 0, waiting: 1 });
    expect(sent.errors).toEqual([expect.objectContaining({ message: expect.stringMatching(/holds version 2147483647 .* no version can go above it.*delete that instance \(SOP Instance UID 2\.25\.\d+\)/) })]);
    // Nothing numbered past what an Instance Number holds reached the PACS.
    expect(await teamInstancesOn(orthanc)).toHaveLength(before);
    expect((await a.call('pacs.outbox', {})).items).toEqual([expect.objectContaining({ problem: expect.objectContaining({ message: expect.stringContaining('no version can go above it') }) })]);
  }, 120_000);
});
