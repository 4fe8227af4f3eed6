import type http from 'node:http';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { coreInternals } from '../../../electron/core/app-core';
import { naturalize, parsePart10 } from '../../../electron/core/export/dicom/part10-io';
import { publicationsDue } from '../../../electron/core/pacs/publication-outbox';
import { sendWaitingPublications } from '../../../electron/core/pacs/publication-sender';
import { readTeamPublication } from '../../../electron/core/pacs/read-team-publication';
import { problemHeadline } from '@shared/pacs/team-sync';
import { makeLesion, typed } from '../../support/lesion-fixtures';
import { useHostilePacs } from '../../support/hostile-pacs';
import { temporaryFolder } from '../../support/paths';
import { knowStudyHeader, openWorkstation, type Workstation } from '../../support/team-workstations';

// A PACS that refuses a publication for what it holds (400, 409: dcm4chee refuses a badly formed
// PatientName with 409, OHIF #3648) must not hold the reader's findings back for ever: the refusal
// is kept with its status and reason for Sync now, and the next version takes its place. The
// loopback PACS of hostile-pacs.ts answers STOW-RS itself and keeps what it accepted.
const pacs = useHostilePacs();
const STUDY = '1.2.826.0.1.3680043.10.17';
const lesion = (n: number, overrides: Parameters<typeof makeLesion>[0] = {}) =>
  makeLesion({ id: `0b0d0000-0000-4000-8000-${String(n).padStart(12, '0')}`, trackingUid: `2.25.1717${n}`, studyInstanceUid: STUDY, nature: 'lytic', axialInvolvementMm: typed(40 + n), status: 'final', reader: 'AB', ...overrides });

interface Sent {
  sopInstanceUid: string;
  instanceNumber: number;
  bytes: Buffer;
}

/** The Part 10 instance in a STOW-RS request body of one part. */
function sentInstance(body: Buffer): Sent {
  const header = body.indexOf('\r\n\r\n');
  const length = Number(/Content-Length: (\d+)/i.exec(body.subarray(0, header).toString('latin1'))![1]);
  const bytes = body.subarray(header + 4, header + 4 + length);
  const dataset = naturalize(parsePart10(bytes, 'sent').dict) as { SOPInstanceUID: string; InstanceNumber: number };
  return { sopInstanceUid: dataset.SOPInstanceUID, instanceNumber: Number(dataset.InstanceNumber), bytes };
}

/** Serves STOW-RS: every request kept in `sent`, refused with `refusal` while one is set, else stored (kept in `stored`). */
function stowServer() {
  const state = { refusal: null as { status: number; reason: string } | null, sent: [] as Sent[], stored: [] as Sent[] };
  pacs.qido = (req: http.IncomingMessage, res: http.ServerResponse) => {
    if (req.method !== 'POST') {
      if ((req.url ?? '').includes('/changes')) return void res.writeHead(404).end();
      res.writeHead(200, { 'Content-Type': 'application/dicom+json' });
      return void res.end('[]');
    }
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const sent = sentInstance(Buffer.concat(chunks));
      state.sent.push(sent);
      if (state.refusal) return void res.writeHead(state.refusal.status, { 'Content-Type': 'text/plain' }).end(state.refusal.reason);
      state.stored.push(sent);
      res.writeHead(200, { 'Content-Type': 'application/dicom+json' });
      res.end(JSON.stringify({ '00081199': { vr: 'SQ', Value: [{ '00081155': { vr: 'UI', Value: [sent.sopInstanceUid] } }] } }));
    });
  };
  return state;
}

async function workstation(name: string): Promise<Workstation> {
  const ws = await openWorkstation(path.join(temporaryFolder(name), 'a'), { initials: 'AB', name: 'Anna Berg', role: 'radiologist' }, pacs.root);
  knowStudyHeader(coreInternals(ws.core).db, STUDY, { name: 'DOE^JANE', id: 'P-17' });
  return ws;
}

const anHourLater = () => new Date(Date.now() + 3_600_000);

