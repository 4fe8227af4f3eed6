import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bonemet, lastJson as json } from '../../support/cli-launcher';
import { openDatabase } from '../../../electron/core/db/open-database';
import { makeLesion, typed } from '../../support/lesion-fixtures';
import { ORTHANC_BINARY, startOrthanc, type OrthancServer } from '../../support/orthanc-server';
import { temporaryFolder } from '../../support/paths';
import { knowStudyHeader } from '../../support/team-workstations';

// The hospital's usual set-up: a real Orthanc behind a TLS gateway with a self-signed certificate,
// under a path prefix, that refuses any request without the team's bearer token. Searches and
// retrieves went through a client that trusts the certificate set in PACS settings; sync must too.
const HAVE_ORTHANC = fs.existsSync(ORTHANC_BINARY);
const STUDY = '1.2.826.0.1.3680043.10.21';
const TOKEN = 'Bearer team-gateway-token';
const work = temporaryFolder('https-team-sync');
const refused: string[] = [];
let orthanc: OrthancServer;
let gateway: https.Server;
let root: string;


describe.skipIf(!HAVE_ORTHANC)('team sync through an https gateway with a self-signed certificate trusted in settings', () => {
  beforeAll(async () => {
    orthanc = await startOrthanc();
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', path.join(work, 'key.pem'), '-out', path.join(work, 'cert.pem'), '-days', '2', '-subj', '/CN=localhost', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
    const upstream = new URL(orthanc.httpUrl);
    gateway = https.createServer({ key: fs.readFileSync(path.join(work, 'key.pem')), cert: fs.readFileSync(path.join(work, 'cert.pem')) }, (req, res) => {
      if (req.headers.authorization !== TOKEN || !req.url?.startsWith('/pacs/')) {
        refused.push(`${req.method} ${req.url}`);
        req.resume();
        res.writeHead(401, { 'Content-Type': 'text/plain' });
        return res.end('token required');
      }
      const headers = { ...req.headers, host: upstream.host };
      delete headers.authorization;
      const forward = http.request({ host: upstream.hostname, port: upstream.port, method: req.method, path: req.url.slice('/pacs'.length), headers }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      });
      forward.on('error', () => res.destroy());
      req.pipe(forward);
    });
    await new Promise<void>((resolve) => gateway.listen(0, '127.0.0.1', resolve));
    root = `https://127.0.0.1:${(gateway.address() as net.AddressInfo).port}/pacs/dicom-web`;
  });
  afterAll(async () => {
    gateway?.closeAllConnections();
    await new Promise((resolve) => gateway?.close(resolve));
    await orthanc?.stop();
    fs.rmSync(work, { recursive: true, force: true });
  });

  it("publishes A's lesion, B receives it and B's decision comes back to A", async () => {
    const [a, b] = [path.join(work, 'a'), path.join(work, 'b')];
    const certificate = path.join(work, 'cert.pem');
    await bonemet(a, 'reader', 'set', 'AB', 'Anna', 'Berg');
    await bonemet(b, 'reader', 'set', 'CD', 'Carl', 'Dahl', '--role', 'surgeon');
    for (const dataDir of [a, b]) expect((await bonemet(dataDir, 'pacs', 'set', root, '--auth-header', TOKEN, '--trust-certificate', certificate)).code).toBe(0);
    const db = openDatabase(a);
    knowStudyHeader(db, STUDY, { name: 'DOE^JOHN', id: 'P-21' });
    db.close();
    const lesion = makeLesion({ id: '0f0f0000-0000-4000-8000-000000000021', trackingUid: '2.25.2121', studyInstanceUid: STUDY, nature: 'lytic', axialInvolvementMm: typed(45), circumferentialInvolvementPct: typed(60), status: 'final' });
    const lesionFile = path.join(work, 'lesion.json');
    fs.writeFileSync(lesionFile, JSON.stringify(lesion));
    expect((await bonemet(a, 'lesions', 'add', '--study', STUDY, '--in', lesionFile)).code).toBe(0);

    expect(json(await bonemet(a, 'sync', '--json'))).toEqual({ published: 1, received: 0, waiting: 0, errors: [] });
    expect(json(await bonemet(b, 'sync', '--json'))).toEqual({ published: 0, received: 1, waiting: 0, errors: [] });
    expect(json(await bonemet(b, 'review', 'add', lesion.id, '--decision', 'radiotherapy', '--json'))).toMatchObject({ decision: 'radiotherapy' });
    expect(json(await bonemet(b, 'sync', '--json'))).toMatchObject({ published: 1, errors: [] });
    expect(json(await bonemet(a, 'sync', '--json'))).toMatchObject({ received: 1, errors: [] });
    expect(json(await bonemet(a, 'worklist', '--json')).rows[0]).toMatchObject({ lesionId: lesion.id, latestReview: { decision: 'radiotherapy', reviewer: 'CD' } });
    expect(refused).toEqual([]);
  });
});
