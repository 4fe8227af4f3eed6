import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppCore, type AppCore, coreInternals } from '../../../electron/core/app-core';
import { dispatch } from '../../../electron/core/handlers/dispatch';
import { inProcessImportRunner } from '../../../electron/core/importer/import-runners';
import type { ReviewDecision } from '@shared/worklist/review';
import { makeLesion, typed } from '../../support/lesion-fixtures';
import { temporaryFolder } from '../../support/paths';

// A decision on a flagged lesion is dated by the host when it is saved, and recorded only by a
// reviewing specialist, whose role is kept with it.
let dataDir: string;
let core: AppCore;
const LESION = makeLesion({ id: 'c7000000-0000-4000-8000-000000000001', trackingUid: '2.25.7001', nature: 'lytic', axialInvolvementMm: typed(41), reader: 'AB' });
const reviewId = (n: number) => `c7000000-0000-4000-8000-0000000001${String(n).padStart(2, '0')}`;
const draft = (n: number, reviewer: string, decision: ReviewDecision = 'observe') => ({ id: reviewId(n), lesionId: LESION.id, decision, comment: `review ${n}`, reviewer });
const latestDecision = async () => (await core.handlers['worklist.get']({})).rows.find((r) => r.lesionId === LESION.id)!.latestReview;
const auditRows = () => coreInternals(core).db.prepare('SELECT COUNT(*) FROM audit_log').pluck().get() as number;

beforeAll(async () => {
  dataDir = temporaryFolder('review-decisions');
  core = createAppCore({ dataDir, door: 'cli', version: 'test', roots: ['/'], importRunner: inProcessImportRunner });
  await core.handlers['reader.set']({ initials: 'AB', name: 'Anna Berg', role: 'radiologist' });
  await core.handlers['lesions.save']({ lesion: LESION });
});
afterAll(() => {
  core.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe("a review's time", () => {
  it("is the host's clock when it is saved; a time sent by the client is refused, never stored", async () => {
    await core.handlers['reader.set']({ initials: 'CD', name: 'Carl Dahl', role: 'surgeon' });
    const rows = auditRows();
    const dated = await dispatch(core.handlers, 'reviews.save', { review: { ...draft(1, 'CD'), createdAt: '9999-12-31T23:59:59.000Z' } });
    expect(dated).toMatchObject({ ok: false, error: { code: 'invalid_request', message: expect.stringContaining('createdAt') } });
    expect(auditRows()).toBe(rows);
    const before = Date.now();
    const saved = await dispatch(core.handlers, 'reviews.save', { review: draft(1, 'CD', 'more-imaging') });
    const after = Date.now();
    expect(saved.ok).toBe(true);
    const { createdAt } = (saved as { value: { createdAt: string } }).value;
    expect(Date.parse(createdAt)).toBeGreaterThanOrEqual(before);
    expect(Date.parse(createdAt)).toBeLessThanOrEqual(after);
    expect((await core.handlers['reviews.list']({ lesionId: LESION.id }))[0]!.createdAt).toBe(createdAt);
  });

  it('decides the latest decision by the order reviews were saved, so a review stored dated 9999 does not stay the latest', async () => {
    // A review an earlier version stored with a client's date far in the future.
    const future = { ...draft(2, 'CD', 'radiotherapy'), createdAt: '9999-12-31T23:59:59.000Z' };
    coreInternals(core).db.prepare('INSERT INTO reviews (id, lesion_id, reviewer, record, created_at) VALUES (?, ?, ?, ?, ?)').run(future.id, future.lesionId, 'CD', JSON.stringify(future), future.createdAt);
    expect((await latestDecision())?.decision).toBe('radiotherapy');
    await core.handlers['reviews.save']({ review: draft(3, 'CD', 'prophylactic-fixation') });
    expect((await latestDecision())?.decision).toBe('prophylactic-fixation');
    expect((await core.handlers['reviews.list']({ lesionId: LESION.id })).map((r) => r.decision)).toEqual(['prophylactic-fixation', 'radiotherapy', 'more-imaging']);
  });
});

describe('who records a decision', () => {
  it.each(['radiologist', 'researcher'] as const)('refuses a %s as forbidden, saying which roles decide, and stores nothing', async (role) => {
    await core.handlers['reader.set']({ initials: 'EF', name: 'Eva Fors', role });
    const rows = auditRows();
    const refused = await dispatch(core.handlers, 'reviews.save', { review: draft(10, 'EF') });
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect((refused as { error: { message: string } }).error.message).toMatch(/surgeon, neurosurgeon, radiation oncologist or interventional radiologist/);
    expect(auditRows()).toBe(rows);
    expect((await core.handlers['reviews.list']({ lesionId: LESION.id })).some((r) => r.id === reviewId(10))).toBe(false);
  });

  it.each([
    ['GH', 'Gus Hale', 'neurosurgeon', 'stabilisation-decompression'],
    ['IJ', 'Ida Jong', 'radiation-oncologist', 'radiotherapy'],
    ['KL', 'Kim Lund', 'interventional-radiologist', 'vertebral-augmentation-or-ablation'],
    ['CD', 'Carl Dahl', 'surgeon', 'prophylactic-fixation'],
  ] as const)('records %s (%s) as %s, with the role kept on the decision', async (initials, name, role, decision) => {
    await core.handlers['reader.set']({ initials, name, role });
    const n = 20 + ['GH', 'IJ', 'KL', 'CD'].indexOf(initials);
    const saved = await core.handlers['reviews.save']({ review: draft(n, initials, decision) });
    expect(saved).toMatchObject({ reviewer: initials, reviewerRole: role, decision });
    expect(await latestDecision()).toMatchObject({ reviewer: initials, reviewerRole: role, decision });
    // A reviewing specialist reviews lesions but records none, whichever role.
    const lesion = makeLesion({ id: `c7000000-0000-4000-8000-0000000002${n}`, trackingUid: `2.25.72${n}`, reader: initials });
    expect(await dispatch(core.handlers, 'lesions.save', { lesion })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('reads a review stored before roles were kept as having no recorded role', async () => {
    const old = { ...draft(30, 'CD'), createdAt: '2025-11-03T08:00:00.000Z' };
    coreInternals(core).db.prepare('INSERT INTO reviews (id, lesion_id, reviewer, record, created_at) VALUES (?, ?, ?, ?, ?)').run(old.id, old.lesionId, 'CD', JSON.stringify(old), old.createdAt);
    expect((await core.handlers['reviews.list']({ lesionId: LESION.id })).find((r) => r.id === old.id)).toMatchObject({ reviewer: 'CD', reviewerRole: null });
  });
});
