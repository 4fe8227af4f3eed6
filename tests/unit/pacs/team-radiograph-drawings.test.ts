import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANNOTATION_SCHEMA_VERSION, type Annotation } from '@shared/annotation/annotation';
import { studyInstances } from '../../../electron/core/index/instance-queries';
import { saveAttachedDrawing } from '../../support/attach-drawing';
import { ORTHANC_BINARY, startOrthanc, type OrthancServer } from '../../support/orthanc-server';
import { orthancInstanceFile, teamInstancesOn } from '../../support/orthanc-team-instances';
import { temporaryFolder } from '../../support/paths';
import { DX_RADIOGRAPH, DX_SPACING, fileRadiographInStudy } from '../../support/radiograph-in-study';
import { closeTeamTest, openRadiologistAndSurgeon, type Workstation } from '../../support/team-workstations';
import { dciodvfy, dsrdump } from '../export/dicom-tools';
import { PHANTOM_IDENTITY, phantomFixture, type PhantomFixture } from '../export/dicom-export-fixture';

// Two workstations on two data folders and one real Orthanc: A (the radiologist AB) has a final
// lesion with drawings on the study's CT and on its radiograph (no frame of reference), B (the
// surgeon CD) has none of the study's images and receives A's findings through the PACS.
const HAVE_ORTHANC = fs.existsSync(ORTHANC_BINARY);

describe.skipIf(!HAVE_ORTHANC)('a drawing on a radiograph reaches the team (real Orthanc, two data folders)', () => {
  let orthanc: OrthancServer;
  let fixture: PhantomFixture;
  let a: Workstation;
  let b: Workstation;
  let scratch: string;
  let onRadiograph: Annotation;
  beforeAll(async () => {
    [orthanc, fixture] = await Promise.all([
      startOrthanc(),
      phantomFixture({ dress: (imagesDir, truth) => fileRadiographInStudy(DX_RADIOGRAPH, imagesDir, { studyInstanceUid: truth.studyInstanceUid, ...PHANTOM_IDENTITY }) }),
    ]);
    const dx = studyInstances(fixture.db, fixture.truth.studyInstanceUid).find((i) => i.modality === 'DX')!;
    // A Length from pixel centre (40, 50) to (140, 90), as the viewer stores it (world mm of the DX's default plane).
    const at = (column: number, row: number): [number, number, number] => [column * DX_SPACING.columnMm, row * DX_SPACING.rowMm, 0];
    onRadiograph = saveAttachedDrawing(
      fixture.db,
      {
        schemaVersion: ANNOTATION_SCHEMA_VERSION, id: 'f0000000-0000-4000-8000-000000000001', lesionId: null, studyInstanceUid: fixture.truth.studyInstanceUid,
        seriesInstanceUid: dx.seriesInstanceUid, sopInstanceUid: dx.sopInstanceUid, frameNumber: 1, frameOfReferenceUid: null, viewPlaneNormal: null, viewUp: null,
        tool: 'Length', points: [at(40, 50), at(140, 90)], text: 'pathological fracture line', measurements: { length: 129.26 }, reader: 'AB',
        createdAt: '2026-02-01T10:00:00.000Z', updatedAt: '2026-02-01T10:00:00.000Z',
      },
      fixture.lesions[0]!.id,
      'AB',
    );
    scratch = temporaryFolder('team-radiograph');
    [a, b] = await openRadiologistAndSurgeon(fixture.dataDir, scratch, orthanc.dicomWebUrl);
  }, 120_000);
  afterAll(() => closeTeamTest({ workstations: [a, b], fixture, orthanc, scratch }));

  it('publishes the findings with the radiograph drawing in its pixels, and the surgeon\'s workstation receives it equal', async () => {
    await a.call('pacs.set', { url: orthanc.dicomWebUrl, syncIntervalSeconds: 5 });
    // Before, the drawing without a frame of reference stopped the publication: nothing was published.
    expect(await a.call('pacs.sync', {})).toEqual({ published: 1, received: 0, waiting: 0, errors: [] });
    const stored = await teamInstancesOn(orthanc);
    expect(stored).toHaveLength(1);
    const file = path.join(scratch, 'findings.dcm');
    fs.writeFileSync(file, await orthancInstanceFile(orthanc, stored[0]!.orthancId));
    expect(dciodvfy(file).errors).toEqual([]);
    expect(dsrdump(file).stdout).toContain('<inferred from SCOORD:(111030,DCM,"Image Region")=(POLYLINE,40.5/50.5,140.5/90.5)>');

    expect(await b.call('pacs.sync', {})).toEqual({ published: 0, received: 1, waiting: 0, errors: [] });
    const received = await b.call('annotations.list', { studyInstanceUid: fixture.truth.studyInstanceUid, allReaders: true });
    expect(received.find((d) => d.id === onRadiograph.id)).toEqual(onRadiograph);
    // The CT drawings of the lesion came with it, in the same document.
    expect(received.map((d) => d.id).sort()).toEqual([...fixture.annotations.filter((x) => x.lesionId === fixture.lesions[0]!.id).map((x) => x.id), onRadiograph.id].sort());
  });
});
