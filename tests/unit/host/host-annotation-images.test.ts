import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Annotation } from '@shared/annotation/annotation';
import { createAppCore, type AppCore, coreInternals } from '../../../electron/core/app-core';
import { inProcessImportRunner } from '../../../electron/core/importer/import-runners';
import { runImport } from '../../../electron/core/importer/run-import';
import { startHost, type RunningHost } from '../../../electron/host/host-server';
import { SHARED_DICOM, temporaryFolder } from '../../support/paths';

// A drawing names the image it lies on by UIDs and a frame. Sent over the real HTTP door, one that
// names an indexed image wrongly (a frame the image lacks, an image of another series or another
// patient's study) is refused: the SR would reference a frame that does not exist, or another
// patient's image, and listing by study would show it with the wrong patient.
let dataDir: string;
let core: AppCore;
let host: RunningHost;
/** A CT of one frame, and an MR of ten frames, each its own study. */
let ct: { study: string; series: string; sop: string };
let mr: { study: string; series: string; sop: string };

beforeAll(async () => {
  dataDir = temporaryFolder('host-annotation-images');
  core = createAppCore({ dataDir, door: 'browser', version: 'test', roots: [dataDir], importRunner: inProcessImportRunner });
  await runImport(coreInternals(core).db, [path.join(SHARED_DICOM, 'pydicom', 'CT_small.dcm'), path.join(SHARED_DICOM, 'pydicom-data', 'emri_small.dcm')]);
  const image = async (modality: string) => {
    const study = (await core.handlers['studies.search']({})).find((s) => s.modalities.includes(modality))!.studyInstanceUid;
    const series = (await core.handlers['studies.get']({ studyInstanceUid: study })).series[0]!.seriesInstanceUid;
    const instance = (await core.handlers['series.instances']({ seriesInstanceUid: series }))[0]!;
    return { study, series, sop: instance.sopInstanceUid, frames: instance.frames };
  };
  const [c, m] = [await image('CT'), await image('MR')];
  expect([c.frames, m.frames]).toEqual([1, 10]);
  [ct, mr] = [c, m];
  await core.handlers['reader.set']({ initials: 'AB', name: 'Anna Berg', role: 'radiologist' });
  host = await startHost({ core, dataDir, rendererDir: dataDir });
});
afterAll(async () => {
  await host.close();
  core.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function rpc(channel: string, body: unknown): Promise<{ ok: boolean; value?: unknown; error?: { code: string; message: string } }> {
  const response = await fetch(`http://127.0.0.1:${host.port}/rpc/${channel}`, { method: 'POST', headers: { authorization: `Bearer ${host.token}` }, body: JSON.stringify(body) });
  return response.json() as Promise<{ ok: boolean; value?: unknown; error?: { code: string; message: string } }>;
}

let n = 0;
/** A length drawn on `image`'s frame `frameNumber`, under the study and series given. */
function drawing(on: { study: string; series: string }, sop: string, frameNumber: number): Annotation {
  return {
    schemaVersion: 2, id: `f6000000-0000-4000-8000-${String(++n).padStart(12, '0')}`, lesionId: null,
    studyInstanceUid: on.study, seriesInstanceUid: on.series, sopInstanceUid: sop, frameNumber,
    frameOfReferenceUid: null, viewPlaneNormal: null, viewUp: null, tool: 'Length', points: [[0, 0, 0], [10, 0, 0]], text: null,
    measurements: { length: 10 }, reader: 'AB', createdAt: '2026-12-01T10:00:00.000Z', updatedAt: '2026-12-01T10:00:00.000Z',
  };
}

describe('a drawing that names its image wrongly', () => {
  it('on a frame the image does not have is refused, naming the frames it has; the last frame is taken', async () => {
    expect(await rpc('annotations.save', { annotation: drawing(mr, mr.sop, 11) })).toEqual({
      ok: false,
      error: { code: 'invalid_request', message: `The drawing is on frame 11 of image ${mr.sop}, which has 10 frames: draw it again on the image.` },
    });
    expect(await rpc('annotations.save', { annotation: drawing(ct, ct.sop, 2) })).toMatchObject({ ok: false, error: { code: 'invalid_request', message: expect.stringContaining('which has 1 frame:') } });
    expect(await rpc('annotations.save', { annotation: drawing(mr, mr.sop, 10) })).toMatchObject({ ok: true, value: { frameNumber: 10 } });
    expect(await rpc('annotations.save', { annotation: drawing(ct, ct.sop, 1) })).toMatchObject({ ok: true });
  });

  it("as another series', or another patient's study's, is refused, and listed under neither", async () => {
    const before = { ct: await rpc('annotations.list', { studyInstanceUid: ct.study }), mr: await rpc('annotations.list', { studyInstanceUid: mr.study }) };
    expect(await rpc('annotations.save', { annotation: drawing(ct, mr.sop, 1) })).toEqual({
      ok: false,
      error: {
        code: 'invalid_request',
        message: `The drawing names image ${mr.sop} as one of series ${ct.series} of study ${ct.study}, but that image is of series ${mr.series} of study ${mr.study}: draw it again on the image.`,
      },
    });
    expect(await rpc('annotations.save', { annotation: drawing({ study: mr.study, series: ct.series }, mr.sop, 1) })).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    expect(await rpc('annotations.list', { studyInstanceUid: ct.study })).toEqual(before.ct);
    expect(await rpc('annotations.list', { studyInstanceUid: mr.study })).toEqual(before.mr);
  });

  it('on an image no longer in the index is still kept (a study removed while its drawing was being saved)', async () => {
    expect(await rpc('annotations.save', { annotation: drawing(ct, '1.2.826.0.1.3680043.10.999.1', 3) })).toMatchObject({ ok: true });
  });
});
