import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coreInternals } from '../../../electron/core/app-core';
import { cacheRoot } from '../../../electron/core/pacs/cache/cache-folder';
import { cacheStatus, setCacheLimit } from '../../../electron/core/pacs/cache/cache-store';
import { evictToLimit } from '../../../electron/core/pacs/cache/evict-cache';
import { applyTeamPublication } from '../../../electron/core/pacs/apply-team-publication';
import type { TeamPublication } from '../../../electron/core/pacs/read-team-publication';
import { parseDicomWebTarget } from '../../../electron/core/pacs/dicomweb/dicomweb-target';
import { DicomWebTransport } from '../../../electron/core/pacs/dicomweb/dicomweb-transport';
import { readStowFile, stowRs } from '../../../electron/core/pacs/dicomweb/stow-rs';
import { retrieveStudy } from '../../../electron/core/pacs/retrieve/retrieve-study';
import { makeLesion, typed } from '../../support/lesion-fixtures';
import { ORTHANC_BINARY, freePort, startOrthanc, type OrthancServer } from '../../support/orthanc-server';
import { SHARED_DICOM, temporaryFolder } from '../../support/paths';
import { openWorkstation, SURGEON_CD, type Workstation } from '../../support/team-workstations';

// The cache keeps a study with findings not yet sent, and only such a study (issue 16): a surgeon's
// workstation holds the team's lesions on nearly every study it opens, all of them on the PACS
// already, and its cache must still keep to its limit.
const HAVE_ORTHANC = fs.existsSync(ORTHANC_BINARY);
const CT = readStowFile(path.join(SHARED_DICOM, 'pydicom/CT_small.dcm'));
const STUDY = CT.studyInstanceUid;
const WS = 'a6000000-0000-4000-8000-0000000000a6';
const radiologistLesion = makeLesion({ id: '0c0c6600-0000-4000-8000-000000000001', trackingUid: '2.25.6601', studyInstanceUid: STUDY, nature: 'lytic', axialInvolvementMm: typed(45), status: 'final', reader: 'EF' });

/** EF's findings on the study from another workstation, as the sync stores them once read from the PACS. */
const received: TeamPublication = {
  kind: 'findings', documentKey: `${WS}/findings/${STUDY}/EF`, workstation: { id: WS, name: 'RAD-WS-06' }, reader: { initials: 'EF', name: 'Eva Fors' }, version: 1,
  studyInstanceUid: STUDY, seriesInstanceUid: '2.25.66', sopInstanceUid: '2.25.661', header: { PatientName: 'CT^SMALL', PatientID: 'P-66', StudyInstanceUID: STUDY, StudyDate: '20040119' },
  patient: { name: 'CT^SMALL', id: 'P-66', studyDate: '2004-01-19' }, lesions: [radiologistLesion], annotations: [], withdrawn: [],
};

describe.skipIf(!HAVE_ORTHANC)('the PACS cache on a surgeon workstation (real Orthanc)', () => {
  let orthanc: OrthancServer;
  let b: Workstation;
  let dir: string;
  beforeAll(async () => {
    orthanc = await startOrthanc();
    await stowRs(parseDicomWebTarget({ url: orthanc.dicomWebUrl }), [CT]);
    dir = temporaryFolder('cache-pins');
    b = await openWorkstation(path.join(dir, 'b'), SURGEON_CD, orthanc.dicomWebUrl);
  }, 60_000);
  afterAll(async () => {
    b?.close();
    await orthanc?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const db = () => coreInternals(b.core).db;
  const retrieve = () => retrieveStudy({ db: db(), cacheRoot: cacheRoot(b.dataDir), transport: new DicomWebTransport(parseDicomWebTarget({ url: orthanc.dicomWebUrl })) }, { studyInstanceUid: STUDY });

  it("evicts a study holding only the team's lesions, and keeps it while this workstation's decision on it waits to be sent", async () => {
    applyTeamPublication(db(), received, () => undefined);
    await retrieve();
    setCacheLimit(db(), 1);
    // The radiologist's lesion is on the PACS: nothing here is unsent.
    expect(cacheStatus(db())).toMatchObject({ studies: 1, pinnedStudies: 0 });
    expect(evictToLimit(db(), cacheRoot(b.dataDir))).toEqual([STUDY]);

    await retrieve();
    // The PACS away: the surgeon's decision waits in the outbox, and the study stays.
    await b.call('pacs.set', { url: `http://127.0.0.1:${await freePort()}/dicom-web` });
    await b.call('reviews.save', { review: { id: 'dec66000-0000-4000-8000-000000000001', lesionId: radiologistLesion.id, decision: 'radiotherapy', comment: '', reviewer: 'CD' } });
    expect((await b.call('pacs.sync', {})).waiting).toBe(1);
    expect(evictToLimit(db(), cacheRoot(b.dataDir))).toEqual([]);
    expect(cacheStatus(db())).toMatchObject({ studies: 1, pinnedStudies: 1 });

    // Sent: the study may go.
    await b.call('pacs.set', { url: orthanc.dicomWebUrl });
    expect(await b.call('pacs.sync', {})).toMatchObject({ published: 1, waiting: 0, errors: [] });
    expect(evictToLimit(db(), cacheRoot(b.dataDir))).toEqual([STUDY]);
  });

  it("keeps a study holding this workstation's own draft lesion, which no publication carries", async () => {
    await retrieve();
    await b.call('reader.set', { initials: 'GH', name: 'Gus Holm', role: 'radiologist' });
    const draft = makeLesion({ id: '0c0c6600-0000-4000-8000-000000000002', trackingUid: '2.25.6602', studyInstanceUid: STUDY, nature: 'lytic', axialInvolvementMm: typed(20), status: 'draft', reader: 'GH' });
    await b.call('lesions.save', { lesion: draft });
    expect(evictToLimit(db(), cacheRoot(b.dataDir))).toEqual([]);
    expect(cacheStatus(db())).toMatchObject({ studies: 1, pinnedStudies: 1 });
  });
});
