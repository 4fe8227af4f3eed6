import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppCore, type AppCore } from '../../../electron/core/app-core';
import { dispatch } from '../../../electron/core/handlers/dispatch';
import { inProcessImportRunner } from '../../../electron/core/importer/import-runners';
import { makeLesion } from '../../support/lesion-fixtures';
import { temporaryFolder } from '../../support/paths';

// The rule behind the read-only lesion form, held by the core for every door: a reader records
// and changes only their own lesions, and a surgeon records none.
let dataDir: string;
let core: AppCore;
const LESION = makeLesion({ id: 'f1000000-0000-4000-8000-000000000001', trackingUid: '2.25.4401', reader: 'AB', nature: 'lytic' });

beforeAll(async () => {
  dataDir = temporaryFolder('lesion-authorship');
  core = createAppCore({ dataDir, door: 'browser', version: 'test', roots: [dataDir], importRunner: inProcessImportRunner });
  await core.handlers['reader.set']({ initials: 'AB', name: 'Anna Berg', role: 'radiologist' });
  await core.handlers['lesions.save']({ lesion: LESION });
});
afterAll(() => {
  core.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const save = (lesion: unknown) => dispatch(core.handlers, 'lesions.save', { lesion });

describe('who may record a lesion, through the contract', () => {
  it('refuses a surgeon saving or deleting a lesion, even one naming the surgeon', async () => {
    await core.handlers['reader.set']({ initials: 'CD', name: 'Carl Dahl', role: 'surgeon' });
    const own = makeLesion({ id: 'f1000000-0000-4000-8000-000000000002', trackingUid: '2.25.4402', reader: 'CD' });
    expect(await save(own)).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringMatching(/surgeon/) } });
    expect(await save({ ...LESION, nature: 'blastic' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await dispatch(core.handlers, 'lesions.delete', { id: LESION.id })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect((await core.handlers['lesions.list']({ allReaders: true })).map((l) => l.lesion)).toEqual([LESION]);
  });

  it("refuses another radiologist's change or deletion of AB's lesion, and keeps AB's own working", async () => {
    await core.handlers['reader.set']({ initials: 'EF', name: 'Eva Fors', role: 'radiologist' });
    expect(await save({ ...LESION, reader: 'EF', nature: 'blastic' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await dispatch(core.handlers, 'lesions.delete', { id: LESION.id })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect((await core.handlers['lesions.get']({ id: LESION.id })).lesion).toEqual(LESION);

    await core.handlers['reader.set']({ initials: 'AB', name: 'Anna Berg', role: 'radiologist' });
    expect(await save({ ...LESION, nature: 'blastic' })).toMatchObject({ ok: true, value: { lesion: { nature: 'blastic', reader: 'AB' } } });
    expect((await core.handlers['audit.trail']({ entityId: LESION.id })).map((e) => `${e.action}:${e.reader}`)).toEqual(['create:AB', 'update:AB']);
  });
});
