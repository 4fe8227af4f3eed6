import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppCore, type AppCore } from '../../../electron/core/app-core';
import { inProcessImportRunner } from '../../../electron/core/importer/import-runners';
import { makeLesion, typed } from '../../support/lesion-fixtures';
import { temporaryFolder } from '../../support/paths';

// A surgeon decides on a lesion as it was; when the radiologist changes the lesion afterwards, the
// decision must say so wherever it is shown (the decisions panel, the worklist), with what changed,
// who changed it and when. A save that changes nothing, or a change undone, leaves the decision current.
let dataDir: string;
let core: AppCore;
const LESION = makeLesion({ id: 'c8000000-0000-4000-8000-000000000001', trackingUid: '2.25.8001', nature: 'lytic', axialInvolvementMm: typed(31), reader: 'AB' });
const decide = async (n: number) => {
  await core.handlers['reader.set']({ initials: 'CD', name: 'Carl Dahl', role: 'surgeon' });
  await core.handlers['reviews.save']({ review: { id: `c8000000-0000-4000-8000-0000000001${String(n).padStart(2, '0')}`, lesionId: LESION.id, decision: 'observe', comment: '', reviewer: 'CD' } });
};
const edit = async (changes: Partial<typeof LESION>) => {
  await core.handlers['reader.set']({ initials: 'AB', name: 'Anna Berg', role: 'radiologist' });
  await core.handlers['lesions.save']({ lesion: { ...LESION, ...changes, updatedAt: new Date().toISOString() } });
};
const listed = async () => core.handlers['reviews.list']({ lesionId: LESION.id });
const onWorklist = async () => (await core.handlers['worklist.get']({})).rows.find((r) => r.lesionId === LESION.id)!.latestReview;

beforeAll(async () => {
  dataDir = temporaryFolder('decision-changed-lesion');
  core = createAppCore({ dataDir, door: 'cli', version: 'test', roots: ['/'], importRunner: inProcessImportRunner });
  await edit({});
});
afterAll(() => {
  core.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('a decision on a lesion changed after it', () => {
  it('is current while the lesion is as decided on, even saved again unchanged', async () => {
    await decide(1);
    await edit({});
    expect((await listed())[0]).toMatchObject({ decision: 'observe', lesionChangedAfter: null });
    expect(await onWorklist()).toMatchObject({ lesionChangedAfter: null });
  });

  it('says what changed, who changed it and when, in the decisions panel and on the worklist', async () => {
    const before = Date.now();
    await edit({ axialInvolvementMm: typed(45), clinical: { ...LESION.clinical, mirelsPain: 'functional' } });
    const [decision] = await listed();
    expect(decision!.lesionChangedAfter).toMatchObject({ by: 'AB', fields: ['axial involvement (mm)', 'Mirels pain'] });
    expect(Date.parse(decision!.lesionChangedAfter!.at)).toBeGreaterThanOrEqual(before);
    expect((await onWorklist())!.lesionChangedAfter).toEqual(decision!.lesionChangedAfter);
  });

  it('is current again for a decision recorded after the change, while the earlier one still says so', async () => {
    await decide(2);
    const [newest, earlier] = await listed();
    expect(newest!.lesionChangedAfter).toBeNull();
    expect(earlier!.lesionChangedAfter?.fields).toEqual(['axial involvement (mm)', 'Mirels pain']);
    expect((await onWorklist())!.lesionChangedAfter).toBeNull();
  });
});
