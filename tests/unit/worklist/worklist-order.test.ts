import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppCore, type AppCore } from '../../../electron/core/app-core';
import { inProcessImportRunner } from '../../../electron/core/importer/import-runners';
import { makeLesion, typed } from '../../support/lesion-fixtures';
import { temporaryFolder } from '../../support/paths';

let dataDir: string;
let core: AppCore;
const id = (n: number) => `e0000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

beforeAll(async () => {
  dataDir = temporaryFolder('worklist-order');
  core = createAppCore({ dataDir, door: 'cli', version: 'test', roots: [dataDir], importRunner: inProcessImportRunner });
  await core.handlers['reader.set']({ initials: 'AB', name: 'Anna Berg', role: 'radiologist' });
  // Three urgent lesions (41 mm of axial cortical involvement), last changed at 08:30, 09:00 and
  // 09:15 UTC; the 08:30 change recorded in Central European time, the 09:15 one in Eastern US time.
  const changes: [number, string][] = [
    [1, '2026-11-20T09:30:00+01:00'],
    [2, '2026-11-20T09:00:00Z'],
    [3, '2026-11-20T04:15:00-05:00'],
  ];
  for (const [n, updatedAt] of changes) {
    await core.handlers['lesions.save']({ lesion: makeLesion({ id: id(n), trackingUid: `2.25.9${n}`, nature: 'lytic', axialInvolvementMm: typed(41), reader: 'AB', createdAt: updatedAt, updatedAt }) });
  }
});
afterAll(() => {
  core.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('the worklist order', () => {
  it('puts the newest change first by its instant, whatever UTC offset it was recorded with', async () => {
    const order = async (sort: 'urgency' | 'newest' | 'oldest') => (await core.handlers['worklist.get']({ sort })).rows.map((r) => r.lesionId);
    expect(await order('newest')).toEqual([id(3), id(2), id(1)]);
    expect(await order('urgency')).toEqual([id(3), id(2), id(1)]);
    expect(await order('oldest')).toEqual([id(1), id(2), id(3)]);
  });
});
