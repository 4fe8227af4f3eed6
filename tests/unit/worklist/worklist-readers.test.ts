import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppCore, type AppCore } from '../../../electron/core/app-core';
import { dispatch } from '../../../electron/core/handlers/dispatch';
import { inProcessImportRunner } from '../../../electron/core/importer/import-runners';
import { makeLesion } from '../../support/lesion-fixtures';
import { restoreLesionsFromElsewhere } from '../../support/lesions-from-elsewhere';
import { temporaryFolder } from '../../support/paths';

let dataDir: string;
let core: AppCore;
const id = (n: number) => `d1000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const lesionBy = (reader: string, n: number) => makeLesion({ id: id(n), trackingUid: `2.25.77${n}`, reader });

beforeAll(() => {
  dataDir = temporaryFolder('worklist-readers');
  core = createAppCore({ dataDir, door: 'cli', version: 'test', roots: [dataDir], importRunner: inProcessImportRunner });
});
afterAll(() => {
  core.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe("the worklist's reader filter", () => {
  it('offers the readers who have lesions, by initials, with the name they signed in with', async () => {
    expect(await core.handlers['worklist.readers']({})).toEqual([]);
    await core.handlers['reader.set']({ initials: 'CD', name: 'Carl Dahl', role: 'surgeon' });
    await core.handlers['reader.set']({ initials: 'AB', name: 'Anna Berg', role: 'radiologist' });
    await core.handlers['lesions.save']({ lesion: lesionBy('AB', 1) });
    await core.handlers['lesions.save']({ lesion: lesionBy('AB', 2) });
    // Initials never named here (a lesion restored from another workstation's SR): listed, without a name.
    restoreLesionsFromElsewhere(dataDir, [lesionBy('EF', 3)], 'AB');
    // CD signed in but recorded no lesion: not offered, filtering by CD would show nothing.
    expect(await core.handlers['worklist.readers']({})).toEqual([
      { initials: 'AB', name: 'Anna Berg' },
      { initials: 'EF', name: null },
    ]);
    // A reader who names themselves later is listed with that name; deleting the last lesion drops them.
    await core.handlers['reader.set']({ initials: 'EF', name: 'Eva Fors', role: 'radiologist' });
    expect((await core.handlers['worklist.readers']({})).map((r) => r.name)).toEqual(['Anna Berg', 'Eva Fors']);
    // Only EF deletes EF's lesion.
    await core.handlers['lesions.delete']({ id: id(3) });
    expect(await core.handlers['worklist.readers']({})).toEqual([{ initials: 'AB', name: 'Anna Berg' }]);
  });

  it('refuses a payload the contract does not name, with a typed error', async () => {
    expect(await dispatch(core.handlers, 'worklist.readers', { reader: 'AB' })).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    expect(await dispatch(core.handlers, 'worklist.readers', [])).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    expect(await dispatch(core.handlers, 'worklist.readers', {})).toMatchObject({ ok: true, value: [{ initials: 'AB', name: 'Anna Berg' }] });
  });
});
