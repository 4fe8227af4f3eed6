import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coreInternals } from '../../../electron/core/app-core';
import { makeLesion, typed } from '../../support/lesion-fixtures';
import { ORTHANC_BINARY, startOrthanc, type OrthancServer } from '../../support/orthanc-server';
import { temporaryFolder } from '../../support/paths';
import { teamInstancesOn } from '../../support/orthanc-team-instances';
import { forgedFindings, storeOnOrthanc } from '../../support/forged-team-publications';
import { openWorkstation, type Workstation } from '../../support/team-workstations';
import { teamSeriesUid } from '../../../electron/core/pacs/team-identity';

// What anyone able to STOW to the PACS can put in the team's series, and what a receiving
// workstation (a real Orthanc, a real database) does with it: one bad document never stops the others.
const HAVE_ORTHANC = fs.existsSync(ORTHANC_BINARY);

const EF = { initials: 'EF', name: 'Eva Fors' };
const GH = { initials: 'GH', name: 'Gus Hale' };
const workstation = (n: number) => ({ id: `a7000000-0000-4000-8000-${String(n).padStart(12, '0')}`, name: `RAD-WS-${n}` });
const lesion = (study: string, n: number, reader: string, overrides: Parameters<typeof makeLesion>[0] = {}) =>
  makeLesion({ id: `0c0c7700-0000-4000-8000-${String(n).padStart(12, '0')}`, trackingUid: `2.25.7777${n}`, studyInstanceUid: study, nature: 'lytic', axialInvolvementMm: typed(45), status: 'final', reader, ...overrides });

