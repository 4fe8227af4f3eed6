import { coreInternals } from '../../../electron/core/app-core';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendWaitingPublications } from '../../../electron/core/pacs/publication-sender';
import { retryDelayMs } from '../../../electron/core/pacs/publication-problem';
import { makeLesion, typed } from '../../support/lesion-fixtures';
import { freePort, ORTHANC_BINARY, startOrthanc, type OrthancServer } from '../../support/orthanc-server';
import { temporaryFolder } from '../../support/paths';
import { teamInstancesOn } from '../../support/orthanc-team-instances';
import { knowStudyHeader, openWorkstation, type Workstation } from '../../support/team-workstations';

// The outbox: what waits to be sent survives anything, says why it waits, backs off, and goes out
// in order once the PACS is there. Real failures: a closed port, a wrong DICOMweb root on a real
// Orthanc (HTTP 404), an https server whose certificate this machine does not trust.
const HAVE_ORTHANC = fs.existsSync(ORTHANC_BINARY);
const STUDY = '1.2.826.0.1.3680043.10.16';
const lesion = (n: number, overrides: Parameters<typeof makeLesion>[0] = {}) =>
  makeLesion({ id: `0b0c0000-0000-4000-8000-${String(n).padStart(12, '0')}`, trackingUid: `2.25.1616${n}`, studyInstanceUid: STUDY, nature: 'lytic', axialInvolvementMm: typed(40 + n), status: 'final', reader: 'AB', ...overrides });