describe('publications the PACS refuses for their content', () => {
  it('are kept with the status and reason, left alone by the timer, and tried again on Sync now under the same SOP Instance UID', async () => {
    const stow = stowServer();
    stow.refusal = { status: 400, reason: 'PatientName is badly formed' };
    const ws = await workstation('rejected-kept');
    try {
      await ws.call('lesions.save', { lesion: lesion(1) });
      const report = await ws.call('pacs.sync', {});
      expect(report).toMatchObject({ published: 0, waiting: 1 });
      expect(report.errors[0]!.message).toMatch(/HTTP 400.*PatientName is badly formed/);
      const status = await ws.call('pacs.outbox', {});
      expect(status.reason).toMatchObject({ kind: 'rejected', httpStatus: 400, message: expect.stringContaining('PatientName is badly formed') });
      expect(problemHeadline(status.reason!)).toBe('refused with status 400 for its content: retried on Sync now');
      expect(status.items[0]).toMatchObject({ version: 1, attempts: 1, nextAttemptAt: null, problem: { kind: 'rejected', httpStatus: 400 } });

      // The app's timer, an hour on, neither finds it due nor tries it: the same content would be refused again.
      const db = coreInternals(ws.core).db;
      expect(publicationsDue(db, anHourLater())).toBe(false);
      expect(await sendWaitingPublications(db, { appVersion: 'test', now: anHourLater })).toMatchObject({ published: 0, errors: [] });
      expect(stow.sent).toHaveLength(1);
      expect((await ws.call('pacs.outbox', {})).items[0]!.attempts).toBe(1);

      // Sync now tries it again; once the PACS accepts it, it goes, under the SOP Instance UID it was refused under.
      expect(await ws.call('pacs.sync', {})).toMatchObject({ published: 0, waiting: 1 });
      expect((await ws.call('pacs.outbox', {})).items[0]!.attempts).toBe(2);
      stow.refusal = null;
      expect(await ws.call('pacs.sync', {})).toMatchObject({ published: 1, waiting: 0, errors: [] });
      expect(stow.sent.map((s) => s.sopInstanceUid)).toEqual(Array(3).fill(stow.sent[0]!.sopInstanceUid));
      expect(stow.stored.map((s) => s.instanceNumber)).toEqual([1]);
    } finally {
      ws.close();
    }
  });

  it('give way to the next version of their document, which chains past them, withdraws what they withdrew, and is sent once', async () => {
    const stow = stowServer();
    const ws = await workstation('rejected-superseded');
    try {
      // Version 1 (lesions 1 and 2) stored; version 2 (lesion 2 withdrawn) refused with 409.
      await ws.call('lesions.save', { lesion: lesion(1) });
      await ws.call('lesions.save', { lesion: lesion(2) });
      expect(await ws.call('pacs.sync', {})).toMatchObject({ published: 1, errors: [] });
      stow.refusal = { status: 409, reason: 'conflicting patient attributes' };
      await ws.call('lesions.delete', { id: lesion(2).id });
      expect((await ws.call('pacs.sync', {})).errors[0]!.message).toMatch(/HTTP 409/);
      expect((await ws.call('pacs.outbox', {})).items.map((i) => [i.version, i.problem?.kind])).toEqual([[2, 'rejected']]);

      // A change makes version 3. The timer alone sends it: the refused version 2 no longer holds it back.
      stow.refusal = null;
      await ws.call('lesions.save', { lesion: lesion(1, { note: 'after the refusal' }) });
      const db = coreInternals(ws.core).db;
      expect(publicationsDue(db)).toBe(true);
      const pass = await sendWaitingPublications(db, { appVersion: 'test' });
      expect(pass).toMatchObject({ published: 1, errors: [] });
      expect(pass.superseded).toEqual([expect.stringMatching(/findings of AB on study .* \(version 2\), not stored \(refused with status 409 for its content\), is superseded by version 3/)]);
      expect(await ws.call('pacs.outbox', {})).toMatchObject({ waiting: 0, items: [], reason: null });

      // What the PACS holds: versions 1 and 3, each once; 3 replaces 1 and still withdraws lesion 2.
      expect(stow.stored.map((s) => s.instanceNumber)).toEqual([1, 3]);
      const [first, third] = stow.stored;
      const published = readTeamPublication(third!.bytes, 'version 3');
      expect(published).toMatchObject({ kind: 'findings', version: 3 });
      if (published.kind !== 'findings') throw new Error('findings expected');
      expect(published.lesions.map((l) => [l.id, l.note])).toEqual([[lesion(1).id, 'after the refusal']]);
      expect(published.withdrawn).toEqual([{ id: lesion(2).id, trackingUid: lesion(2).trackingUid }]);
      const predecessor = (naturalize(parsePart10(third!.bytes, 'version 3').dict) as unknown as { PredecessorDocumentsSequence: { ReferencedSeriesSequence: { ReferencedSOPSequence: { ReferencedSOPInstanceUID: string }[] }[] }[] })
        .PredecessorDocumentsSequence[0]!.ReferencedSeriesSequence[0]!.ReferencedSOPSequence[0]!.ReferencedSOPInstanceUID;
      expect(predecessor).toBe(first!.sopInstanceUid);
      expect(await ws.call('pacs.sync', {})).toMatchObject({ published: 0, waiting: 0, errors: [] });
      expect(stow.stored).toHaveLength(2);
    } finally {
      ws.close();
    }
  });
});
