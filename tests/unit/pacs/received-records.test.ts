import { coreInternals } from '../../../electron/core/app-core';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANNOTATION_SCHEMA_VERSION, type Annotation } from '@shared/annotation/annotation';
import type { Lesion } from '@shared/lesion/lesion';
import { applyTeamPublication } from '../../../electron/core/pacs/apply-team-publication';
import type { TeamPublication } from '../../../electron/core/pacs/read-team-publication';
import { checkAuditChain } from '../../../electron/core/lesions/audit-chain';
import { auditTrail } from '../../../electron/core/lesions/audit-log';
import { makeLesion, typed } from '../../support/lesion-fixtures';
import { temporaryFolder } from '../../support/paths';
import { openWorkstation, type Workstation } from '../../support/team-workstations';

// What a workstation does with the team's publications once read: the rules of issue 16 ("newest
// version per record; a local edit is never overwritten by an older version; two versions that
// conflict are both kept and shown"), on a real database.
const STUDY = '1.2.826.0.1.3680043.10.17';
const WS = 'a5000000-0000-4000-8000-0000000000a5';
const header = { PatientName: 'ROE^RITA', PatientID: 'P-17', StudyInstanceUID: STUDY, StudyDate: '20250301' };
const lesion = (n: number, reader: string, overrides: Parameters<typeof makeLesion>[0] = {}) =>
  makeLesion({ id: `0c0c0000-0000-4000-8000-${String(n).padStart(12, '0')}`, trackingUid: `2.25.1717${n}`, studyInstanceUid: STUDY, nature: 'lytic', axialInvolvementMm: typed(45), status: 'final', reader, ...overrides });
const drawing = (n: number, lesionId: string, reader: string): Annotation => ({
  schemaVersion: ANNOTATION_SCHEMA_VERSION, id: `0d0d0000-0000-4000-8000-${String(n).padStart(12, '0')}`, lesionId, studyInstanceUid: STUDY, seriesInstanceUid: '1.2.3.4.5',
  sopInstanceUid: '1.2.3.4.5.6', frameNumber: 1, frameOfReferenceUid: null, viewPlaneNormal: null, viewUp: null, tool: 'Length', points: [[0, 0, 0], [30, 0, 0]],
  text: null, measurements: { lengthMm: 30 }, reader, createdAt: '2025-03-01T10:00:00.000Z', updatedAt: '2025-03-01T10:00:00.000Z',
});

/** A version of EF's findings from workstation RAD-WS-02, as read from the PACS. */
function findings(version: number, lesions: Lesion[], annotations: Annotation[] = [], reader = 'EF'): TeamPublication {
  return {
    kind: 'findings', documentKey: `${WS}/findings/${STUDY}/${reader}`, workstation: { id: WS, name: 'RAD-WS-02' }, reader: { initials: reader, name: 'Eva Fors' },
    version, studyInstanceUid: STUDY, seriesInstanceUid: '2.25.17', sopInstanceUid: `2.25.17${version}`, header, patient: { name: 'ROE^RITA', id: 'P-17', studyDate: '2025-03-01' },
    lesions, annotations, withdrawn: [],
  };
}

