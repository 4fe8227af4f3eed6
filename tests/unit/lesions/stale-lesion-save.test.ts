import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppCore, type AppCore } from '../../../electron/core/app-core';
import { dispatch } from '../../../electron/core/handlers/dispatch';
import { inProcessImportRunner } from '../../../electron/core/importer/import-runners';
import type { Lesion } from '@shared/lesion/lesion';
import { makeLesion, typed } from '../../support/lesion-fixtures';
import { temporaryFolder } from '../../support/paths';

// A lost update: a form opened at one version of a lesion, saved after another door (the CLI, another
// window) saved the same lesion, silently undid that change; only the audit log kept it. Two cores on
// one data folder on disk stand for two doors (the app, and the CLI beside it). Every save carries
// the revision it read the lesion at; the core refuses a stale one inside its write transaction.
let dataDir: string;
let app: AppCore;
let cli: AppCore;

type Stored = { lesion: Lesion; revision: number };
const call = async (core: AppCore, channel: string, body: unknown) => dispatch(core.handlers, channel, body);
const value = async <T>(core: AppCore, channel: string, body: unknown): Promise<T> => {
  const answer = await call(core, channel, body);
  if (!answer.ok) throw new Error(`${channel}: ${answer.error.code} ${answer.error.message}`);
  return answer.value as T;
};
const lesionOf = (n: number, overrides: Parameters<typeof makeLesion>[0] = {}) =>
  makeLesion({ id: `d9000000-0000-4000-8000-${String(n).padStart(12, '0')}`, trackingUid: `2.25.9900${n}`, nature: 'lytic', axialInvolvementMm: typed(20), reader: 'AB', ...overrides });
const at = (minute: number) => `2026-04-01T10:${String(minute).padStart(2, '0')}:00.000Z`;
const auditRows = async (id: string) => (await value<unknown[]>(app, 'audit.trail', { entityId: id })).length;
const listed = async (core: AppCore, id: string) => (await value<Stored[]>(core, 'lesions.list', {})).find((l) => l.lesion.id === id);

