import { describe, expect, it } from 'vitest';
import type { Lesion } from '@shared/lesion/lesion';
import type { TeamPublication } from '../../../electron/core/pacs/read-team-publication';
import { makeLesion, typed } from '../../support/lesion-fixtures';
import { useReceivingWorkstation } from '../../support/receiving-workstation';

// One lesion held in two documents: EF's findings published from two workstations (the reader's data
// folder restored on a second one). Workstation 2's copy differs, and is kept as a conflict beside
// workstation 1's. When workstation 1 withdraws the lesion and workstation 2's next version still
// holds it, the lesion is workstation 2's here: its own earlier copy is no conflict with itself.
const STUDY = '1.2.826.0.1.3680043.10.19';
const header = { PatientName: 'ROE^RITA', PatientID: 'P-19', StudyInstanceUID: STUDY, StudyDate: '20250301' };
const workstationId = (n: number) => `a9000000-0000-4000-8000-0000000000${String(n).padStart(2, '0')}`;
const lesion = (n: number, overrides: Parameters<typeof makeLesion>[0] = {}) =>
  makeLesion({ id: `0c0c9900-0000-4000-8000-0000000000${String(n).padStart(2, '0')}`, trackingUid: `2.25.1919${n}`, studyInstanceUid: STUDY, nature: 'lytic', axialInvolvementMm: typed(45), status: 'final', reader: 'EF', ...overrides });

/** Version `version` of EF's findings as workstation `ws` published them. */
function findings(ws: number, version: number, lesions: Lesion[]): TeamPublication {
  return {
    kind: 'findings', documentKey: `${workstationId(ws)}/findings/${STUDY}/EF`, workstation: { id: workstationId(ws), name: `RAD-WS-${ws}` }, reader: { initials: 'EF', name: 'Eva Fors' },
    version, studyInstanceUid: STUDY, seriesInstanceUid: '2.25.19', sopInstanceUid: `2.25.19${ws}${version}`, header, patient: { name: 'ROE^RITA', id: 'P-19', studyDate: '2025-03-01' },
    lesions, annotations: [], withdrawn: [],
  };
}

const receiving = useReceivingWorkstation('withdrawn-conflicts', { initials: 'CD', name: 'Carl Dahl', role: 'surgeon' });
const apply = receiving.apply;
const conflictsOf = async (l: Lesion) => (await receiving.ws.call('pacs.conflicts', { entityIds: [l.id] })).map((c) => [c.workstation, c.version, c.difference]);

describe('a lesion held in two documents', () => {
  it('is kept as a conflict once however many versions repeat the same copy', async () => {
    const held = lesion(1);
    const copy = { ...held, note: 'as held at RAD-WS-2' };
    expect(apply(findings(1, 1, [held]))).toMatchObject({ applied: true, conflicts: 0 });
    expect(apply(findings(2, 1, [copy]))).toMatchObject({ applied: true, conflicts: 1 });
    expect(apply(findings(2, 2, [copy, lesion(2)]))).toMatchObject({ applied: true, conflicts: 0 });
    expect(await conflictsOf(held)).toEqual([['RAD-WS-2', 1, 'note']]);
  });

  it('withdrawn by one document and still held by the other, is the other\'s here, with no conflict left against itself', async () => {
    const held = lesion(1);
    const copy = { ...held, note: 'as held at RAD-WS-2' };
    expect(apply(findings(1, 2, []))).toMatchObject({ applied: true, conflicts: 0 });
    await expect(receiving.ws.call('lesions.get', { id: held.id })).rejects.toMatchObject({ code: 'not_found' });
    expect(apply(findings(2, 3, [copy, lesion(2)]))).toEqual({ applied: true, conflicts: 0, decisions: 0 });
    expect(await receiving.ws.call('lesions.get', { id: held.id })).toMatchObject({ lesion: copy, origin: { workstation: 'RAD-WS-2', version: 3 } });
    expect(await conflictsOf(held)).toEqual([]);
  });
});