let dir: string;
let ws: Workstation;
const apply = (publication: TeamPublication) => applyTeamPublication(coreInternals(ws.core).db, publication, () => undefined);
beforeAll(async () => {
  dir = temporaryFolder('received');
  ws = await openWorkstation(path.join(dir, 'b'), { initials: 'AB', name: 'Anna Berg', role: 'radiologist' });
});
afterAll(() => {
  ws.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("another workstation's findings", () => {
  it('are stored as received, with their drawings linked, and audited from the workstation that published them', async () => {
    const ef = lesion(1, 'EF');
    expect(apply(findings(1, [ef], [drawing(1, ef.id, 'EF')]))).toEqual({ applied: true, conflicts: 0, decisions: 0 });
    expect(await ws.call('lesions.get', { id: ef.id })).toMatchObject({ lesion: ef, origin: { workstation: 'RAD-WS-02', workstationId: WS, readerName: 'Eva Fors', version: 1 } });
    expect((await ws.call('annotations.list', { studyInstanceUid: STUDY, allReaders: true }))[0]).toMatchObject({ id: drawing(1, ef.id, 'EF').id, lesionId: ef.id });
    expect(auditTrail(coreInternals(ws.core).db, ef.id)).toEqual([expect.objectContaining({ action: 'create', reader: 'EF', workstation: 'RAD-WS-02', osAccount: null })]);
    expect(checkAuditChain(coreInternals(ws.core).db)).toMatchObject({ intact: true });
  });

  it('keep the newest version of a document, whatever order versions arrive in', async () => {
    const ef = lesion(1, 'EF');
    expect(apply(findings(3, [{ ...ef, note: 'version 3' }]))).toMatchObject({ applied: true });
    expect(apply(findings(2, [{ ...ef, note: 'version 2' }], [drawing(1, ef.id, 'EF')]))).toEqual({ applied: false, why: 'older' });
    expect((await ws.call('lesions.get', { id: ef.id })).lesion.note).toBe('version 3');
    // Version 3 no longer held the drawing: it went.
    expect(await ws.call('annotations.list', { studyInstanceUid: STUDY, allReaders: true })).toEqual([]);
  });

  it('never overwrite a record kept here; a differing version is kept beside it and shown, an old copy of it is not', async () => {
    const mine = lesion(5, 'AB', { note: 'as recorded here' });
    await ws.call('lesions.save', { lesion: { ...mine, note: 'first words' } });
    await ws.call('lesions.save', { lesion: mine });
    const rival = { ...mine, note: 'as changed at RAD-WS-02' };
    // An earlier version of this workstation's own record, come back through the PACS: old news.
    expect(apply(findings(4, [lesion(1, 'EF', { note: 'version 3' }), { ...mine, note: 'first words' }]))).toEqual({ applied: true, conflicts: 0, decisions: 0 });
    expect(await ws.call('pacs.conflicts', { entityIds: [mine.id] })).toEqual([]);
    expect(apply(findings(5, [lesion(1, 'EF', { note: 'version 3' }), rival]))).toEqual({ applied: true, conflicts: 1, decisions: 0 });
    expect((await ws.call('lesions.get', { id: mine.id })).lesion.note).toBe('as recorded here');
    expect((await ws.call('lesions.get', { id: mine.id })).origin).toBeNull();
    expect(await ws.call('pacs.conflicts', { entityIds: [mine.id] })).toEqual([
      expect.objectContaining({ entity: 'lesion', workstation: 'RAD-WS-02', reader: 'EF', readerName: 'Eva Fors', version: 5, difference: 'note', record: expect.objectContaining({ note: 'as changed at RAD-WS-02' }) }),
    ]);
    // The record here is still this workstation's to change.
    await ws.call('lesions.save', { lesion: { ...mine, note: 'changed again here' } });
  });

  it('withdraw a lesion the next version no longer holds', async () => {
    expect(apply(findings(6, []))).toMatchObject({ applied: true });
    await expect(ws.call('lesions.get', { id: lesion(1, 'EF').id })).rejects.toMatchObject({ code: 'not_found' });
    expect(auditTrail(coreInternals(ws.core).db, lesion(1, 'EF').id).at(-1)).toMatchObject({ action: 'delete', workstation: 'RAD-WS-02' });
  });
});

describe("another workstation's decisions", () => {
  it('wait for their lesion when they come first, and are stored on it when it comes', async () => {
    const gh = lesion(7, 'GH');
    const review = { id: '0e0e0000-0000-4000-8000-000000000001', lesionId: gh.id, decision: 'radiotherapy' as const, comment: 'RT first', reviewer: 'CD', reviewerRole: 'surgeon' as const, createdAt: '2025-03-02T09:00:00.000Z' };
    const decision: TeamPublication = {
      ...findings(1, []), kind: 'review', documentKey: `${WS}/review/${review.id}`, reader: { initials: 'CD', name: 'Carl Dahl' }, sopInstanceUid: '2.25.1799', review, lesion: { id: gh.id, trackingUid: gh.trackingUid },
    };
    expect(apply(decision)).toEqual({ applied: false, why: 'pending' });
    expect(await ws.call('reviews.list', { lesionId: gh.id })).toEqual([]);
    expect(apply(findings(1, [gh], [], 'GH'))).toEqual({ applied: true, conflicts: 0, decisions: 1 });
    // Stored with the lesion it was made on: not a decision on a lesion changed since.
    // Listed as received, from the workstation that published it.
    expect(await ws.call('reviews.list', { lesionId: gh.id })).toEqual([{ ...review, lesionChangedAfter: null, origin: { workstation: 'RAD-WS-02', workstationId: WS, readerName: 'Carl Dahl', version: 1 } }]);
    expect(apply(decision)).toEqual({ applied: false, why: 'known' });
    expect(await ws.call('reviews.list', { lesionId: gh.id })).toHaveLength(1);
  });
});