describe.skipIf(!HAVE_ORTHANC)("the team's publications as anyone could STOW them (real Orthanc)", () => {
  let orthanc: OrthancServer;
  let scratch: string;
  const opened: Workstation[] = [];
  const receiver = async (name: string) => {
    const ws = await openWorkstation(path.join(scratch, name), { initials: 'CD', name: 'Carl Dahl', role: 'surgeon' }, orthanc.dicomWebUrl);
    opened.push(ws);
    return ws;
  };
  beforeAll(async () => {
    orthanc = await startOrthanc();
    scratch = temporaryFolder('hostile-team');
  }, 120_000);
  afterAll(async () => {
    for (const ws of opened) ws.close();
    await orthanc?.stop();
    fs.rmSync(scratch, { recursive: true, force: true });
  });

  it('leaves aside a publication that cannot be stored here (a version past any number) and receives the others, then and later', async () => {
    const study = '1.2.826.0.1.3680043.10.77.1';
    const genuine = lesion(study, 1, 'EF');
    await storeOnOrthanc(orthanc, forgedFindings({ study, workstation: workstation(1), reader: EF, version: 1 }, [genuine]));
    await storeOnOrthanc(orthanc, forgedFindings({ study, workstation: workstation(2), reader: GH, version: 1e20, instanceNumber: 1 }, [lesion(study, 2, 'GH')]));
    const b = await receiver('huge-version');
    const first = await b.call('pacs.sync', {});
    expect(first).toMatchObject({ received: 1, errors: [{ record: expect.stringContaining('BoneMet-team GH Gus Hale'), message: expect.stringContaining('version') }] });
    expect((await b.call('lesions.get', { id: genuine.id })).lesion).toEqual(genuine);
    await expect(b.call('lesions.get', { id: lesion(study, 2, 'GH').id })).rejects.toMatchObject({ code: 'not_found' });
    // Reported once: the next pass neither stumbles on it again nor misses what comes later.
    const later = lesion(study, 3, 'EF');
    await storeOnOrthanc(orthanc, forgedFindings({ study, workstation: workstation(1), reader: EF, version: 2 }, [genuine, later]));
    expect(await b.call('pacs.sync', {})).toEqual({ published: 0, received: 1, waiting: 0, errors: [] });
    expect((await b.call('lesions.get', { id: later.id })).lesion).toEqual(later);
  });


  it("keeps a lesion whose Tracking UID another lesion here already holds beside that lesion, shown, and stores the rest of its document", async () => {
    const study = '1.2.826.0.1.3680043.10.77.2';
    const genuine = lesion(study, 11, 'EF');
    const other = lesion(study, 12, 'EF');
    // Another record under the Tracking UID of EF's lesion, from elsewhere, received first.
    const rival = lesion(study, 13, 'GH', { trackingUid: genuine.trackingUid });
    await storeOnOrthanc(orthanc, forgedFindings({ study, workstation: workstation(2), reader: GH, version: 1 }, [rival]));
    const b = await receiver('tracking-clash');
    // (The first pass also receives what earlier cases left on this PACS.)
    await b.call('pacs.sync', {});
    expect((await b.call('lesions.get', { id: rival.id })).origin).toMatchObject({ workstation: 'RAD-WS-2' });
    await storeOnOrthanc(orthanc, forgedFindings({ study, workstation: workstation(1), reader: EF, version: 1 }, [genuine, other]));
    expect(await b.call('pacs.sync', {})).toEqual({ published: 0, received: 1, waiting: 0, errors: [] });
    expect((await b.call('lesions.get', { id: other.id })).lesion).toEqual(other);
    expect((await b.call('lesions.get', { id: rival.id })).lesion).toEqual(rival);
    expect(await b.call('pacs.conflicts', { entityIds: [rival.id] })).toEqual([
      expect.objectContaining({ entity: 'lesion', entityId: rival.id, reader: 'EF', workstation: 'RAD-WS-1', version: 1, record: expect.objectContaining({ id: genuine.id, trackingUid: genuine.trackingUid }) }),
    ]);
  });

  it("still receives a workstation's newest version when another instance in its series says it is that workstation's, with a higher number", async () => {
    const study = '1.2.826.0.1.3680043.10.77.3';
    const first = lesion(study, 21, 'EF', { note: 'version 1' });
    await storeOnOrthanc(orthanc, forgedFindings({ study, workstation: workstation(1), reader: EF, version: 1 }, [first]));
    const b = await receiver('spoofed-serial');
    await b.call('pacs.sync', {});
    expect((await b.call('lesions.get', { id: first.id })).lesion.note).toBe('version 1');
    await storeOnOrthanc(orthanc, forgedFindings({ study, workstation: workstation(1), reader: EF, version: 2 }, [{ ...first, note: 'version 2' }]));
    // Numbered above it, listed by QIDO-RS as RAD-WS-1's, but the document of another workstation...
    await storeOnOrthanc(orthanc, forgedFindings({ study, workstation: workstation(9), reader: EF, version: 1, instanceNumber: 7, deviceSerialNumber: workstation(1).id }, [lesion(study, 22, 'EF')]));
    // ...and RAD-WS-1's own first version again, under another SOP Instance UID and a higher number.
    await storeOnOrthanc(orthanc, forgedFindings({ study, workstation: workstation(1), reader: EF, version: 1, instanceNumber: 8 }, [first, lesion(study, 23, 'EF')]));
    // RAD-WS-1's version 2 and RAD-WS-9's version 1: two documents.
    expect(await b.call('pacs.sync', {})).toMatchObject({ received: 2, errors: [] });
    expect((await b.call('lesions.get', { id: first.id })).lesion.note).toBe('version 2');
    expect((await b.call('lesions.get', { id: lesion(study, 22, 'EF').id })).origin).toMatchObject({ workstation: 'RAD-WS-9' });
  });

  it('receives a lesion whose note holds a line break, quotes and a backslash, as written', async () => {
    const study = '1.2.826.0.1.3680043.10.77.5';
    const noted = lesion(study, 41, 'EF', { note: 'Lytic, 3 cm.\nSee "prior" CT: C:\\scans\\2024' });
    await storeOnOrthanc(orthanc, forgedFindings({ study, workstation: workstation(41), reader: EF, version: 1 }, [noted]));
    const b = await receiver('note-text');
    await b.call('pacs.sync', {});
    expect((await b.call('lesions.get', { id: noted.id })).lesion).toEqual(noted);
  });

  it('leaves aside a publication naming a workstation or reader past any real one, and stores none of its text', async () => {
    const study = '1.2.826.0.1.3680043.10.77.4';
    // Every worklist row of its lesions would carry the name, and the worklist would carry every row.
    const longName = { ...workstation(31), name: 'W'.repeat(1_000_000) };
    await storeOnOrthanc(orthanc, forgedFindings({ study, workstation: longName, reader: EF, version: 1 }, [lesion(study, 31, 'EF')]));
    const initials = 'EF\nX'.repeat(200);
    await storeOnOrthanc(orthanc, forgedFindings({ study, workstation: workstation(32), reader: { initials, name: 'Eva Fors' }, version: 1 }, [lesion(study, 32, initials)]));
    const genuine = lesion(study, 33, 'GH');
    await storeOnOrthanc(orthanc, forgedFindings({ study, workstation: workstation(33), reader: GH, version: 1 }, [genuine]));
    const b = await receiver('long-names');
    const report = await b.call('pacs.sync', {});
    expect(report.errors.filter((e) => e.message.includes('workstation name of 1000000 characters'))).toHaveLength(1);
    expect(report.errors.filter((e) => e.message.includes('initials'))).toHaveLength(1);
    expect((await b.call('lesions.get', { id: genuine.id })).lesion).toEqual(genuine);
    for (const n of [31, 32]) await expect(b.call('lesions.get', { id: lesion(study, n, 'EF').id })).rejects.toMatchObject({ code: 'not_found' });
    expect(coreInternals(b.core).db.prepare('SELECT COUNT(*) FROM received_documents WHERE LENGTH(workstation) > 255 OR LENGTH(reader) > 8').pluck().get()).toBe(0);
  });

  it('never shows a name that reverses or hides text: such a workstation or reader is left aside, a patient is stored without the characters', async () => {
    const study = '1.2.826.0.1.3680043.10.77.9';
    // A right-to-left override turns what follows it on the line around ("... of workstation RAD-WS-1  Updated: ...").
    await storeOnOrthanc(orthanc, forgedFindings({ study, workstation: { ...workstation(91), name: 'RAD-WS-\u202E1 SW' }, reader: EF, version: 1 }, [lesion(study, 91, 'EF')]));
    await storeOnOrthanc(orthanc, forgedFindings({ study, workstation: workstation(92), reader: { initials: 'GH', name: 'Gus\u2067 Hale\u0007' }, version: 1 }, [lesion(study, 92, 'GH')]));
    const genuine = lesion(study, 93, 'EF');
    await storeOnOrthanc(orthanc, forgedFindings({ study, workstation: workstation(93), reader: EF, version: 1, patient: { name: 'ROE^RITA\u202E', id: 'P-\u202E77\u0000' } }, [genuine]));
    const b = await receiver('hidden-characters');
    const report = await b.call('pacs.sync', {});
    // (This receiver also meets what earlier cases left on the PACS.)
    expect(report.errors.filter((e) => e.message.includes('workstation name holding control characters or bidi overrides'))).toHaveLength(1);
    expect(report.errors.filter((e) => e.message.includes('reader name that no workstation of the team writes (a control character or a bidi override)'))).toHaveLength(1);
    for (const n of [91, 92]) await expect(b.call('lesions.get', { id: lesion(study, n, 'EF').id })).rejects.toMatchObject({ code: 'not_found' });
    expect((await b.call('lesions.get', { id: genuine.id })).lesion).toEqual(genuine);
    const row = (await b.call('worklist.get', {})).rows.find((r) => r.lesionId === genuine.id)!;
    expect([row.patientName, row.patientId]).toEqual(['ROE^RITA', 'P-77']);
    const stored = coreInternals(b.core).db.prepare('SELECT workstation, reader_name, patient_name, patient_id FROM received_documents').all();
    expect(JSON.stringify(stored)).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
  });

  it("files a decision under the patient of the lesion's own document, whatever another publication on the study says later", async () => {
    const study = '1.2.826.0.1.3680043.10.77.6';
    const decided = lesion(study, 51, 'EF');
    await storeOnOrthanc(orthanc, forgedFindings({ study, workstation: workstation(51), reader: EF, version: 1 }, [decided]));
    const b = await receiver('decision-patient');
    await b.call('pacs.sync', {});
    // Another workstation's document on the study, received later, naming another patient.
    await storeOnOrthanc(orthanc, forgedFindings({ study, workstation: workstation(52), reader: GH, version: 1, patient: { name: 'DOE^JOHN', id: 'P-666' } }, [lesion(study, 52, 'GH')]));
    expect(await b.call('pacs.sync', {})).toMatchObject({ received: 1 });
    await b.call('reviews.save', { review: { id: 'dec77000-0000-4000-8000-000000000051', lesionId: decided.id, decision: 'radiotherapy', comment: '', reviewer: 'CD' } });
    expect(await b.call('pacs.sync', {})).toMatchObject({ published: 1 });
    const published = (await teamInstancesOn(orthanc)).find((i) => i.seriesDescription === 'BoneMet-team CD Carl Dahl')!;
    const tags = (await (await fetch(`${orthanc.httpUrl}/instances/${published.orthancId}/simplified-tags`)).json()) as Record<string, string>;
    expect([tags.StudyInstanceUID, tags.PatientID, tags.PatientName]).toEqual([study, 'P-77', 'ROE^RITA']);
  });

  it("receives a reader's new version though instances of the same Series Instance UID sit in another study", async () => {
    const study = '1.2.826.0.1.3680043.10.77.7';
    const tracked = lesion(study, 61, 'EF', { note: 'version 1' });
    await storeOnOrthanc(orthanc, forgedFindings({ study, workstation: workstation(61), reader: EF, version: 1 }, [tracked]));
    // Stored under another study with EF's series UID on this one: the PACS keeps it as a series of that study.
    const elsewhere = '1.2.826.0.1.3680043.10.77.8';
    await storeOnOrthanc(orthanc, forgedFindings({ study: elsewhere, seriesInstanceUid: teamSeriesUid(study, EF), workstation: workstation(62), reader: EF, version: 1 }, [lesion(elsewhere, 62, 'EF')]));
    const b = await receiver('series-elsewhere');
    await b.call('pacs.sync', {});
    expect((await b.call('lesions.get', { id: tracked.id })).lesion.note).toBe('version 1');
    await storeOnOrthanc(orthanc, forgedFindings({ study, workstation: workstation(61), reader: EF, version: 2 }, [{ ...tracked, note: 'version 2' }]));
    expect(await b.call('pacs.sync', {})).toMatchObject({ received: 1, errors: [] });
    expect((await b.call('lesions.get', { id: tracked.id })).lesion.note).toBe('version 2');
  });

  it("never brings back this workstation's own deleted lesion as another workstation's: a copy is kept beside it as a conflict", async () => {
    const study = '1.2.826.0.1.3680043.10.77.9';
    const a = await openWorkstation(path.join(scratch, 'own-deleted'), { initials: 'AB', name: 'Anna Berg', role: 'radiologist' }, orthanc.dicomWebUrl);
    opened.push(a);
    const mine = lesion(study, 71, 'AB');
    await a.call('lesions.save', { lesion: mine });
    await a.call('lesions.delete', { id: mine.id });
    // Its record as the PACS once had it, stored again as another workstation's findings of AB.
    const AB = { initials: 'AB', name: 'Anna Berg' };
    await storeOnOrthanc(orthanc, forgedFindings({ study, workstation: workstation(71), reader: AB, version: 1 }, [{ ...mine, note: 'back again' }, lesion(study, 72, 'AB')]));
    await a.call('pacs.sync', {});
    await expect(a.call('lesions.get', { id: mine.id })).rejects.toMatchObject({ code: 'not_found' });
    expect(await a.call('pacs.conflicts', { entityIds: [mine.id] })).toEqual([expect.objectContaining({ entityId: mine.id, workstation: 'RAD-WS-71', difference: null })]);
    expect((await a.call('lesions.get', { id: lesion(study, 72, 'AB').id })).origin).toMatchObject({ workstation: 'RAD-WS-71' });
  });

  it('reports a publication it leaves aside without the control characters its series description carries', async () => {
    const study = '1.2.826.0.1.3680043.10.77.10';
    // A terminal that prints `sync` would obey these: a new window title, the screen cleared.
    const reader = { initials: 'EF', name: 'Eva\u001b]0;owned\u0007\u001b[2J Fors' };
    await storeOnOrthanc(orthanc, forgedFindings({ study, workstation: workstation(81), reader, version: 0 }, []));
    const b = await receiver('control-characters');
    const report = await b.call('pacs.sync', {});
    const ours = report.errors.filter((e) => e.record.includes('owned'));
    expect(ours).toEqual([{ record: expect.stringContaining('BoneMet-team EF Eva'), message: expect.stringContaining('names version "0"') }]);
    expect(report.errors.filter((e) => /[\u0000-\u001f\u007f-\u009f]/.test(e.record + e.message))).toEqual([]);
  });
});
