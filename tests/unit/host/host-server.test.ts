import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppCore, type AppCore, coreInternals } from '../../../electron/core/app-core';
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
  fs.mkdirSync(path.join(rendererDir, 'assets'));
  fs.writeFileSync(path.join(rendererDir, 'assets', 'viewer-Cs09Eb-k.js'), 'export const viewer = 1;');
  core = createAppCore({ dataDir, door: 'browser', version: 'test', roots: [path.join(SHARED_DICOM, 'pydicom')], importRunner: workerImportRunner() });
  host = await startHost({ core, dataDir, rendererDir });
  const { jobId } = await core.handlers['import.start']({ paths: [path.join(SHARED_DICOM, 'pydicom', 'CT_small.dcm')] });
  await coreInternals(core).importJobs.wait(jobId);
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
  request(`/rpc/${channel}`, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json', origin: origin(), authorization: `Bearer ${host.token}`, ...headers } });
const json = (r: { body: Buffer }) => JSON.parse(r.body.toString('utf8'));

describe('the loopback host refuses', () => {
  it('binds 127.0.0.1 only and prints a URL with its token', () => {
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/?token=${host.token}`);
    expect(host.token.length).toBeGreaterThanOrEqual(32);
  });

  it('a call, an instance or a dropped file without the bearer token: in a cookie or the address it is no credential', async () => {
    // A browser sends a cookie of 127.0.0.1 to every port of it: a cookie proves nothing.
    const cookie = { cookie: `bonemet_token_${host.port}=${host.token}` };
    expect((await request('/rpc/app.info', { method: 'POST', headers: { origin: origin() } })).status).toBe(401);
    expect((await request('/rpc/app.info', { method: 'POST', body: '{}', headers: { origin: origin(), ...cookie } })).status).toBe(401);
    expect((await request(`/rpc/app.info?token=${host.token}`, { method: 'POST', body: '{}', headers: { origin: origin() } })).status).toBe(401);
    expect((await request('/instances/1', { headers: cookie })).status).toBe(401);
    expect((await request('/uploads/0b6f0c1e-1f1a-4c2e-9d35-5a1f7f3a2b11?name=x', { method: 'POST', body: 'x', headers: { origin: origin(), ...cookie } })).status).toBe(401);
    expect((await request('/rpc/app.info', { method: 'POST', body: '{}', headers: { authorization: `Bearer ${host.token}x` } })).status).toBe(401);
    // A wrong token in the address is refused at once, not left to fail every call of the page.
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

  it("a subresource request from another site's page, even carrying the token (another port of 127.0.0.1 is the same site)", async () => {
    const detail = json(await rpc('studies.get', { studyInstanceUid: json(await rpc('studies.search', {})).value[0].studyInstanceUid }));
    const image = `/instances/${detail.value.series[0].thumbnailInstanceId}`;
    const from = (site: string, mode: string, dest: string) => ({ authorization: `Bearer ${host.token}`, 'sec-fetch-site': site, 'sec-fetch-mode': mode, 'sec-fetch-dest': dest });
    expect((await request(image, { headers: from('same-site', 'no-cors', 'image') })).status).toBe(403);
    expect((await request(image, { headers: from('cross-site', 'no-cors', 'script') })).status).toBe(403);
    expect((await request('/assets/viewer-Cs09Eb-k.js', { headers: from('same-site', 'no-cors', 'script') })).status).toBe(403);
    // The page's own requests, and the user's own navigation to the URL, are served.
    expect((await request(image, { headers: from('same-origin', 'cors', 'empty') })).status).toBe(200);
    expect((await request(`/?token=${host.token}`, { headers: { 'sec-fetch-site': 'none', 'sec-fetch-mode': 'navigate', 'sec-fetch-dest': 'document' } })).status).toBe(200);
    expect((await request(`/?token=${host.token}`, { headers: { 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'navigate', 'sec-fetch-dest': 'document' } })).status).toBe(200);
  });

  it('unknown channels, malformed JSON and payloads that break the schema, with typed errors', async () => {
    expect(json(await rpc('fs.readFile', { path: '/etc/passwd' }))).toEqual({ ok: false, error: { code: 'unknown_channel', message: 'Unknown channel: fs.readFile' } });
    const bad = await request('/rpc/studies.search', { method: 'POST', body: '{not json', headers: { origin: origin(), authorization: `Bearer ${host.token}` } });
    expect(bad.status).toBe(400);
    expect(json(bad).error.code).toBe('invalid_request');
    expect(json(await rpc('studies.get', { studyInstanceUid: "1.2'; DROP TABLE studies;--" })).error.code).toBe('invalid_request');
    expect(json(await rpc('studies.search', { text: 'x', sql: 'SELECT 1' })).error.code).toBe('invalid_request');
    expect(json(await rpc('files.browse', { path: '/etc' })).error.code).toBe('forbidden');
    expect(json(await rpc('import.start', { paths: ['/etc/passwd'] })).error.code).toBe('forbidden');
  });

  it('an instance whose file became a folder or vanished, and malformed percent-encoding, then still serves', async () => {
    const auth = { authorization: `Bearer ${host.token}` };
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
      await coreInternals(ownCore).importJobs.wait(jobId);
      const [study] = await ownCore.handlers['studies.search']({});
      const instanceId = (await ownCore.handlers['studies.get']({ studyInstanceUid: study!.studyInstanceUid })).series[0]!.thumbnailInstanceId!;
      const fetchBack = (p: string) => new Promise<{ status: number; body: string }>((resolve, reject) => {
        http.get({ host: '127.0.0.1', port: ownHost.port, path: p, headers: { host: `127.0.0.1:${ownHost.port}`, authorization: `Bearer ${ownHost.token}` } }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c)).on('end', () => resolve({ status: res.statusCode!, body: Buffer.concat(chunks).toString('utf8') }));
        }).on('error', reject);
      });
      const get = async (p: string) => (await fetchBack(p)).status;
      fs.rmSync(copy);
      fs.mkdirSync(copy); // a folder where the file was: openable, but no file to stream
      expect(await get(`/instances/${instanceId}`)).toBe(404);
      fs.rmdirSync(copy);
      expect(await get(`/instances/${instanceId}`)).toBe(404);
      expect(await get('/%E0%A4%A')).toBe(400);
      expect((await request('/rpc/%E0%A4%A', { method: 'POST', body: '{}', headers: { origin: origin(), ...auth } })).status).toBe(400);
      // Put back, it is a file with another modification time than the one imported: refused until imported again.
      fs.copyFileSync(path.join(SHARED_DICOM, 'pydicom', 'CT_small.dcm'), copy);
      const changed = await fetchBack(`/instances/${instanceId}`);
      expect(changed.status).toBe(409);
      expect(JSON.parse(changed.body)).toEqual({ ok: false, error: { code: 'conflict', message: `The file of instance ${instanceId} (${copy}) changed since import: import its folder again.` } });
      const again = await ownCore.handlers['import.start']({ paths: [copy] });
      await coreInternals(ownCore).importJobs.wait(again.jobId);
      expect(await get(`/instances/${instanceId}`)).toBe(200);
    } finally {
      await ownHost.close();
      ownCore.close();
      fs.rmSync(folder, { recursive: true, force: true });
      fs.rmSync(ownData, { recursive: true, force: true });
    }
  });

  it('paths in instance and static URLs', async () => {
    const auth = { authorization: `Bearer ${host.token}` };
    expect((await request('/instances/..%2F..%2Fetc%2Fpasswd', { headers: auth })).status).toBe(400);
    expect((await request('/instances/999999', { headers: auth })).status).toBe(404);
    expect((await request('/..%2F..%2F..%2Fetc%2Fpasswd', { headers: auth })).status).toBe(404);
  });
});

describe('the loopback host serves', () => {
  it('the build\'s hashed scripts as immutable, so that Chromium keeps their compiled code; the page itself never from a cache', async () => {
    const script = await request('/assets/viewer-Cs09Eb-k.js', { headers: { authorization: `Bearer ${host.token}` } });
    expect(script.status).toBe(200);
    expect(script.headers['cache-control']).toBe('private, max-age=31536000, immutable');
    const page = await request(`/?token=${host.token}`);
    expect(page.headers['cache-control']).toBe('no-store');
    const route = await request('/worklist', { headers: { authorization: `Bearer ${host.token}` } });
    expect(route.headers['cache-control']).toBe('no-store');
  });
  it('the page with a strict CSP, and sets no cookie (a cookie of 127.0.0.1 goes to every port of it)', async () => {
    const r = await request(`/?token=${host.token}`);
    expect(r.status).toBe(200);
    expect(r.headers['content-security-policy']).toMatch(/script-src 'self' 'wasm-unsafe-eval'/);
    expect(r.headers['content-security-policy']).not.toMatch(/'unsafe-eval'/);
    expect(r.headers['set-cookie']).toBeUndefined();
  });

  it('the contract over POST /rpc, and instance bytes by id', async () => {
    const studies = json(await rpc('studies.search', { text: 'CompressedSamples' }));
    expect(studies.ok).toBe(true);
    const detail = json(await rpc('studies.get', { studyInstanceUid: studies.value[0].studyInstanceUid }));
    const instanceId = detail.value.series[0].thumbnailInstanceId;
    const file = await request(`/instances/${instanceId}`, { headers: { authorization: `Bearer ${host.token}` } });
    expect(file.status).toBe(200);
    expect(file.headers['content-type']).toBe('application/dicom');
    expect(file.body.equals(fs.readFileSync(path.join(SHARED_DICOM, 'pydicom', 'CT_small.dcm')))).toBe(true);
  });

  it("the app's own files without the token: they hold no data, and a script tag sends no header", async () => {
    const page = await request('/');
    expect(page.status).toBe(200);
    expect(page.body.toString('utf8')).toBe('<!doctype html><title>BoneMet Review</title>');
    expect((await request('/assets/viewer-Cs09Eb-k.js')).status).toBe(200);
  });

  it("a link in the renderer's folder only to a file inside it: one leading out is no file of the app, and is served to no one", async () => {
    // The app's files go to every local account without the token: a link out of the folder
    // (a file, or a folder holding files) would hand them whatever it points at, read as this user.
    const outside = temporaryFolder('host-outside');
    try {
      fs.writeFileSync(path.join(outside, 'secret.json'), '{"patient":"DOE^JANE"}');
      fs.symlinkSync(path.join(outside, 'secret.json'), path.join(rendererDir, 'leak.json'));
      fs.symlinkSync(outside, path.join(rendererDir, 'linked'));
      fs.symlinkSync(path.join(rendererDir, 'assets', 'viewer-Cs09Eb-k.js'), path.join(rendererDir, 'alias.js'));
      for (const pathname of ['/leak.json', '/linked/secret.json']) {
        const answer = await request(pathname);
        expect(answer.status, pathname).toBe(404);
        expect(answer.body.toString('utf8'), pathname).not.toContain('DOE');
      }
      expect((await request('/alias.js')).body.toString('utf8')).toBe('export const viewer = 1;');
    } finally {
      for (const name of ['leak.json', 'linked', 'alias.js']) fs.rmSync(path.join(rendererDir, name), { force: true });
      fs.rmSync(outside, { recursive: true, force: true });
    }
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
      headers: { origin: origin(), authorization: `Bearer ${host.token}` },
    });
    expect(json(r)).toEqual({ ok: true, value: { stored: 9 } });
    expect(fs.readdirSync(path.join(dataDir, 'uploads', batch))).toEqual(['evil.dcm']);
    const bad = await request('/uploads/not-a-uuid?name=x', { method: 'POST', body: 'x', headers: { origin: origin(), authorization: `Bearer ${host.token}` } });
    expect(json(bad).error.code).toBe('invalid_request');
  });
});

describe('the loopback host answers safely', () => {
  const auth = () => ({ origin: origin(), authorization: `Bearer ${host.token}` });

  it('a request body over the limit with a 400 and a typed error, not a connection reset, and goes on', async () => {
    const oversized = JSON.stringify({ text: 'x'.repeat(1024 * 1024 + 10) });
    const r = await request('/rpc/studies.search', { method: 'POST', body: oversized, headers: { 'content-type': 'application/json', ...auth() } });
    expect(r.status).toBe(400);
    expect(json(r)).toEqual({ ok: false, error: { code: 'invalid_request', message: 'The request body is larger than the limit of 1048576 bytes.' } });
    expect(json(await rpc('app.info', {}))).toMatchObject({ ok: true });
  });

  it('a dropped file over the limit with a 400 and a typed error, and keeps nothing of it', async () => {
    const small = await startHost({ core, dataDir, rendererDir, maxUploadBytes: 64 * 1024 });
    try {
      const batch = '4c1f1b0e-2a3b-4c5d-8e9f-0a1b2c3d4e5f';
      const r = await new Promise<{ status: number; body: Buffer }>((resolve, reject) => {
        const req = http.request(
          {
            host: '127.0.0.1', port: small.port, path: `/uploads/${batch}?name=big.dcm`, method: 'POST',
            headers: { host: `127.0.0.1:${small.port}`, origin: `http://127.0.0.1:${small.port}`, authorization: `Bearer ${small.token}` },
          },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c)).on('end', () => resolve({ status: res.statusCode!, body: Buffer.concat(chunks) }));
          },
        );
        req.on('error', reject);
        // Streamed in pieces, as a browser sends a large file: well past the limit before the end.
        for (let i = 0; i < 64; i++) req.write(Buffer.alloc(16 * 1024, i));
        req.end();
      });
      expect(r.status).toBe(400);
      expect(json(r)).toEqual({ ok: false, error: { code: 'invalid_request', message: 'The dropped file is larger than the limit of 65536 bytes.' } });
      expect(fs.readdirSync(path.join(dataDir, 'uploads', batch))).toEqual([]);
    } finally {
      await small.close();
    }
  });

  it('Referrer-Policy: no-referrer on every answer: page, call, image, refusal and not found', async () => {
    const answers = [
      await request(`/?token=${host.token}`),
      await rpc('app.info', {}),
      await request('/instances/999999', { headers: auth() }),
      await request('/rpc/app.info', { method: 'POST', body: '{}', headers: { origin: origin() } }),
      await request('/missing.js', { headers: auth() }),
      await request('/rpc/app.info', { method: 'GET', headers: auth() }),
    ];
    expect(answers.map((a) => a.status)).toEqual([200, 200, 404, 401, 404, 405]);
    for (const answer of answers) expect(answer.headers['referrer-policy']).toBe('no-referrer');
  });

  it('files.browse: the same "forbidden" for any path outside the roots, whether or not it exists', async () => {
    const outside = ['/etc', '/etc/no-such-folder-bonemet', '/no-such-top-folder-bonemet/deeper', path.join(SHARED_DICOM, '..', 'no-such-sibling')];
    const answers = await Promise.all(outside.map(async (p) => json(await rpc('files.browse', { path: p }))));
    const roots = [path.join(SHARED_DICOM, 'pydicom')].join(', ');
    answers.forEach((answer, i) => {
      expect(answer).toEqual({
        ok: false,
        error: { code: 'forbidden', message: `${outside[i]} is outside the folders this app may read (${roots}). Add it with --root or BONEMET_IMPORT_ROOTS.` },
      });
    });
    // Inside the roots, a missing folder is simply not found.
    expect(json(await rpc('files.browse', { path: path.join(SHARED_DICOM, 'pydicom', 'no-such-folder') }))).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});