describe.skipIf(!HAVE_ORTHANC)('the outbox (real network failures, real Orthanc)', () => {
  let orthanc: OrthancServer;
  let scratch: string;
  let ws: Workstation;
  beforeAll(async () => {
    orthanc = await startOrthanc();
    scratch = temporaryFolder('outbox');
  });
  afterAll(async () => {
    ws?.close();
    await orthanc?.stop();
    fs.rmSync(scratch, { recursive: true, force: true });
  });

  it('keeps a final lesion waiting while nothing answers, says so, and backs off 1 s, 2 s, 4 s...', async () => {
    const closed = `http://127.0.0.1:${await freePort()}/dicom-web`;
    ws = await openWorkstation(path.join(scratch, 'a'), { initials: 'AB', name: 'Anna Berg', role: 'radiologist' }, closed);
    knowStudyHeader(coreInternals(ws.core).db, STUDY, { name: 'DOE^JANE', id: 'P-16' });
    // A draft is not published; marking it final is.
    await ws.call('lesions.save', { lesion: lesion(1, { status: 'draft' }) });
    expect((await ws.call('pacs.outbox', {})).waiting).toBe(0);
    await ws.call('lesions.save', { lesion: lesion(1) });
    expect((await ws.call('pacs.outbox', {})).waiting).toBe(1);

    const first = await ws.call('pacs.sync', {});
    expect(first).toMatchObject({ published: 0, waiting: 1 });
    expect(first.errors[0]).toMatchObject({ record: expect.stringContaining(`findings of AB on study ${STUDY} (version 1)`), message: expect.stringContaining('connection refused') });
    const status = await ws.call('pacs.outbox', {});
    expect(status.reason).toMatchObject({ kind: 'unreachable', httpStatus: null });
    expect(status.items[0]).toMatchObject({ version: 1, attempts: 1 });
    const failedAt = Date.now();
    expect(Date.parse(status.items[0]!.nextAttemptAt!) - failedAt).toBeLessThanOrEqual(1000);
    expect([1, 2, 3, 4, 8].map(retryDelayMs)).toEqual([1000, 2000, 4000, 8000, 60_000]);

    // Before its next attempt is due the sender leaves it alone (the app's timer); Sync now tries it anyway.
    await sendWaitingPublications(coreInternals(ws.core).db, { appVersion: 'test', now: () => new Date(failedAt) });
    expect((await ws.call('pacs.outbox', {})).items[0]!.attempts).toBe(1);
    await ws.call('pacs.sync', {});
    const second = (await ws.call('pacs.outbox', {})).items[0]!;
    expect(second.attempts).toBe(2);
    expect(Date.parse(second.nextAttemptAt!) - Date.now()).toBeGreaterThan(1000);
  });

  it('fixes a version at its first attempt: a change after it waits as the next version, and both go in order', async () => {
    await ws.call('lesions.save', { lesion: lesion(1, { note: 'after the first attempt' }) });
    await ws.call('lesions.save', { lesion: lesion(2) });
    const waiting = await ws.call('pacs.outbox', {});
    expect(waiting.items.map((i) => [i.kind, i.version])).toEqual([['findings', 1], ['findings', null]]);

    await ws.call('pacs.set', { url: orthanc.dicomWebUrl });
    expect(await ws.call('pacs.sync', {})).toMatchObject({ published: 2, waiting: 0, errors: [] });
    const stored = (await teamInstancesOn(orthanc)).sort((x, y) => x.instanceNumber - y.instanceNumber);
    expect(stored.map((i) => i.instanceNumber)).toEqual([1, 2]);
    expect((await ws.call('pacs.outbox', {})).reason).toBeNull();
  });

  it('says the PACS refused, with its HTTP status, when the URL is not its DICOMweb root', async () => {
    await ws.call('pacs.set', { url: `${orthanc.httpUrl}/not-dicom-web` });
    await ws.call('lesions.save', { lesion: lesion(3) });
    const report = await ws.call('pacs.sync', {});
    expect(report.errors[0]!.message).toMatch(/HTTP 404/);
    expect((await ws.call('pacs.outbox', {})).reason).toMatchObject({ kind: 'refused', httpStatus: 404 });
  });

  it('says the certificate is not trusted when the PACS answers https with one this machine does not trust', async () => {
    const key = path.join(scratch, 'key.pem');
    const cert = path.join(scratch, 'cert.pem');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=127.0.0.1'], { stdio: 'ignore' });
    const server = https.createServer({ key: fs.readFileSync(key), cert: fs.readFileSync(cert) }, (_req, res) => res.end('{}'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      await ws.call('pacs.set', { url: `https://127.0.0.1:${(server.address() as AddressInfo).port}/dicom-web` });
      await ws.call('pacs.sync', {});
      const status = await ws.call('pacs.outbox', {});
      // The change, and version 2 queued again for a PACS that is not the one which stored it.
      expect(status).toMatchObject({ waiting: 2, reason: { kind: 'certificate' }, items: [{ purpose: 'new-pacs', version: 2 }, { purpose: 'change' }] });
      expect(status.reason!.message).toMatch(/certificate is not trusted/);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('survives closing and opening the data folder again, and sends what waited', async () => {
    ws.close();
    ws = await openWorkstation(path.join(scratch, 'a'), { initials: 'AB', name: 'Anna Berg', role: 'radiologist' });
    expect((await ws.call('pacs.outbox', {})).waiting).toBe(2);
    // Set back to the PACS that stored version 2: its copy for another PACS leaves the outbox.
    await ws.call('pacs.set', { url: orthanc.dicomWebUrl });
    expect((await ws.call('pacs.outbox', {})).items.map((i) => i.purpose)).toEqual(['change']);
    expect(await ws.call('pacs.sync', {})).toMatchObject({ published: 1, waiting: 0, errors: [] });
    expect((await teamInstancesOn(orthanc)).map((i) => i.instanceNumber).sort()).toEqual([1, 2, 3]);
  });

  it('publishes what changed while no PACS was set once one is set again, a withdrawal included, and nothing twice', async () => {
    const study = '1.2.826.0.1.3680043.10.16.2';
    const gap = await openWorkstation(path.join(scratch, 'gap'), { initials: 'AB', name: 'Anna Berg', role: 'radiologist' }, orthanc.dicomWebUrl);
    try {
      knowStudyHeader(coreInternals(gap.core).db, study, { name: 'DOE^JANE', id: 'P-16' });
      const kept = lesion(21, { studyInstanceUid: study });
      const deleted = lesion(22, { studyInstanceUid: study });
      await gap.call('lesions.save', { lesion: kept });
      await gap.call('lesions.save', { lesion: deleted });
      expect(await gap.call('pacs.sync', {})).toMatchObject({ published: 1, errors: [] });
      await gap.call('pacs.clear', {});
      await gap.call('lesions.save', { lesion: { ...kept, note: 'changed while no PACS was set' } });
      await gap.call('lesions.delete', { id: deleted.id });
      await gap.call('pacs.set', { url: orthanc.dicomWebUrl });
      expect(await gap.call('pacs.outbox', {})).toMatchObject({ waiting: 1 });
      expect(await gap.call('pacs.sync', {})).toMatchObject({ published: 1, waiting: 0, errors: [] });
      const db = coreInternals(gap.core).db;
      expect(db.prepare("SELECT version, lesions FROM pacs_documents WHERE kind = 'findings' AND study_uid = ?").get(study)).toEqual({ version: 2, lesions: JSON.stringify([{ id: kept.id, trackingUid: kept.trackingUid }]) });
      // Set again with nothing changed: nothing waits.
      await gap.call('pacs.set', { url: orthanc.dicomWebUrl });
      expect(await gap.call('pacs.outbox', {})).toMatchObject({ waiting: 0 });
    } finally {
      gap.close();
    }
  });
});