beforeAll(async () => {
  dataDir = temporaryFolder('stale-lesion-save');
  app = createAppCore({ dataDir, door: 'browser', version: 'test', roots: ['/'], importRunner: inProcessImportRunner });
  cli = createAppCore({ dataDir, door: 'cli', version: 'test', roots: ['/'], importRunner: inProcessImportRunner });
  await value(app, 'reader.set', { initials: 'AB', name: 'Anna Berg', role: 'radiologist' });
});
afterAll(() => {
  app.close();
  cli.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('two saves of a lesion from the same revision', () => {
  it('the second is refused as stale, naming who saved it and when; the stored record is the first save', async () => {
    const created = await value<Stored>(app, 'lesions.save', { lesion: lesionOf(1), revision: null });
    // Both doors read the lesion at this revision; the listing keeps what it read (kept reads).
    expect((await listed(app, created.lesion.id))!.revision).toBe(created.revision);
    const first = await value<Stored>(cli, 'lesions.save', { lesion: { ...created.lesion, axialInvolvementMm: typed(45), updatedAt: at(1) }, revision: created.revision });
    expect(first.revision).toBeGreaterThan(created.revision);

    const second = await call(app, 'lesions.save', { lesion: { ...created.lesion, note: 'typed in the form', updatedAt: at(2) }, revision: created.revision });
    expect(second).toMatchObject({ ok: false, error: { code: 'stale' } });
    const message = second.ok ? '' : second.error.message;
    expect(message).toContain('was saved again by AB');
    expect(message).toContain(`you read revision ${created.revision}; it is at revision ${first.revision}`);
    expect(message).toMatch(/at \d{4}-\d\d-\d\dT/);

    const stored = await value<Stored>(app, 'lesions.get', { id: created.lesion.id });
    expect({ axial: stored.lesion.axialInvolvementMm?.value, note: stored.lesion.note, revision: stored.revision }).toEqual({ axial: 45, note: '', revision: first.revision });
    expect(await listed(app, created.lesion.id)).toMatchObject({ revision: first.revision, lesion: { note: '', axialInvolvementMm: { value: 45 } } });
    expect(await auditRows(created.lesion.id)).toBe(2);
  });

  it('the form saves once it loaded the current version: its revision is the stored one', async () => {
    const current = await value<Stored>(app, 'lesions.get', { id: lesionOf(1).id });
    const saved = await value<Stored>(app, 'lesions.save', { lesion: { ...current.lesion, note: 'typed again', updatedAt: at(3) }, revision: current.revision });
    expect(saved).toMatchObject({ revision: current.revision + 1, lesion: { note: 'typed again', axialInvolvementMm: { value: 45 } } });
  });

  it('the same save sent again (its answer lost) is no conflict: answered with the stored lesion, nothing written again', async () => {
    const read = await value<Stored>(app, 'lesions.get', { id: lesionOf(1).id });
    const save = { lesion: { ...read.lesion, nature: 'mixed', updatedAt: at(4) }, revision: read.revision };
    const once = await value<Stored>(app, 'lesions.save', save);
    const rows = await auditRows(read.lesion.id);
    const again = await value<Stored>(app, 'lesions.save', { ...save, lesion: { ...save.lesion, updatedAt: at(5) } });
    expect(again).toEqual(once);
    expect(await auditRows(read.lesion.id)).toBe(rows);
  });

  it('a new lesion is no conflict; one "new" with an id stored meanwhile is', async () => {
    const fresh = lesionOf(2);
    expect(await value<Stored>(app, 'lesions.save', { lesion: fresh, revision: null })).toMatchObject({ lesion: { id: fresh.id } });
    const other = await call(cli, 'lesions.save', { lesion: { ...fresh, nature: 'blastic', updatedAt: at(6) }, revision: null });
    expect(other).toMatchObject({ ok: false, error: { code: 'stale' } });
    expect((await value<Stored>(app, 'lesions.get', { id: fresh.id })).lesion.nature).toBe('lytic');
  });

  it('a save naming no revision (the CLI batch as before) is not checked', async () => {
    const read = await value<Stored>(app, 'lesions.get', { id: lesionOf(2).id });
    await value(app, 'lesions.save', { lesion: { ...read.lesion, note: 'app', updatedAt: at(7) }, revision: read.revision });
    const batch = await value<Stored[]>(cli, 'lesions.saveAll', { lesions: [{ ...read.lesion, note: 'batch', updatedAt: at(8) }] });
    expect(batch[0]!.lesion.note).toBe('batch');
  });

  it('a batch naming a stale revision is refused whole: none of it is stored', async () => {
    const read = await value<Stored>(app, 'lesions.get', { id: lesionOf(2).id });
    await value(app, 'lesions.save', { lesion: { ...read.lesion, note: 'newer', updatedAt: at(9) }, revision: read.revision });
    const third = lesionOf(3);
    const refused = await call(cli, 'lesions.saveAll', { lesions: [third, { ...read.lesion, note: 'stale batch', updatedAt: at(10) }], revisions: { [read.lesion.id]: read.revision } });
    expect(refused).toMatchObject({ ok: false, error: { code: 'stale', message: expect.stringContaining('Record 2 of 2') } });
    expect(await call(app, 'lesions.get', { id: third.id })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect((await value<Stored>(app, 'lesions.get', { id: read.lesion.id })).lesion.note).toBe('newer');
  });
});

describe('a deletion, and a save after one', () => {
  it('a deletion from a stale revision is refused and the lesion stays; from the current one it goes', async () => {
    const read = await value<Stored>(app, 'lesions.save', { lesion: lesionOf(4), revision: null });
    await value(cli, 'lesions.save', { lesion: { ...read.lesion, note: 'CLI', updatedAt: at(11) }, revision: read.revision });
    expect(await call(app, 'lesions.delete', { id: read.lesion.id, revision: read.revision })).toMatchObject({ ok: false, error: { code: 'stale' } });
    const current = await value<Stored>(app, 'lesions.get', { id: read.lesion.id });
    expect(current.lesion.note).toBe('CLI');
    expect(await value(app, 'lesions.delete', { id: read.lesion.id, revision: current.revision })).toEqual({ deleted: true });
  });

  it('a form open on a deleted lesion is told so; the lesion created again under its id takes a revision it never had', async () => {
    const read = await value<Stored>(app, 'lesions.save', { lesion: lesionOf(5), revision: null });
    await value(cli, 'lesions.delete', { id: read.lesion.id });
    const refused = await call(app, 'lesions.save', { lesion: { ...read.lesion, note: 'late', updatedAt: at(12) }, revision: read.revision });
    expect(refused).toMatchObject({ ok: false, error: { code: 'stale', message: expect.stringContaining('was deleted by AB') } });
    expect(await call(app, 'lesions.get', { id: read.lesion.id })).toMatchObject({ ok: false, error: { code: 'not_found' } });

    const again = await value<Stored[]>(cli, 'lesions.saveAll', { lesions: [lesionOf(5)] });
    expect(again[0]!.revision).toBeGreaterThan(read.revision);
    expect(await call(app, 'lesions.save', { lesion: { ...read.lesion, note: 'late', updatedAt: at(13) }, revision: read.revision })).toMatchObject({ ok: false, error: { code: 'stale' } });
  });
});

describe("a specialist's decision on a lesion as it was read", () => {
  it('is refused when the lesion was saved since, and stored when made on the current revision', async () => {
    const read = await value<Stored>(app, 'lesions.save', { lesion: lesionOf(6), revision: null });
    await value(cli, 'lesions.save', { lesion: { ...read.lesion, axialInvolvementMm: typed(50), updatedAt: at(14) }, revision: read.revision });
    await value(app, 'reader.set', { initials: 'CD', name: 'Carl Dahl', role: 'surgeon' });
    try {
      const review = { id: 'd9100000-0000-4000-8000-000000000001', lesionId: read.lesion.id, decision: 'observe', comment: '', reviewer: 'CD' };
      expect(await call(app, 'reviews.save', { review, lesionRevision: read.revision })).toMatchObject({ ok: false, error: { code: 'stale' } });
      expect(await value(app, 'reviews.list', { lesionId: read.lesion.id })).toEqual([]);
      const current = await value<Stored>(app, 'lesions.get', { id: read.lesion.id });
      expect(await value(app, 'reviews.save', { review, lesionRevision: current.revision })).toMatchObject({ decision: 'observe', reviewer: 'CD' });
      expect(await value<unknown[]>(app, 'reviews.list', { lesionId: read.lesion.id })).toHaveLength(1);
    } finally {
      await value(app, 'reader.set', { initials: 'AB', name: 'Anna Berg', role: 'radiologist' });
    }
  });
});
