import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppCore, type AppCore } from '../../../electron/core/app-core';
import { workerImportRunner } from '../../../electron/core/importer/import-runners';
import { startHost, type RunningHost } from '../../../electron/host/host-server';
import { SHARED_DICOM, temporaryFolder } from '../../support/paths';

let dataDir: string;
let rendererDir: string;
let core: AppCore;
let host: RunningHost;

beforeAll(async () => {
  dataDir = temporaryFolder('host-data');
  rendererDir = temporaryFolder('host-renderer');
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>BoneMet Review</title>');
  core = createAppCore({ dataDir, door: 'browser', version: 'test', roots: [path.join(SHARED_DICOM, 'pydicom')], importRunner: workerImportRunner() });
  host = await startHost({ core, dataDir, rendererDir });
  const { jobId } = await core.handlers['import.start']({ paths: [path.join(SHARED_DICOM, 'pydicom', 'CT_small.dcm')] });
  await core.importJobs.wait(jobId);
});
afterAll(async () => {
  await host.close();
  core.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.rmSync(rendererDir, { recursive: true, force: true });
});

/** A raw request, so that the tests control every header a browser or an attacker would send. */
function request(pathname: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port: host.port, path: pathname, method: options.method ?? 'GET', headers: { host: `127.0.0.1:${host.port}`, ...options.headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}
const origin = () => `http://127.0.0.1:${host.port}`;
const rpc = (channel: string, body: unknown, headers: Record<string, string> = {}) =>
  request(`/rpc/${channel}`, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json', origin: origin(), cookie: `bonemet_token=${host.token}`, ...headers } });
const json = (r: { body: Buffer }) => JSON.parse(r.body.toString('utf8'));

describe('the loopback host refuses', () => {
  it('binds 127.0.0.1 only and prints a URL with its token', () => {
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/?token=${host.token}`);
    expect(host.token.length).toBeGreaterThanOrEqual(32);
  });

  it('a request without the token', async () => {
    expect((await request('/')).status).toBe(401);
    expect((await request('/rpc/app.info', { method: 'POST', headers: { origin: origin() } })).status).toBe(401);
    expect((await request(`/?token=${host.token}x`)).status).toBe(401);
  });

  it('a Host header that is not this server (DNS rebinding)', async () => {
    const r = await request(`/?token=${host.token}`, { headers: { host: `evil.example:${host.port}` } });
    expect(r.status).toBe(421);
  });

  it('a cross-origin request even with the token', async () => {
    const r = await rpc('studies.search', {}, { origin: 'http://evil.example' });
    expect(r.status).toBe(403);
  });

  it('a POST with neither Origin nor bearer token', async () => {
    const r = await request('/rpc/app.info', { method: 'POST', headers: { cookie: `bonemet_token=${host.token}` }, body: '{}' });
    expect(r.status).toBe(403);
  });

  it('unknown channels, malformed JSON and payloads that break the schema, with typed errors', async () => {
    expect(json(await rpc('fs.readFile', { path: '/etc/passwd' }))).toEqual({ ok: false, error: { code: 'unknown_channel', message: 'Unknown channel: fs.readFile' } });
    const bad = await request('/rpc/studies.search', { method: 'POST', body: '{not json', headers: { origin: origin(), cookie: `bonemet_token=${host.token}` } });
    expect(bad.status).toBe(400);
    expect(json(bad).error.code).toBe('invalid_request');
    expect(json(await rpc('studies.get', { studyInstanceUid: "1.2'; DROP TABLE studies;--" })).error.code).toBe('invalid_request');
    expect(json(await rpc('studies.search', { text: 'x', sql: 'SELECT 1' })).error.code).toBe('invalid_request');
    expect(json(await rpc('files.browse', { path: '/etc' })).error.code).toBe('forbidden');
    expect(json(await rpc('import.start', { paths: ['/etc/passwd'] })).error.code).toBe('forbidden');
  });

  it('an instance whose file became a folder or vanished, and malformed percent-encoding, then still serves', async () => {
    const auth = { cookie: `bonemet_token=${host.token}` };
    const folder = fs.realpathSync(temporaryFolder('host-moved'));
    const copy = path.join(folder, 'CT_small.dcm');
    fs.copyFileSync(path.join(SHARED_DICOM, 'pydicom', 'CT_small.dcm'), copy);
    // A copy with another SOP Instance UID would be a new instance; the same file elsewhere is a duplicate, so
    // import it into a core of its own data folder and serve that.
    const ownData = temporaryFolder('host-moved-data');
    const ownCore = createAppCore({ dataDir: ownData, door: 'browser', version: 'test', roots: [folder], importRunner: workerImportRunner() });
    const ownHost = await startHost({ core: ownCore, dataDir: ownData, rendererDir });
    try {
      const { jobId } = await ownCore.handlers['import.start']({ paths: [copy] });
      await ownCore.importJobs.wait(jobId);
      const [study] = await ownCore.handlers['studies.search']({});
      const instanceId = (await ownCore.handlers['studies.get']({ studyInstanceUid: study!.studyInstanceUid })).series[0]!.thumbnailInstanceId!;
      const get = (p: string) => new Promise<number>((resolve, reject) => {
        http.get({ host: '127.0.0.1', port: ownHost.port, path: p, headers: { host: `127.0.0.1:${ownHost.port}`, cookie: `bonemet_token=${ownHost.token}` } }, (res) => res.resume().on('end', () => resolve(res.statusCode!))).on('error', reject);
      });
      fs.rmSync(copy);
      fs.mkdirSync(copy); // a folder where the file was: openable, but no file to stream
      expect(await get(`/instances/${instanceId}`)).toBe(404);
      fs.rmdirSync(copy);
      expect(await get(`/instances/${instanceId}`)).toBe(404);
      expect(await get('/%E0%A4%A')).toBe(400);
      expect((await request('/rpc/%E0%A4%A', { method: 'POST', body: '{}', headers: { origin: origin(), ...auth } })).status).toBe(400);
      fs.copyFileSync(path.join(SHARED_DICOM, 'pydicom', 'CT_small.dcm'), copy);
      expect(await get(`/instances/${instanceId}`)).toBe(200);
    } finally {
      await ownHost.close();
      ownCore.close();
      fs.rmSync(folder, { recursive: true, force: true });
      fs.rmSync(ownData, { recursive: true, force: true });
    }
  });

  it('paths in instance and static URLs', async () => {
    const auth = { cookie: `bonemet_token=${host.token}` };
    expect((await request('/instances/..%2F..%2Fetc%2Fpasswd', { headers: auth })).status).toBe(400);
    expect((await request('/instances/999999', { headers: auth })).status).toBe(404);
    expect((await request('/..%2F..%2F..%2Fetc%2Fpasswd', { headers: auth })).status).toBe(404);
  });
});

describe('the loopback host serves', () => {
  it('the page with a strict CSP, and sets the token cookie from the URL', async () => {
    const r = await request(`/?token=${host.token}`);
    expect(r.status).toBe(200);
    expect(r.headers['content-security-policy']).toMatch(/script-src 'self' 'wasm-unsafe-eval'/);
    expect(r.headers['content-security-policy']).not.toMatch(/'unsafe-eval'/);
    expect(r.headers['set-cookie']?.[0]).toMatch(/^bonemet_token=.*HttpOnly; SameSite=Strict/);
  });

  it('the contract over POST /rpc, and instance bytes by id', async () => {
    const studies = json(await rpc('studies.search', { text: 'CompressedSamples' }));
    expect(studies.ok).toBe(true);
    const detail = json(await rpc('studies.get', { studyInstanceUid: studies.value[0].studyInstanceUid }));
    const instanceId = detail.value.series[0].thumbnailInstanceId;
    const file = await request(`/instances/${instanceId}`, { headers: { cookie: `bonemet_token=${host.token}` } });
    expect(file.status).toBe(200);
    expect(file.headers['content-type']).toBe('application/dicom');
    expect(file.body.equals(fs.readFileSync(path.join(SHARED_DICOM, 'pydicom', 'CT_small.dcm')))).toBe(true);
  });

  it('a bearer-token client without Origin, as scripts use it', async () => {
    const r = await request('/rpc/app.info', { method: 'POST', body: '{}', headers: { authorization: `Bearer ${host.token}` } });
    expect(json(r)).toMatchObject({ ok: true, value: { door: 'browser', indexIsEmpty: false } });
  });
});

describe('the loopback host stores dropped files', () => {
  it('under a sanitised name inside the batch folder, whatever name the request gives', async () => {
    const batch = '0b6f0c1e-1f1a-4c2e-9d35-5a1f7f3a2b10';
    const r = await request(`/uploads/${batch}?name=${encodeURIComponent('../../../../tmp/evil.dcm')}`, {
      method: 'POST',
      body: 'not dicom',
      headers: { origin: origin(), cookie: `bonemet_token=${host.token}` },
    });
    expect(json(r)).toEqual({ ok: true, value: { stored: 9 } });
    expect(fs.readdirSync(path.join(dataDir, 'uploads', batch))).toEqual(['evil.dcm']);
    const bad = await request('/uploads/not-a-uuid?name=x', { method: 'POST', body: 'x', headers: { origin: origin(), cookie: `bonemet_token=${host.token}` } });
    expect(json(bad).error.code).toBe('invalid_request');
  });
});
