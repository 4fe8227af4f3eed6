import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import type net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppCore, type AppCore } from '../../../electron/core/app-core';
import { dispatch } from '../../../electron/core/handlers/dispatch';
import { inProcessImportRunner } from '../../../electron/core/importer/import-runners';
import { temporaryFolder } from '../../support/paths';

// A PACS over https with a self-signed certificate (made here by openssl), on a real loopback socket.
const work = temporaryFolder('https-pacs');
const seen: { authorization: string | undefined; url: string }[] = [];
let server: https.Server;
let root: string;
let pem: string;
let core: AppCore;

const studyJson = [{ '0020000D': { vr: 'UI', Value: ['1.2.3.4'] }, '00100010': { vr: 'PN', Value: [{ Alphabetic: 'DOE^JANE' }] }, '00080020': { vr: 'DA', Value: ['20250102'] }, '00080061': { vr: 'CS', Value: ['CT'] } }];

beforeAll(async () => {
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', path.join(work, 'key.pem'), '-out', path.join(work, 'cert.pem'), '-days', '2', '-subj', '/CN=localhost', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
  pem = fs.readFileSync(path.join(work, 'cert.pem'), 'utf8');
  server = https.createServer({ key: fs.readFileSync(path.join(work, 'key.pem')), cert: pem }, (req, res) => {
    seen.push({ authorization: req.headers.authorization, url: req.url ?? '' });
    res.writeHead(200, { 'Content-Type': 'application/dicom+json' });
    res.end(JSON.stringify(studyJson));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  root = `https://127.0.0.1:${(server.address() as net.AddressInfo).port}/dicom-web`;
  core = createAppCore({ dataDir: path.join(work, 'data'), door: 'cli', version: 'test', roots: [work], importRunner: inProcessImportRunner });
});
afterAll(async () => {
  core.close();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  fs.rmSync(work, { recursive: true, force: true });
});

const call = (channel: string, payload: unknown) => dispatch(core.handlers, channel, payload) as Promise<{ ok: boolean; value?: unknown; error?: { code: string; message: string } }>;

describe('a PACS over https with a self-signed certificate', () => {
  it('is refused until its certificate is trusted, then searched with the header sent to it only', async () => {
    expect(await call('pacs.set', { url: root, authHeader: 'Bearer top-secret-token' })).toMatchObject({ ok: true });
    const refused = await call('pacs.search', {});
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(refused.error!.message).toMatch(/the certificate of 127\.0\.0\.1:\d+ is not trusted by this system \(DEPTH_ZERO_SELF_SIGNED_CERT\)\. If the PACS uses a self-signed certificate, add it as the trusted certificate in PACS settings/);
    expect(refused.error!.message).not.toMatch(/top-secret-token/);

    const saved = await call('pacs.set', { url: root, trustedCertificate: pem });
    expect(saved).toMatchObject({ ok: true, value: { authScheme: 'Bearer', trustedCertificate: { subject: 'CN=localhost', fingerprint256: expect.stringMatching(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/) } } });
    expect(JSON.stringify(saved)).not.toMatch(/top-secret-token|BEGIN CERTIFICATE/);
    const found = await call('pacs.search', { modality: 'CT' });
    expect(found).toMatchObject({ ok: true, value: { studies: [{ studyInstanceUid: '1.2.3.4', patientName: 'DOE^JANE', studyDate: '2025-01-02', modalities: ['CT'], localInstances: 0 }], more: false } });
    expect(seen.at(-1)).toMatchObject({ authorization: 'Bearer top-secret-token', url: expect.stringMatching(/^\/dicom-web\/studies\?ModalitiesInStudy=CT&limit=51&includefield=/) });
    expect(await call('pacs.test', {})).toMatchObject({ ok: true, value: { ok: true, httpStatus: 200 } });
  });

  it('keeps the certificate for its URL only: another URL is not trusted with it', async () => {
    const other = root.replace('/dicom-web', '/other-root');
    expect(await call('pacs.set', { url: other })).toMatchObject({ ok: true, value: { authScheme: null, trustedCertificate: null } });
    expect(await call('pacs.search', {})).toMatchObject({ ok: false, error: { message: expect.stringMatching(/not trusted by this system/) } });
  });

  it('refuses a certificate that is not one', async () => {
    expect(await call('pacs.set', { url: root, trustedCertificate: '-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydA==\n-----END CERTIFICATE-----' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_request', message: expect.stringMatching(/could not be read as an X\.509 certificate/) },
    });
  });
});
