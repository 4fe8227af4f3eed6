import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { coreInternals } from '../../../electron/core/app-core';
import { publicationsDue } from '../../../electron/core/pacs/publication-outbox';
import { sendWaitingPublications } from '../../../electron/core/pacs/publication-sender';
import { makeLesion, typed } from '../../support/lesion-fixtures';
import { freePort } from '../../support/orthanc-server';
import { temporaryFolder } from '../../support/paths';
import { knowStudyHeader, openWorkstation, RADIOLOGIST_AB } from '../../support/team-workstations';

// A workstation whose clock ran a day ahead when a send failed (a dead CMOS battery, a VM restored
// from a snapshot), then set right by NTP: the backoff is at most a minute, so a retry "due" a day
// from now is the old clock's, and the app's timer must not wait for it.
const STUDY = '1.2.826.0.1.3680043.10.22';
const DAY = 24 * 3600 * 1000;
const scratch = temporaryFolder('outbox-clock');
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

describe('the outbox after the clock is set back', () => {
  it("is retried by the app's timer at once, not a day later", async () => {
    const ws = await openWorkstation(path.join(scratch, 'a'), RADIOLOGIST_AB, `http://127.0.0.1:${await freePort()}/dicom-web`);
    try {
      const db = coreInternals(ws.core).db;
      knowStudyHeader(db, STUDY, { name: 'DOE^JANE', id: 'P-22' });
      await ws.call('lesions.save', { lesion: makeLesion({ id: '0c0c2200-0000-4000-8000-000000000001', trackingUid: '2.25.2201', studyInstanceUid: STUDY, nature: 'lytic', axialInvolvementMm: typed(45), status: 'final', reader: 'AB' }) });
      const aheadNow = new Date(Date.now() + DAY);
      await sendWaitingPublications(db, { appVersion: 'test', now: () => aheadNow });
      expect((await ws.call('pacs.outbox', {})).items[0]).toMatchObject({ attempts: 1 });

      // The clock set right: a timer pass tries it again.
      expect(publicationsDue(db)).toBe(true);
      await sendWaitingPublications(db, { appVersion: 'test' });
      const item = (await ws.call('pacs.outbox', {})).items[0]!;
      expect(item.attempts).toBe(2);
      expect(Date.parse(item.nextAttemptAt!) - Date.now()).toBeLessThanOrEqual(60_000);
    } finally {
      ws.close();
    }
  });
});
