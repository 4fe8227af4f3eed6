import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANNOTATION_SCHEMA_VERSION, type Annotation } from '@shared/annotation/annotation';
import { coreInternals } from '../../../electron/core/app-core';
import { runImport } from '../../../electron/core/importer/run-import';
import { FORGED_STUDY, forgedFindings, storeOnOrthanc } from '../../support/forged-team-publications';
import { makeLesion, typed } from '../../support/lesion-fixtures';
import { ORTHANC_BINARY, startOrthanc, type OrthancServer } from '../../support/orthanc-server';
import { SHARED_DICOM, temporaryFolder } from '../../support/paths';
import { openWorkstation, SURGEON_CD, type Workstation } from '../../support/team-workstations';

// Anyone able to STOW to the PACS writes what a team publication says. A drawing in it naming an
// image this workstation has indexed under another study (another patient's) is refused as a saved
// one is: the SR exports of the study would reference that image. The rest of the document, and the
// other publications of the pass, are stored; the refusal is reported. A real Orthanc, a real database.
const HAVE_ORTHANC = fs.existsSync(ORTHANC_BINARY);
const CT_SMALL = path.join(SHARED_DICOM, 'pydicom/CT_small.dcm');

describe.skipIf(!HAVE_ORTHANC)('a received drawing naming an image of another study (real Orthanc)', () => {
  let orthanc: OrthancServer;
  let scratch: string;
  let surgeon: Workstation;
  let ctSop: string;
  beforeAll(async () => {
    orthanc = await startOrthanc();
    scratch = temporaryFolder('received-drawn-image');
    surgeon = await openWorkstation(path.join(scratch, 'cd'), SURGEON_CD, orthanc.dicomWebUrl);
    const db = coreInternals(surgeon.core).db;
    await runImport(db, [CT_SMALL]);
    ctSop = db.prepare('SELECT sop_instance_uid FROM instances').pluck().get() as string;
  }, 120_000);
  afterAll(async () => {
    surgeon?.close();
    await orthanc?.stop();
    fs.rmSync(scratch, { recursive: true, force: true });
  });

  const drawing = (n: number, lesionId: string, sopInstanceUid: string): Annotation => ({
    schemaVersion: ANNOTATION_SCHEMA_VERSION, id: `0d0d7700-0000-4000-8000-${String(n).padStart(12, '0')}`, lesionId, studyInstanceUid: FORGED_STUDY, seriesInstanceUid: '1.2.826.0.1.3680043.10.77.1',
    sopInstanceUid, frameNumber: 1, frameOfReferenceUid: '1.2.826.0.1.3680043.10.77.2', viewPlaneNormal: null, viewUp: null, tool: 'Length', points: [[0, 0, 0], [30, 0, 0]],
    text: null, measurements: { lengthMm: 30 }, reader: 'EF', createdAt: '2025-03-01T10:00:00.000Z', updatedAt: '2025-03-01T10:00:00.000Z',
  });
  const lesion = (n: number, reader: string) =>
    makeLesion({ id: `0c0c7700-0000-4000-8000-${String(n).padStart(12, '0')}`, trackingUid: `2.25.7777${n}`, studyInstanceUid: FORGED_STUDY, nature: 'lytic', axialInvolvementMm: typed(45), status: 'final', reader });

  it('is refused and reported; its lesion, the other drawing and the other publication are stored', async () => {
    const ef = lesion(1, 'EF');
    const onOtherPatient = drawing(1, ef.id, ctSop);
    const notIndexed = drawing(2, ef.id, '1.2.826.0.1.3680043.10.77.1.1');
    await storeOnOrthanc(orthanc, forgedFindings({ workstation: { id: 'a7700000-0000-4000-8000-000000000001', name: 'RAD-WS-77' }, reader: { initials: 'EF', name: 'Eva Fors' }, version: 1 }, [ef], [onOtherPatient, notIndexed]));
    const gh = lesion(2, 'GH');
    await storeOnOrthanc(orthanc, forgedFindings({ workstation: { id: 'a7700000-0000-4000-8000-000000000002', name: 'RAD-WS-78' }, reader: { initials: 'GH', name: 'Gus Holm' }, version: 1 }, [gh]));

    const outcome = await surgeon.call('pacs.sync', {});
    expect(outcome).toMatchObject({ errors: [expect.objectContaining({ message: expect.stringContaining(`Drawing ${onOtherPatient.id} was not stored: The drawing names image ${ctSop}`) })] });
    // The surgeon receiving it cannot draw it again: its reader can.
    expect(outcome.errors[0]!.message).toMatch(/: ask EF, who drew it, to draw it again on the image at their workstation\.$/);
    expect(outcome.errors).toHaveLength(1);
    const stored = await surgeon.call('annotations.list', { studyInstanceUid: FORGED_STUDY, allReaders: true });
    expect(stored.map((a) => a.id)).toEqual([notIndexed.id]);
    expect(await surgeon.call('lesions.get', { id: ef.id })).toMatchObject({ lesion: { id: ef.id } });
    expect(await surgeon.call('lesions.get', { id: gh.id })).toMatchObject({ lesion: { id: gh.id } });
    // Nothing of it under the CT's own study either.
    const ctStudy = (await surgeon.call('studies.search', {})).find((s) => s.studyInstanceUid !== FORGED_STUDY)!.studyInstanceUid;
    expect(await surgeon.call('annotations.list', { studyInstanceUid: ctStudy, allReaders: true })).toEqual([]);

    // The next version moves the stored drawing onto that image: refused, the version received before is kept.
    const moved = { ...notIndexed, sopInstanceUid: ctSop, updatedAt: '2025-03-02T10:00:00.000Z' };
    await storeOnOrthanc(orthanc, forgedFindings({ workstation: { id: 'a7700000-0000-4000-8000-000000000001', name: 'RAD-WS-77' }, reader: { initials: 'EF', name: 'Eva Fors' }, version: 2 }, [ef], [moved]));
    const next = await surgeon.call('pacs.sync', {});
    expect(next.errors).toEqual([expect.objectContaining({ message: expect.stringContaining(`Drawing ${notIndexed.id} was not stored`) })]);
    expect(await surgeon.call('annotations.list', { studyInstanceUid: FORGED_STUDY, allReaders: true })).toEqual([notIndexed]);
  });
});
