import fs from 'node:fs';
import http from 'node:http';
import type net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bonemet, lastJson, workstationWithLesionWaiting } from '../../support/cli-launcher';
import { temporaryFolder } from '../../support/paths';

// A PACS whose every answer redirects (307, method and body kept) to another host: the
// configured URL is the only place the credential and the team's findings may go.
const work = temporaryFolder('redirecting-pacs');
const elsewhere: { method: string; url: string; authorization?: string; bytes: number }[] = [];
let pacs: http.Server;
let other: http.Server;
let root: string;
let otherRoot: string;


const listen = async (server: http.Server) => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as net.AddressInfo).port;
};

beforeAll(async () => {
  // The other host answers like a DICOMweb server would, so a request that reached it would "work".
  other = http.createServer((req, res) => {
    let bytes = 0;
    req.on('data', (chunk: Buffer) => (bytes += chunk.length));
    req.on('end', () => {
      elsewhere.push({ method: req.method ?? '', url: req.url ?? '', authorization: req.headers.authorization, bytes });
      res.writeHead(200, { 'Content-Type': 'application/dicom+json' });
      res.end(req.method === 'POST' ? '{}' : '[]');
    });
  });
  otherRoot = `http://localhost:${await listen(other)}/dicom-web`;
  pacs = http.createServer((req, res) => {
    req.resume();
    res.writeHead(307, { Location: `${otherRoot}${(req.url ?? '').replace(/^\/dicom-web/, '')}` });
    res.end();
  });
  root = `http://127.0.0.1:${await listen(pacs)}/dicom-web`;
});
afterAll(async () => {
  for (const server of [pacs, other]) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
  fs.rmSync(work, { recursive: true, force: true });
});

describe('a PACS that redirects to another host', () => {
  it('is never followed: no search, finding or credential reaches the other host, and the user is told where it points', async () => {
    const dataDir = path.join(work, 'a');
    await workstationWithLesionWaiting(dataDir, root, 'Bearer redirect-secret', 20);

    const sync = await bonemet(dataDir, 'sync', '--json');
    expect(sync.code).toBe(1);
    const report = lastJson(sync) as { published: number; waiting: number; errors: { record: string; message: string }[] };
    expect(elsewhere).toEqual([]);
    expect(report).toMatchObject({ published: 0, waiting: 1 });
    expect(report.errors.length).toBeGreaterThan(0);
    for (const error of report.errors) expect(error.message).toMatch(/redirects \(HTTP 307\) to http:\/\/localhost:\d+\/dicom-web\/.*: not followed/);
    const search = await bonemet(dataDir, 'pacs', 'studies', '--json');
    expect(search.code).not.toBe(0);
    expect(search.stderr).toMatch(/redirects \(HTTP 307\) to http:\/\/localhost:\d+\/dicom-web\/studies.*: not followed/);
    expect(elsewhere).toEqual([]);
  });
});