describe('the loopback host stores dropped files sent at once', () => {
  it('under numbered names when several with one name arrive together, none refused and none overwritten', async () => {
    const batch = '7d3e2b1a-0c4f-4e5d-9a8b-1c2d3e4f5a6b';
    const count = 200;
    const answers = await Promise.all(Array.from({ length: count }, (_, i) => request(`/uploads/${batch}?name=IM000001`, {
      method: 'POST', body: `file ${String(i).padStart(3, '0')}`, headers: { origin: origin(), authorization: `Bearer ${host.token}` },
    })));
    expect(answers.map((a) => json(a))).toEqual(Array.from({ length: count }, () => ({ ok: true, value: { stored: 8 } })));
    const stored = fs.readdirSync(path.join(dataDir, 'uploads', batch));
    expect(stored.sort()).toEqual(['IM000001', ...Array.from({ length: count - 1 }, (_, i) => `${i + 1}-IM000001`)].sort());
    const contents = stored.map((name) => fs.readFileSync(path.join(dataDir, 'uploads', batch, name), 'utf8')).sort();
    expect(contents).toEqual(Array.from({ length: count }, (_, i) => `file ${String(i).padStart(3, '0')}`));
  });
});

describe('the loopback host started on a port already taken', () => {
  it('refuses with a typed error that says what to do, and the host on that port goes on serving', async () => {
    await expect(startHost({ core, dataDir, rendererDir, port: host.port })).rejects.toMatchObject({
      name: 'AppError',
      code: 'conflict',
      message: `Port ${host.port} on 127.0.0.1 is already in use (another BoneMet Review, or another program): choose another with --port, or leave --port out to take a free one.`,
    });
    expect((await request(`/?token=${host.token}`)).status).toBe(200);
  });
});

describe('the loopback host stores dropped files with long names', () => {
  it('two of one 254-character name (a disk allows 255 bytes), both kept, none refused', async () => {
    const batch = '8e4f3c2b-1d0e-4f6a-8b9c-0d1e2f3a4b5c';
    const name = `${'x'.repeat(250)}.dcm`;
    const send = (body: string) => request(`/uploads/${batch}?name=${name}`, { method: 'POST', body, headers: { origin: origin(), authorization: `Bearer ${host.token}` } });
    expect([json(await send('first')), json(await send('second'))]).toEqual([{ ok: true, value: { stored: 5 } }, { ok: true, value: { stored: 6 } }]);
    const stored = fs.readdirSync(path.join(dataDir, 'uploads', batch));
    expect(stored.map((n) => fs.readFileSync(path.join(dataDir, 'uploads', batch, n), 'utf8')).sort()).toEqual(['first', 'second']);
    expect(stored.every((n) => n.endsWith('.dcm'))).toBe(true);
  });
});
