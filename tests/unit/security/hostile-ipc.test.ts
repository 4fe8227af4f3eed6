import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppCore, type AppCore, coreInternals } from '../../../electron/core/app-core';
import { dispatch } from '../../../electron/core/handlers/dispatch';
import { inProcessImportRunner } from '../../../electron/core/importer/import-runners';
import { ANNOTATION_SCHEMA_VERSION } from '@shared/annotation/annotation';
import { ErrorCodeSchema, type ErrorCode } from '@shared/errors';
import { channels, type Channel } from '@shared/ipc/contract';
import { runImport } from '../../../electron/core/importer/run-import';
import { makeLesion } from '../../support/lesion-fixtures';
import { seededRandom, type SeededRandom } from '../../support/seeded-random';
import { SHARED_DICOM, temporaryFolder } from '../../support/paths';

// Every channel of the contract, called with random and hostile payloads through the same
// dispatch every door uses: each call gets an envelope (a typed error when refused), nothing
// throws, and the app keeps working.
const SEED = Number(process.env.BONEMET_SEED ?? 20261127);
const CALLS_PER_CHANNEL = process.env.BONEMET_LONG_TESTS ? 2000 : 150;

let dataDir: string;
let core: AppCore;
beforeAll(async () => {
  dataDir = temporaryFolder('hostile-ipc');
  core = createAppCore({ dataDir, door: 'browser', version: 'test', roots: [dataDir], importRunner: inProcessImportRunner });
  await core.handlers['reader.set']({ initials: 'AB', name: 'Anna Berg', role: 'radiologist' });
});
afterAll(() => {
  core.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const HOSTILE_STRINGS = [
  '', ' ', '../../../../etc/passwd', '/etc/shadow', "1.2'; DROP TABLE lesions;--", '%00', '\u0000', 'x'.repeat(100_000),
  '<script>alert(1)</script>', 'file:///etc/passwd', '\\\\server\\share', 'NaN', '1e309', '__proto__', 'constructor',
];

function hostileValue(random: SeededRandom, depth = 0): unknown {
  switch (random.int(0, depth > 3 ? 6 : 9)) {
    case 0: return random.pick(HOSTILE_STRINGS);
    case 1: return random.pick([0, -1, 1.5, Number.MAX_SAFE_INTEGER, -1e308, 2 ** 53 + 1]);
    case 2: return random.pick([null, true, false]);
    case 3: return random.pick(['1.2.3', '2.25.1', '00000000-0000-4000-8000-000000000000', 'AB']);
    case 4: return [];
    case 5: return {};
    case 6: return Array.from({ length: random.int(1, 4) }, () => hostileValue(random, depth + 1));
    case 7: return JSON.parse('{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}}');
    default: {
      const keys = [
        'paths', 'path', 'studyInstanceUid', 'seriesInstanceUid', 'jobId', 'id', 'lesion', 'annotation', 'lesions', 'text', 'limit', 'kind', 'initials', 'name', 'entityId', 'uploadBatchId', 'allReaders',
        // export.start, pacs.set/test and reviews.save need these to get past their schemas at all.
        'destination', 'studyInstanceUids', 'url', 'authHeader', 'review',
        // analysis.start: a click and an optional second one.
        'at', 'contralateral',
      ];
      return Object.fromEntries(Array.from({ length: random.int(0, 5) }, () => [random.pick(keys), hostileValue(random, depth + 1)]));
    }
  }
}

describe('every IPC channel under hostile payloads', () => {
  it.each(channels)('%s answers each with an envelope and a typed error', async (channel) => {
    const random = seededRandom(SEED ^ [...channel].reduce((h, c) => (h * 31 + c.charCodeAt(0)) | 0, 0));
    for (let call = 0; call < CALLS_PER_CHANNEL; call++) {
      const payload = hostileValue(random);
      const envelope = await dispatch(core.handlers, channel, payload);
      if (!envelope.ok) {
        expect(ErrorCodeSchema.safeParse(envelope.error.code).success, `seed ${SEED} call ${call}`).toBe(true);
        expect(envelope.error.message.length).toBeGreaterThan(0);
        expect(envelope.error.message).not.toMatch(/Cannot read prop|undefined is not|\[object Object\]/);
      }
    }
  });

  it('leaves the app working: no pollution, a sound database, channels still answer', async () => {
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(coreInternals(core).db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(await dispatch(core.handlers, 'app.info', {})).toMatchObject({ ok: true, value: { door: 'browser' } });
    expect(await dispatch(core.handlers, 'not.a.channel', {})).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
    expect(await dispatch(core.handlers, '__proto__', {})).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
  });
});

// Requests every schema accepts, each trying something the signed-in reader may not do: the
// core, not the UI, must refuse them, with the code a door reports.
describe('schema-valid hostile requests', () => {
  let tableDir: string;
  let app: AppCore;
  let studies: { ct: string; mr: string };
  const AB = { initials: 'AB', name: 'Anna Berg', role: 'radiologist' } as const;
  const EF = { initials: 'EF', name: 'Eva Fors', role: 'radiologist' } as const;
  const CD = { initials: 'CD', name: 'Carl Dahl', role: 'surgeon' } as const;
  const LESION = makeLesion({ id: 'f2000000-0000-4000-8000-000000000001', trackingUid: '2.25.6601', reader: 'AB', nature: 'lytic' });

  beforeAll(async () => {
    tableDir = temporaryFolder('hostile-valid');
    app = createAppCore({ dataDir: tableDir, door: 'browser', version: 'test', roots: [tableDir], importRunner: inProcessImportRunner });
    await runImport(coreInternals(app).db, [`${SHARED_DICOM}/pydicom/CT_small.dcm`, `${SHARED_DICOM}/pydicom/MR_small.dcm`]);
    const found = await app.handlers['studies.search']({});
    const uidOf = (modality: string) => found.find((s) => s.modalities.includes(modality))!.studyInstanceUid;
    studies = { ct: uidOf('CT'), mr: uidOf('MR') };
    await app.handlers['reader.set'](AB);
    await app.handlers['lesions.save']({ lesion: { ...LESION, studyInstanceUid: studies.ct } });
  });
  afterAll(() => {
    app.close();
    fs.rmSync(tableDir, { recursive: true, force: true });
  });

  /** A Length on the CT study by a reader, linked to a lesion or not. */
  const drawingBy = (reader: string, id: string, lesionId: string | null) => ({
    schemaVersion: ANNOTATION_SCHEMA_VERSION, id, lesionId, studyInstanceUid: studies.ct, seriesInstanceUid: '1.2.3.4.5',
    sopInstanceUid: '1.2.3.4.5.6', frameNumber: 1, frameOfReferenceUid: '1.2.3.9', viewPlaneNormal: null, viewUp: null, tool: 'Length',
    points: [[0, 0, 0], [10, 0, 0]], text: null, measurements: { length: 10 }, reader, createdAt: '2026-03-01T09:00:00Z', updatedAt: '2026-03-01T09:00:00Z',
  });
  interface HostileCase {
    what: string;
    signedIn: typeof AB | typeof EF | typeof CD;
    channel: Channel;
    request: () => unknown;
    code: ErrorCode;
  }
  const cases: HostileCase[] = [
    { what: 'a lesion naming another reader', signedIn: EF, channel: 'lesions.save', code: 'forbidden',
      request: () => ({ lesion: makeLesion({ id: 'f2000000-0000-4000-8000-000000000002', trackingUid: '2.25.6602', reader: 'AB', studyInstanceUid: studies.ct }) }) },
    { what: "an update of another reader's lesion, renamed to the signed-in reader", signedIn: EF, channel: 'lesions.save', code: 'forbidden',
      request: () => ({ lesion: { ...LESION, studyInstanceUid: studies.ct, reader: 'EF', nature: 'blastic' } }) },
    { what: "a deletion of another reader's lesion", signedIn: EF, channel: 'lesions.delete', code: 'forbidden', request: () => ({ id: LESION.id }) },
    { what: 'a surgeon saving a lesion of their own', signedIn: CD, channel: 'lesions.save', code: 'forbidden',
      request: () => ({ lesion: makeLesion({ id: 'f2000000-0000-4000-8000-000000000003', trackingUid: '2.25.6603', reader: 'CD', studyInstanceUid: studies.ct }) }) },
    { what: 'an annotation naming another reader', signedIn: EF, channel: 'annotations.save', code: 'forbidden',
      request: () => ({ annotation: drawingBy('AB', 'f2000000-0000-4000-8000-0000000000a1', null) }) },
    { what: "EF's own annotation attached to AB's lesion", signedIn: EF, channel: 'annotations.save', code: 'forbidden',
      request: () => ({ annotation: drawingBy('EF', 'f2000000-0000-4000-8000-0000000000a2', LESION.id) }) },
    { what: "a surgeon's own annotation attached to AB's lesion", signedIn: CD, channel: 'annotations.save', code: 'forbidden',
      request: () => ({ annotation: drawingBy('CD', 'f2000000-0000-4000-8000-0000000000a3', LESION.id) }) },
    { what: 'a review recorded as someone else', signedIn: CD, channel: 'reviews.save', code: 'forbidden',
      request: () => ({ review: { id: 'f2000000-0000-4000-8000-0000000000b1', lesionId: LESION.id, decision: 'observe', comment: '', reviewer: 'XY' } }) },
    { what: 'an export into a folder outside the roots', signedIn: AB, channel: 'export.start', code: 'forbidden',
      request: () => ({ kind: 'csv', studyInstanceUids: [studies.ct], destination: '/etc/bonemet-export' }) },
    { what: 'an export climbing out of the roots', signedIn: AB, channel: 'export.start', code: 'forbidden',
      request: () => ({ kind: 'json', studyInstanceUids: [studies.ct], destination: `${tableDir}/../../escaped` }) },
    { what: 'an export of a lesion of another study', signedIn: AB, channel: 'export.start', code: 'invalid_request',
      request: () => ({ kind: 'csv', studyInstanceUids: [studies.mr], lesionIds: [LESION.id], destination: tableDir }) },
    { what: 'a PACS test carrying a credential but naming no server, none saved', signedIn: AB, channel: 'pacs.test', code: 'invalid_request',
      request: () => ({ authHeader: 'Basic QUI6c2VjcmV0' }) },
  ];

  it.each(cases)('refuses $what with $code, and changes nothing', async ({ signedIn, channel, request, code }) => {
    await app.handlers['reader.set'](signedIn);
    const audited = coreInternals(app).db.prepare('SELECT COUNT(*) FROM audit_log').pluck().get();
    const envelope = await dispatch(app.handlers, channel, request());
    expect(envelope).toMatchObject({ ok: false, error: { code } });
    expect(coreInternals(app).db.prepare('SELECT COUNT(*) FROM audit_log').pluck().get()).toBe(audited);
    await app.handlers['reader.set'](AB);
    expect((await app.handlers['lesions.list']({ allReaders: true })).map((l) => l.lesion)).toEqual([{ ...LESION, studyInstanceUid: studies.ct }]);
  });
});
