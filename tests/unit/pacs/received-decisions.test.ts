import { describe, expect, it } from 'vitest';
import type { Lesion } from '@shared/lesion/lesion';
import type { Review } from '@shared/worklist/review';
import type { TeamPublication } from '../../../electron/core/pacs/read-team-publication';
import { makeLesion, typed } from '../../support/lesion-fixtures';
import { useReceivingWorkstation } from '../../support/receiving-workstation';

// Decision ids are made by each workstation (and given by the client that records one), so two
// workstations can hold the same id: restored from one backup, or a client reusing one. A decision
// received from the team is known by its origin, never by its id alone: one whose id a decision here
// holds is another decision, stored beside it and shown, never dropped as already known.
const STUDY = '1.2.826.0.1.3680043.10.18';
const header = { PatientName: 'ROE^RITA', PatientID: 'P-18', StudyInstanceUID: STUDY, StudyDate: '20250301' };
const SHARED_ID = '0e0e0000-0000-4000-8000-00000000c011';
const workstationId = (n: number) => `a8000000-0000-4000-8000-0000000000${String(n).padStart(2, '0')}`;
const lesion = (n: number) => makeLesion({ id: `0c0c8800-0000-4000-8000-0000000000${String(n).padStart(2, '0')}`, trackingUid: `2.25.1818${n}`, studyInstanceUid: STUDY, nature: 'lytic', axialInvolvementMm: typed(45), status: 'final', reader: 'EF' });

const source = (ws: number, documentKey: string, reader: { initials: string; name: string }, sop: string) => ({
  documentKey, workstation: { id: workstationId(ws), name: `RAD-WS-${ws}` }, reader, version: 1, studyInstanceUid: STUDY, seriesInstanceUid: '2.25.18',
  sopInstanceUid: sop, header, patient: { name: 'ROE^RITA', id: 'P-18', studyDate: '2025-03-01' },
});

/** A version of EF's findings (workstation 1) holding these lesions. */
function findings(version: number, lesions: Lesion[]): TeamPublication {
  return { ...source(1, `${workstationId(1)}/findings/${STUDY}/EF`, { initials: 'EF', name: 'Eva Fors' }, `2.25.181${version}`), version, kind: 'findings', lesions, annotations: [], withdrawn: [] };
}

/** A decision of `reviewer` published by workstation `ws` under the shared id. */
function decision(ws: number, reviewer: string, on: Lesion, comment: string): TeamPublication {
  const review: Review = { id: SHARED_ID, lesionId: on.id, decision: 'radiotherapy', comment, reviewer, reviewerRole: 'surgeon', createdAt: '2025-03-02T09:00:00.000Z' };
  return { ...source(ws, `${workstationId(ws)}/review/${SHARED_ID}`, { initials: reviewer, name: reviewer }, `2.25.18${ws}0`), kind: 'review', review, lesion: { id: on.id, trackingUid: on.trackingUid } };
}

const receiving = useReceivingWorkstation('received-decisions', { initials: 'CD', name: 'Carl Dahl', role: 'surgeon' });
const apply = receiving.apply;
const comments = async (on: Lesion) => (await receiving.ws.call('reviews.list', { lesionId: on.id })).map((r) => [r.reviewer, r.comment]).sort();

describe('received decisions whose id a decision here already holds', () => {
  it("are stored beside this workstation's own decision and another workstation's, all shown, each received once", async () => {
    const on = lesion(1);
    expect(apply(findings(1, [on]))).toMatchObject({ applied: true });
    // A decision recorded here under the id another workstation also used.
    await receiving.ws.call('reviews.save', { review: { id: SHARED_ID, lesionId: on.id, decision: 'prophylactic-fixation', comment: 'recorded here', reviewer: 'CD' } });

    expect(apply(decision(2, 'GH', on, 'from workstation 2'))).toEqual({ applied: true, conflicts: 0, decisions: 0 });
    expect(apply(decision(3, 'IJ', on, 'from workstation 3'))).toEqual({ applied: true, conflicts: 0, decisions: 0 });
    expect(await comments(on)).toEqual([['CD', 'recorded here'], ['GH', 'from workstation 2'], ['IJ', 'from workstation 3']]);
    // Each is one decision, under an id of its own (the worklist and the UI tell them apart by it).
    expect(new Set((await receiving.ws.call('reviews.list', { lesionId: on.id })).map((r) => r.id)).size).toBe(3);

    // Received again (a later sync, a resend): known by its origin, not stored twice.
    expect(apply(decision(2, 'GH', on, 'from workstation 2'))).toEqual({ applied: false, why: 'known' });
    expect(await comments(on)).toHaveLength(3);
  });

  it('wait for their lesion side by side when two workstations used one id, and are both stored when it comes', async () => {
    const on = lesion(2);
    expect(apply(decision(4, 'KL', on, 'from workstation 4'))).toEqual({ applied: false, why: 'pending' });
    expect(apply(decision(5, 'MN', on, 'from workstation 5'))).toEqual({ applied: false, why: 'pending' });
    expect(apply(decision(5, 'MN', on, 'from workstation 5'))).toEqual({ applied: false, why: 'pending' });
    expect(apply(findings(2, [lesion(1), on]))).toEqual({ applied: true, conflicts: 0, decisions: 2 });
    expect(await comments(on)).toEqual([['KL', 'from workstation 4'], ['MN', 'from workstation 5']]);
  });
});

describe('a received decision signed with the initials of a specialist here', () => {
  it("is listed as received, with its own reader and workstation: never taken for this specialist's own, even as the latest on the worklist", async () => {
    const on = lesion(3);
    expect(apply(findings(3, [lesion(1), lesion(2), on]))).toMatchObject({ applied: true });
    await receiving.ws.call('reviews.save', { review: { id: '0e0e0000-0000-4000-8000-00000000c301', lesionId: on.id, decision: 'prophylactic-fixation', comment: 'fix it', reviewer: 'CD' } });
    // Another workstation's "CD" (a namesake, or anyone able to STOW to the PACS) decides otherwise, later.
    const impostor: TeamPublication = {
      ...source(9, `${workstationId(9)}/review/0e0e0000-0000-4000-8000-00000000c309`, { initials: 'CD', name: 'Mallory Impostor' }, '2.25.18390'),
      kind: 'review',
      review: { id: '0e0e0000-0000-4000-8000-00000000c309', lesionId: on.id, decision: 'observe', comment: '', reviewer: 'CD', reviewerRole: 'surgeon', createdAt: '2025-03-03T09:00:00.000Z' },
      lesion: { id: on.id, trackingUid: on.trackingUid },
    };
    expect(apply(impostor)).toMatchObject({ applied: true });
    const listed = await receiving.ws.call('reviews.list', { lesionId: on.id });
    expect(listed.map((r) => [r.decision, r.reviewer, r.origin ?? null])).toEqual([
      ['observe', 'CD', { workstation: 'RAD-WS-9', workstationId: workstationId(9), readerName: 'Mallory Impostor', version: 1 }],
      ['prophylactic-fixation', 'CD', null],
    ]);
    const row = (await receiving.ws.call('worklist.get', {})).rows.find((r) => r.lesionId === on.id)!;
    expect(row.latestReview).toMatchObject({ decision: 'observe', origin: { workstation: 'RAD-WS-9', readerName: 'Mallory Impostor' } });
  });
});
