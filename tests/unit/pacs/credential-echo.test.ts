import fs from 'node:fs';
import http from 'node:http';
import type net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bonemet, lastJson, workstationWithLesionWaiting } from '../../support/cli-launcher';
import { openDatabase } from '../../../electron/core/db/open-database';
import { temporaryFolder } from '../../support/paths';

// A PACS front (a gateway, a proxy's error page) that repeats the request's headers in its
// refusals, as many do to help debugging: the credential it was sent comes back in the body.
const SECRET = 'Bearer eyJhbGciOiJIUzI1NiJ9.c2VjcmV0LXRva2VuLTQyNDI0Mg.sig-9f8e7d';
const TOKEN = SECRET.split(' ')[1]!;
const BASIC = `Basic ${Buffer.from('pacsuser:hunter2-pass').toString('base64')}`;
const B64_TOKEN = 'q8+Lz/9vKx0Pe+aW/5tZrQ==';
const work = temporaryFolder('credential-echo');
let server: http.Server;
let root: string;


/** Every text a user or a log may see of a data folder, but the settings row that keeps the credential. */
function visibleText(dataDir: string): string {
  const db = openDatabase(dataDir);
  const rows = db.prepare('SELECT * FROM pacs_outbox').all();
  db.close();
  const files = fs.readdirSync(dataDir, { recursive: true, withFileTypes: true }).filter((f) => f.isFile() && /\.(log|txt|json|jsonl)$/.test(f.name));
  return JSON.stringify(rows) + files.map((f) => fs.readFileSync(path.join(f.parentPath, f.name), 'utf8')).join('\n');
}

beforeAll(async () => {
  server = http.createServer((req, res) => {
    req.resume();
    // The team's searches find nothing, so a sync goes on to send (refused, 500); a study search or retrieve is refused as unauthorised.
    if (req.method === 'GET' && !/\/studies(\?|\/1\.2\.3\.4)/.test(req.url ?? '')) {
      res.writeHead(200, { 'Content-Type': 'application/dicom+json' });
      return res.end('[]');
    }
    const status = req.method === 'POST' ? 500 : 401;
    res.writeHead(status, { 'Content-Type': 'text/plain' });
    const token = req.headers.authorization?.split(' ')[1] ?? '';
    // As gateways repeat it too: in a login URL (percent-encoded) and in JSON that escapes its slashes.
    const echoes = `login at /sso?token=${encodeURIComponent(token)}, detail {"token":${JSON.stringify(token).replaceAll('/', '\\/')}}`;
    // And a terminal's escape sequences (clear the screen, set the window title) in the page it sends.
    res.end(`Rejected ${req.method} ${req.url}: header Authorization: ${req.headers.authorization ?? '(none)'} (token ${token}, decoded ${Buffer.from(token, 'base64').toString('latin1')}); ${echoes} \u001b[2J\u001b]0;owned\u0007`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  root = `http://127.0.0.1:${(server.address() as net.AddressInfo).port}/dicom-web`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  fs.rmSync(work, { recursive: true, force: true });
});

describe('a PACS that repeats the credential it was sent in its refusal', () => {
  for (const [name, header, secrets] of [
    ['a bearer token', SECRET, [TOKEN]],
    ['basic credentials', BASIC, [BASIC.split(' ')[1]!, 'hunter2']],
    // Base64 with +, / and padding: its percent-encoded and slash-escaped forms are other strings.
    ['a token of base64 characters', `Bearer ${B64_TOKEN}`, [B64_TOKEN.replace(/=+$/, ''), encodeURIComponent(B64_TOKEN).replace(/(%3D)+$/, ''), B64_TOKEN.replace(/=+$/, '').replaceAll('/', '\\/')]],
  ] as const) {
    it(`never shows ${name} in the errors, the outbox, the --json output or the data folder`, async () => {
      const dataDir = path.join(work, name.replace(/\W+/g, '-'));
      await workstationWithLesionWaiting(dataDir, root, header, 19);

      const outputs = [
        await bonemet(dataDir, 'sync', '--json'),
        await bonemet(dataDir, 'outbox', '--json'),
        await bonemet(dataDir, 'outbox'),
        await bonemet(dataDir, 'pacs', 'studies', '--json'),
        await bonemet(dataDir, 'pacs', 'retrieve', '1.2.3.4', '--json'),
        await bonemet(dataDir, 'pacs', 'test'),
        await bonemet(dataDir, 'pacs', 'get', '--json'),
      ];
      const sync = lastJson(outputs[0]!);
      // The refusal still reaches the user, its reason intact.
      expect(sync).toMatchObject({ published: 0, waiting: 1, errors: [{ message: expect.stringMatching(/HTTP 500[\s\S]*Authorization: \S+ \[hidden\]/) }] });
      expect(outputs[3]!.stderr).toMatch(/HTTP 401/);
      const seen = outputs.map((o) => o.stdout + o.stderr).join('\n') + visibleText(dataDir);
      for (const secret of secrets) expect(seen).not.toContain(secret);
      // What the PACS said reaches a terminal as text: no control character of its own (a line break of ours aside).
      expect(outputs.map((o) => o.stdout + o.stderr).join('\n')).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/);
    });
  }
});
