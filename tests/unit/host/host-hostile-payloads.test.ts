import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppCore, type AppCore, coreInternals } from '../../../electron/core/app-core';
import { inProcessImportRunner } from '../../../electron/core/importer/import-runners';
import { runImport } from '../../../electron/core/importer/run-import';
import { startHost, type RunningHost } from '../../../electron/host/host-server';
import { makeLesion } from '../../support/lesion-fixtures';
import { dciodvfy } from '../export/dicom-tools';
import { SHARED_DICOM, temporaryFolder } from '../../support/paths';

// Payloads a page holding the token could send, through the real HTTP door onto real SQLite.
let dataDir: string;
let core: AppCore;
let host: RunningHost;
let studyInstanceUid: string;

beforeAll(async () => {
  dataDir = temporaryFolder('host-payloads');
  core = createAppCore({ dataDir, door: 'browser', version: 'test', roots: [dataDir], importRunner: inProcessImportRunner });
  await runImport(coreInternals(core).db, [path.join(SHARED_DICOM, 'pydicom', 'CT_small.dcm')]);
  studyInstanceUid = (await core.handlers['studies.search']({}))[0]!.studyInstanceUid;
  host = await startHost({ core, dataDir, rendererDir: dataDir });
});
afterAll(async () => {
  await host.close();
  core.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** POST /rpc/<channel> with a raw body, as a bearer-token client; the envelope as it came. */
async function rpc(channel: string, body: string): Promise<unknown> {
  const response = await fetch(`http://127.0.0.1:${host.port}/rpc/${channel}`, { method: 'POST', headers: { authorization: `Bearer ${host.token}` }, body });
  return response.json();
}

describe("a reader's name", () => {
  const REFUSAL = {
    ok: false,
    error: { code: 'invalid_request', message: 'Invalid request at name: a name holds no control character and no backslash (DICOM reads a backslash as the start of a second name)' },
  };

  it('with a backslash or a control character (NUL, escape, line break) is refused, and the reader stays who they were', async () => {
    expect(await rpc('reader.set', JSON.stringify({ initials: 'AB', name: 'Anna Berg', role: 'radiologist' }))).toMatchObject({ ok: true });
    for (const name of ['Anna\\Berg', 'Anna\u0000Berg', 'Anna \u001b[31mBerg', 'Anna\r\nBerg', 'Anna\u0007']) {
      expect(await rpc('reader.set', JSON.stringify({ initials: 'AB', name, role: 'radiologist' })), JSON.stringify(name)).toEqual(REFUSAL);
    }
    expect(await rpc('reader.get', '{}')).toEqual({ ok: true, value: { initials: 'AB', name: 'Anna Berg', role: 'radiologist' } });
  });

  it('with a bidi override, embedding or isolate is refused: it would turn around what follows it on the referral\'s lines', async () => {
    for (const name of ['Anna \u202EgreB', 'Anna\u202ABerg', '\u2067Anna Berg\u2069']) {
      expect(await rpc('reader.set', JSON.stringify({ initials: 'AB', name, role: 'radiologist' })), JSON.stringify(name)).toEqual({
        ok: false,
        error: { code: 'invalid_request', message: 'Invalid request at name: a name holds no bidi override, embedding or isolate (U+202A-202E, U+2066-2069)' },
      });
    }
    expect(await rpc('reader.get', '{}')).toMatchObject({ ok: true, value: { name: 'Anna Berg' } });
  });

  it('in any script, with accents, hyphens, apostrophes and DICOM name separators, is taken as typed', async () => {
    for (const name of ['Åsa Öberg-Nilsson', "Ciarán O'Neill", '山田 太郎', 'Berg^Anna']) {
      expect(await rpc('reader.set', JSON.stringify({ initials: 'AB', name, role: 'radiologist' })), name).toEqual({ ok: true, value: { initials: 'AB', name, role: 'radiologist' } });
    }
    expect((await rpc('reader.set', JSON.stringify({ initials: 'AB', name: 'Anna Berg', role: 'radiologist' })) as { ok: boolean }).ok).toBe(true);
  });
});

describe('prototype keys and numbers out of range', () => {
  it('pollute nothing and are refused or ignored with typed errors; the lesion saved is the one sent', async () => {
    const polluting = '{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}';
    for (const channel of ['studies.search', 'lesions.list', 'import.history', 'worklist.get']) expect(await rpc(channel, polluting), channel).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    const lesion = makeLesion({ id: 'a3000000-0000-4000-8000-000000000001', trackingUid: '2.25.9301', studyInstanceUid });
    const body = JSON.stringify({ lesion }).replace('{"schemaVersion"', '{"__proto__":{"reader":"XY","polluted":true},"schemaVersion"');
    expect(await rpc('lesions.save', body)).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    expect(await rpc('lesions.save', JSON.stringify({ lesion }))).toMatchObject({ ok: true, value: { lesion: { reader: 'AB' } } });
    for (const limit of [1e308, -1, 2 ** 53 + 1, 0.5]) expect(await rpc('import.history', JSON.stringify({ limit })), String(limit)).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    expect(await rpc('import.history', '{"limit":1e999}')).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(coreInternals(core).db.pragma('integrity_check', { simple: true })).toBe('ok');
  });
});

describe('a lesion note with control characters', () => {
  it('gives an SR that is valid DICOM text (dciodvfy), and the SR restores the note exactly', async () => {
    await rpc('reader.set', JSON.stringify({ initials: 'AB', name: 'Anna Berg', role: 'radiologist' }));
    const note = 'cortex\tthinned\u0000; see\u0007prior\r\nand \u000bfollow-up';
    const lesion = makeLesion({ id: 'a3000000-0000-4000-8000-000000000002', trackingUid: '2.25.9302', studyInstanceUid, note });
    expect(await rpc('lesions.save', JSON.stringify({ lesion }))).toMatchObject({ ok: true, value: { lesion: { note } } });
    const destination = path.join(dataDir, 'sr-out');
    const started = (await rpc('export.start', JSON.stringify({ kind: 'sr', studyInstanceUids: [studyInstanceUid], lesionIds: [lesion.id], destination, sendToPacs: false }))) as { value: { jobId: string } };
    const status = (await rpc('export.status', JSON.stringify({ jobId: started.value.jobId, waitMs: 20_000 }))) as { value: { state: string; filesWritten: { path: string }[] } };
    expect(status.value.state).toBe('done');
    const sr = status.value.filesWritten[0]!.path;
    expect(dciodvfy(sr).errors.filter((e) => /Character invalid/.test(e))).toEqual([]);
    const restored = await rpc('lesions.importSr', JSON.stringify({ path: sr, replace: true }));
    expect(restored, JSON.stringify(restored)).toMatchObject({ ok: true, value: { lesions: 1 } });
    expect(await rpc('lesions.get', JSON.stringify({ id: lesion.id }))).toMatchObject({ ok: true, value: { lesion: { note } } });
  });
});

describe('a drawing with a point beyond any scanner', () => {
  it('is refused when saved, naming the bound, rather than kept for an SR that could never be restored; one within the bound restores', async () => {
    await rpc('reader.set', JSON.stringify({ initials: 'AB', name: 'Anna Berg', role: 'radiologist' }));
    const study = (await rpc('studies.get', JSON.stringify({ studyInstanceUid }))) as { value: { series: { seriesInstanceUid: string }[] } };
    const seriesInstanceUid = study.value.series[0]!.seriesInstanceUid;
    const image = ((await rpc('series.instances', JSON.stringify({ seriesInstanceUid }))) as { value: { sopInstanceUid: string; imagePositionPatient: number[] }[] }).value[0]!;
    // On the image's plane (an axial slice): the SR writes an image's drawing in its pixels.
    const z = image.imagePositionPatient[2]!;
    const [far, beyond, near] = ['a3000000-0000-4000-8000-0000000000f1', 'a3000000-0000-4000-8000-0000000000f2', 'a3000000-0000-4000-8000-0000000000f3'];
    const lesion = makeLesion({ id: 'a3000000-0000-4000-8000-0000000000f0', trackingUid: '2.25.9310', studyInstanceUid, attachedAnnotationIds: [far, beyond, near] });
    expect(await rpc('lesions.save', JSON.stringify({ lesion }))).toMatchObject({ ok: true });
    const now = new Date().toISOString();
    const drawing = (id: string, points: number[][]) => JSON.stringify({
      annotation: {
        schemaVersion: 2, id, lesionId: lesion.id, studyInstanceUid, seriesInstanceUid, sopInstanceUid: image.sopInstanceUid, frameNumber: 1,
        frameOfReferenceUid: null, viewPlaneNormal: null, viewUp: null, tool: 'Length', points, text: null, measurements: { length: 12.5 }, reader: 'AB', createdAt: now, updatedAt: now,
      },
    });
    for (const [id, points] of [[far, [[1e300, -1e300, z], [1e300, 1e300, z]]], [beyond, [[10, 20, z], [10, 1_000_001, z]]]] as const) {
      expect(await rpc('annotations.save', drawing(id, points as unknown as number[][])), id).toMatchObject({
        ok: false,
        error: { code: 'invalid_request', message: expect.stringContaining("within 1000000 mm (1 km) of the frame of reference's origin") },
      });
    }
    const nearPoints = [[-999_000, 20.25, z], [11, 21, z]];
    expect(await rpc('annotations.save', drawing(near, nearPoints))).toMatchObject({ ok: true });

    const destination = path.join(dataDir, 'sr-far');
    const started = (await rpc('export.start', JSON.stringify({ kind: 'sr', studyInstanceUids: [studyInstanceUid], lesionIds: [lesion.id], destination, sendToPacs: false }))) as { value: { jobId: string } };
    const status = (await rpc('export.status', JSON.stringify({ jobId: started.value.jobId, waitMs: 20_000 }))) as { value: { state: string; filesWritten: { path: string }[] } };
    expect(status.value.state).toBe('done');
    const restored = await rpc('lesions.importSr', JSON.stringify({ path: status.value.filesWritten[0]!.path, replace: true }));
    expect(restored, JSON.stringify(restored)).toMatchObject({ ok: true, value: { lesions: 1, annotations: 1 } });
    const listed = (await rpc('annotations.list', JSON.stringify({ studyInstanceUid }))) as { value: { id: string; points: number[][] }[] };
    expect(listed.value.filter((a) => [far, beyond, near].includes(a.id)).map((a) => [a.id, a.points])).toEqual([[near, nearPoints]]);

    // A drawing stored beyond the bound before it existed (an older version kept any finite point)
    // is still read: its study's drawings list, and its lesion still saves. Nothing saved is lost.
    const db = coreInternals(core).db;
    const stored = JSON.parse(db.prepare('SELECT record FROM annotations WHERE id = ?').pluck().get(near) as string) as { points: number[][] };
    stored.points[0] = [-2_000_000, 20.25, z];
    db.prepare('UPDATE annotations SET record = ? WHERE id = ?').run(JSON.stringify(stored), near);
    const relisted = (await rpc('annotations.list', JSON.stringify({ studyInstanceUid }))) as { ok: boolean; value: { id: string; points: number[][] }[] };
    expect(relisted.ok).toBe(true);
    expect(relisted.value.find((a) => a.id === near)?.points[0]).toEqual([-2_000_000, 20.25, z]);
    expect(await rpc('lesions.save', JSON.stringify({ lesion: { ...lesion, note: 'seen again' } }))).toMatchObject({ ok: true });
  });
});
