import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/core/db/open-database';
import { dispatch } from '../../../electron/core/handlers/dispatch';
import { exportHandlers } from '../../../electron/core/handlers/export-handlers';
import { ExportJobs } from '../../../electron/core/export/jobs/export-jobs';
import { pacsTarget } from '../../../electron/core/settings/pacs-settings-store';
import type { Handlers } from '@shared/ipc/contract';
import { freePort } from '../../support/orthanc-server';
import { temporaryFolder } from '../../support/paths';

const folders: string[] = [];
afterEach(() => {
  for (const f of folders.splice(0)) fs.rmSync(f, { recursive: true, force: true });
});

function settingsChannels() {
  const dataDir = temporaryFolder('pacs-settings');
  folders.push(dataDir);
  const db = openDatabase(dataDir);
  const handlers = exportHandlers(db, new ExportJobs({ db, dataDir, roots: [dataDir], appVersion: '0.1.0' })) as unknown as Handlers;
  return { db, call: (channel: string, payload: unknown) => dispatch(handlers, channel, payload) };
}

describe('PACS settings', () => {
  it('has none at first, saves one, and shows the header scheme but never its secret', async () => {
    const { db, call } = settingsChannels();
    expect(await call('pacs.get', {})).toEqual({ ok: true, value: null });
    const saved = await call('pacs.set', { url: 'https://pacs.example.org/dicom-web/', authHeader: 'Bearer s3cret-token' });
    expect(saved).toMatchObject({ ok: true, value: { url: 'https://pacs.example.org/dicom-web', authScheme: 'Bearer' } });
    expect(JSON.stringify(await call('pacs.get', {}))).not.toContain('s3cret');
    expect(pacsTarget(db)).toMatchObject({ url: 'https://pacs.example.org/dicom-web', authorization: 'Bearer s3cret-token' });
    // The same URL without a header keeps it (a trailing slash is the same URL); null removes it.
    await call('pacs.set', { url: 'https://pacs.example.org/dicom-web/' });
    expect(pacsTarget(db)?.authorization).toBe('Bearer s3cret-token');
    await call('pacs.set', { url: 'https://pacs.example.org/dicom-web', authHeader: null });
    expect(pacsTarget(db)?.authorization).toBeUndefined();
    expect(await call('pacs.clear', {})).toEqual({ ok: true, value: { cleared: true } });
    expect(await call('pacs.get', {})).toEqual({ ok: true, value: null });
    db.close();
  });

  it('forgets the header when the URL changes without one: a header belongs to the server it was saved with', async () => {
    const { db, call } = settingsChannels();
    await call('pacs.set', { url: 'https://pacs.example.org/dicom-web', authHeader: 'Bearer s3cret-token' });
    expect(await call('pacs.set', { url: 'https://other.example.org/dicom-web' })).toMatchObject({ ok: true, value: { url: 'https://other.example.org/dicom-web', authScheme: null } });
    expect(pacsTarget(db)).toEqual(expect.not.objectContaining({ authorization: expect.anything() }));
    // Going back to the first URL does not bring it back either: it is gone.
    await call('pacs.set', { url: 'https://pacs.example.org/dicom-web' });
    expect(pacsTarget(db)?.authorization).toBeUndefined();
    // A new URL with a header given stores that header.
    await call('pacs.set', { url: 'https://third.example.org/dicom-web', authHeader: 'Basic dXNlcjpwdw==' });
    expect(pacsTarget(db)?.authorization).toBe('Basic dXNlcjpwdw==');
    db.close();
  });

  it('pacs.test sends the saved header to the saved URL only, never to another one', async () => {
    const { db, call } = settingsChannels();
    const heard: { port: number; authorization: string | null }[] = [];
    const servers = await Promise.all([0, 1].map(() => new Promise<http.Server>((resolve) => {
      const server = http.createServer((req, res) => {
        heard.push({ port: (server.address() as AddressInfo).port, authorization: req.headers.authorization ?? null });
        res.writeHead(200, { 'content-type': 'application/dicom+json' }).end('[]');
      });
      server.listen(0, '127.0.0.1', () => resolve(server));
    })));
    const [saved, other] = servers.map((s) => (s.address() as AddressInfo).port) as [number, number];
    try {
      await call('pacs.set', { url: `http://127.0.0.1:${saved}/dicom-web`, authHeader: 'Bearer s3cret-token' });
      expect(await call('pacs.test', {})).toMatchObject({ ok: true, value: { ok: true } });
      expect(await call('pacs.test', { url: `http://127.0.0.1:${saved}/dicom-web/` })).toMatchObject({ ok: true, value: { ok: true } });
      expect(await call('pacs.test', { url: `http://127.0.0.1:${other}/dicom-web` })).toMatchObject({ ok: true, value: { ok: true } });
      expect(await call('pacs.test', { url: `http://127.0.0.1:${saved}/another-root` })).toMatchObject({ ok: true, value: { ok: true } });
      // A header typed for the test is sent where the test goes.
      expect(await call('pacs.test', { url: `http://127.0.0.1:${other}/dicom-web`, authHeader: 'Bearer typed-now' })).toMatchObject({ ok: true, value: { ok: true } });
      expect(heard).toEqual([
        { port: saved, authorization: 'Bearer s3cret-token' },
        { port: saved, authorization: 'Bearer s3cret-token' },
        { port: other, authorization: null },
        { port: saved, authorization: null },
        { port: other, authorization: 'Bearer typed-now' },
      ]);
    } finally {
      await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
      db.close();
    }
  });

  const refused: [string, unknown, string, RegExp][] = [
    ['a URL that is not http(s)', { url: 'ftp://pacs.example.org/dicom-web' }, 'invalid_request', /http:\/\/ or https:\/\//],
    ['not a URL at all', { url: 'pacs here' }, 'invalid_request', /http:\/\/ or https:\/\//],
    ['credentials in the URL', { url: 'https://user:pw@pacs.example.org/dicom-web' }, 'invalid_request', /no user name or password/],
    ['a query string', { url: 'https://pacs.example.org/dicom-web?x=1' }, 'invalid_request', /without a query or fragment/],
    ['a header with a line break (header injection)', { url: 'https://pacs.example.org/dicom-web', authHeader: 'Bearer x\r\nX-Evil: 1' }, 'invalid_request', /on one line/],
    ['a header with no scheme', { url: 'https://pacs.example.org/dicom-web', authHeader: 'token-only' }, 'invalid_request', /scheme and its credentials/],
    ['a header sent in clear off this machine', { url: 'http://pacs.example.org/dicom-web', authHeader: 'Basic dXNlcjpwdw==' }, 'forbidden', /in clear over http:\/\//],
    ['an unknown field', { url: 'https://pacs.example.org/dicom-web', password: 'x' }, 'invalid_request', /Unrecognized key|unrecognized/i],
  ];
  it.each(refused)('refuses %s with a typed error and stores nothing', async (_, payload, code, message) => {
    const { db, call } = settingsChannels();
    const answer = await call('pacs.set', payload);
    expect(answer).toMatchObject({ ok: false, error: { code } });
    expect((answer as { error: { message: string } }).error.message).toMatch(message);
    expect(await call('pacs.get', {})).toEqual({ ok: true, value: null });
    db.close();
  });

  it('allows a header over plain http to this machine (a PACS on loopback)', async () => {
    const { db, call } = settingsChannels();
    expect(await call('pacs.set', { url: 'http://127.0.0.1:8042/dicom-web', authHeader: 'Basic dXNlcjpwdw==' })).toMatchObject({ ok: true, value: { authScheme: 'Basic' } });
    db.close();
  });

  it('tests a connection for real and reports that nothing answers on a closed port', async () => {
    const { db, call } = settingsChannels();
    const url = `http://127.0.0.1:${await freePort()}/dicom-web`;
    const answer = await call('pacs.test', { url });
    expect(answer).toMatchObject({ ok: true, value: { ok: false, httpStatus: null, url: `${url}/studies?limit=1` } });
    expect((answer as { value: { message: string } }).value.message).toMatch(/connection refused/);
    expect(await call('pacs.test', {})).toMatchObject({ ok: false, error: { code: 'invalid_request', message: expect.stringMatching(/no PACS is configured/) } });
    db.close();
  });
});
