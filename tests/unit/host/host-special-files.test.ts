import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/core/db/open-database';
import { runImport } from '../../../electron/core/importer/run-import';
import { hostRpc } from '../../support/host-rpc';
import { makeLesion } from '../../support/lesion-fixtures';
import { SHARED_DICOM, temporaryFolder } from '../../support/paths';
import { bundleTeamHost, killTeamHost, startTeamHost, type TeamHost } from '../../support/team-host';

// The host runs as a process of its own here: a file that blocks the host's thread would hang the
// test process too if the host ran inside it, and the test could then never report it.
let work: string;
let dataDir: string;
let host: TeamHost;
let instanceId: number;
let filePath: string;
let studyInstanceUid: string;

/** A GET with the token as bearer, and a deadline: a host that does not answer in time is reported as such. */
async function get(pathname: string, ms = 5000): Promise<{ status: number; body: string } | 'no answer'> {
  const url = new URL(host.url);
  try {
    const response = await fetch(`${url.origin}${pathname}`, { headers: { authorization: `Bearer ${url.searchParams.get('token')}` }, signal: AbortSignal.timeout(ms) });
    return { status: response.status, body: await response.text() };
  } catch {
    return 'no answer';
  }
}

beforeAll(async () => {
  work = temporaryFolder('host-special');
  dataDir = path.join(work, 'data');
  const study = path.join(dataDir, 'study');
  fs.mkdirSync(study, { recursive: true });
  filePath = path.join(study, 'CT_small.dcm');
  fs.copyFileSync(path.join(SHARED_DICOM, 'pydicom', 'CT_small.dcm'), filePath);
  const db = openDatabase(dataDir);
  await runImport(db, [study]);
  instanceId = db.prepare('SELECT id FROM instances').pluck().get() as number;
  studyInstanceUid = db.prepare('SELECT study_uid FROM studies').pluck().get() as string;
  db.close();
  host = await startTeamHost(await bundleTeamHost(work), dataDir);
});
afterAll(async () => {
  await killTeamHost(host);
  fs.rmSync(work, { recursive: true, force: true });
});

describe('an imported file swapped for a special file', () => {
  it('a named pipe (FIFO) where the file was: 404 with the remedy at once, and the host keeps answering', async () => {
    expect(await get(`/instances/${instanceId}`)).toMatchObject({ status: 200 });
    fs.rmSync(filePath);
    execFileSync('mkfifo', [filePath]);
    // Opening a FIFO for reading waits for a writer: a host that opens it so blocks its only thread.
    const answer = await get(`/instances/${instanceId}`);
    expect(answer).toMatchObject({ status: 404 });
    expect(JSON.parse((answer as { body: string }).body).error.message).toMatch(/import its folder again/);
    expect(await hostRpc(host, 'app.info', {})).toMatchObject({ door: 'browser' });
  });
});

describe('special files named for import', () => {
  /** Imports `paths` through the host and waits for the end; the report's reasons by file name, or the refusal. */
  async function importThrough(paths: string[]): Promise<Record<string, string> | { refused: string }> {
    const url = new URL(host.url);
    const call = async (channel: string, body: unknown) => (await fetch(`${url.origin}/rpc/${channel}`, {
      method: 'POST', headers: { authorization: `Bearer ${url.searchParams.get('token')}` }, body: JSON.stringify(body), signal: AbortSignal.timeout(20_000),
    })).json() as Promise<{ ok: boolean; value: { jobId: string; state: string; report: { reported: { path: string; reason: string }[] } }; error: { message: string } }>;
    const started = await call('import.start', { paths });
    if (!started.ok) return { refused: started.error.message };
    const status = await call('import.status', { jobId: started.value.jobId, waitMs: 15_000 });
    expect(status.value.state).toBe('done');
    return Object.fromEntries(status.value.report.reported.map((r) => [path.basename(r.path), r.reason]));
  }
  let sources: string;
  let socketServer: net.Server;
  beforeAll(async () => {
    sources = path.join(dataDir, 'special');
    fs.mkdirSync(sources);
    execFileSync('mkfifo', [path.join(sources, 'pipe.dcm')]);
    socketServer = net.createServer();
    await new Promise<void>((resolve) => socketServer.listen(path.join(sources, 'socket.dcm'), resolve));
    fs.symlinkSync(path.join(sources, 'loop-b'), path.join(sources, 'loop-a'));
    fs.symlinkSync(path.join(sources, 'loop-a'), path.join(sources, 'loop-b'));
  });
  afterAll(() => socketServer.close());

  it('a named pipe or a socket picked as a file is reported with what it is, not passed over in silence', async () => {
    expect(await importThrough([path.join(sources, 'pipe.dcm'), path.join(sources, 'socket.dcm')])).toEqual({
      'pipe.dcm': 'not a regular file (a named pipe): only files are imported',
      'socket.dcm': 'not a regular file (a socket): only files are imported',
    });
  });

  it('in an imported folder, the pipe and socket are reported beside the link loop, and the import ends', async () => {
    expect(await importThrough([sources])).toEqual({
      'pipe.dcm': 'not a regular file (a named pipe): only files are imported',
      'socket.dcm': 'not a regular file (a socket): only files are imported',
      'loop-a': 'symbolic link loop: not followed',
      'loop-b': 'symbolic link loop: not followed',
    });
  });

  it('a symbolic link loop picked as a source is refused as a loop, not as a file that does not exist', async () => {
    expect(await importThrough([path.join(sources, 'loop-a')])).toEqual({ refused: `${path.join(sources, 'loop-a')} is a symbolic link loop: it leads to no file or folder.` });
  });
});

describe('an export of a study whose imported file was swapped', () => {
  const EXPORTS = [{ kind: 'sr', sendToPacs: false }, { kind: 'dataset' }];
  /** Starts an export through the host and waits for its end (or reports that the host stopped answering). */
  async function exportThrough(request: Record<string, unknown>): Promise<unknown> {
    const url = new URL(host.url);
    const call = async (channel: string, body: unknown) => (await fetch(`${url.origin}/rpc/${channel}`, {
      method: 'POST', headers: { authorization: `Bearer ${url.searchParams.get('token')}` }, body: JSON.stringify(body), signal: AbortSignal.timeout(20_000),
    })).json() as Promise<{ ok: boolean; value: { jobId: string } }>;
    try {
      const started = await call('export.start', { ...request, studyInstanceUids: [studyInstanceUid], destination: path.join(dataDir, 'exports') });
      if (!started.ok) return started;
      return (await call('export.status', { jobId: started.value.jobId, waitMs: 15_000 })).value;
    } catch {
      return 'no answer';
    }
  }
  beforeAll(async () => {
    await hostRpc(host, 'reader.set', { initials: 'AB', name: 'Anna Berg', role: 'radiologist' });
    await hostRpc(host, 'lesions.save', { lesion: makeLesion({ id: 'a2000000-0000-4000-8000-000000000001', trackingUid: '2.25.9201', studyInstanceUid, nature: 'lytic' }) });
  });

  it('for a named pipe: the export fails saying the file changed, and the host keeps answering', async () => {
    fs.rmSync(filePath, { force: true });
    execFileSync('mkfifo', [filePath]);
    for (const request of EXPORTS) {
      const status = await exportThrough(request);
      expect(status, request.kind).toMatchObject({ state: 'failed' });
      expect(JSON.stringify(status), request.kind).toMatch(/import its folder again/);
    }
    expect(await hostRpc(host, 'app.info', {})).toMatchObject({ door: 'browser' });
  });

  it("for a link to another patient's file: the export refuses it rather than write that patient into this study's files", async () => {
    const other = path.join(dataDir, 'elsewhere', 'MR_small.dcm');
    fs.mkdirSync(path.dirname(other), { recursive: true });
    fs.copyFileSync(path.join(SHARED_DICOM, 'pydicom', 'MR_small.dcm'), other);
    fs.rmSync(filePath, { force: true });
    fs.symlinkSync(other, filePath);
    for (const request of EXPORTS) {
      const status = await exportThrough(request);
      expect(status, request.kind).toMatchObject({ state: 'failed', filesWritten: [] });
      expect(JSON.stringify(status), request.kind).toMatch(/symbolic link/);
    }
  });
});

describe('a named pipe given where the user names a file to read', () => {
  let pipe: string;
  beforeAll(async () => {
    await hostRpc(host, 'reader.set', { initials: 'AB', name: 'Anna Berg', role: 'radiologist' });
    pipe = path.join(dataDir, 'named', 'report.dcm');
    fs.mkdirSync(path.dirname(pipe), { recursive: true });
    execFileSync('mkfifo', [pipe]);
  });
  const call = async (channel: string, body: unknown) => {
    const url = new URL(host.url);
    try {
      return await (await fetch(`${url.origin}/rpc/${channel}`, {
        method: 'POST', headers: { authorization: `Bearer ${url.searchParams.get('token')}` }, body: JSON.stringify(body), signal: AbortSignal.timeout(10_000),
      })).json() as { ok: boolean; value: { jobId: string } };
    } catch {
      return 'no answer';
    }
  };

  it('lesions.importSr: refused at once as not a regular file, and the host keeps answering', async () => {
    expect(await call('lesions.importSr', { path: pipe })).toEqual({
      ok: false, error: { code: 'invalid_request', message: `${pipe} is not a regular file (a named pipe): name a file.` },
    });
    expect(await hostRpc(host, 'app.info', {})).toMatchObject({ door: 'browser' });
  });

  it('export stow-files: the send fails at once saying what the file is, before anything is sent', async () => {
    const started = await call('export.start', { kind: 'stow-files', studyInstanceUids: [studyInstanceUid], source: pipe, server: { url: 'http://127.0.0.1:9/dicom-web' } });
    expect(started).toMatchObject({ ok: true });
    const status = await call('export.status', { jobId: (started as { value: { jobId: string } }).value.jobId, waitMs: 5000 });
    expect(status).toMatchObject({ ok: true, value: { state: 'failed', error: { code: 'invalid_request', message: `${pipe} is not a regular file (a named pipe): name a file.` } } });
  });
});

describe("an export into a folder where someone placed a link or a pipe under the export's working name", () => {
  const call = async (channel: string, body: unknown) => {
    const url = new URL(host.url);
    try {
      return await (await fetch(`${url.origin}/rpc/${channel}`, {
        method: 'POST', headers: { authorization: `Bearer ${url.searchParams.get('token')}` }, body: JSON.stringify(body), signal: AbortSignal.timeout(10_000),
      })).json() as { ok: boolean; value: { jobId: string; state: string; filesWritten: { path: string }[] } };
    } catch {
      return null;
    }
  };
  const exportCsv = async (destination: string) => {
    const started = await call('export.start', { kind: 'csv', studyInstanceUids: [studyInstanceUid], destination });
    return started && call('export.status', { jobId: started.value.jobId, waitMs: 8000 });
  };
  let relative: string;
  beforeAll(async () => {
    await hostRpc(host, 'reader.set', { initials: 'AB', name: 'Anna Berg', role: 'radiologist' });
    await hostRpc(host, 'lesions.save', { lesion: makeLesion({ id: 'a2000000-0000-4000-8000-000000000002', trackingUid: '2.25.9202', studyInstanceUid, nature: 'blastic' }) });
    const first = path.join(dataDir, 'csv-first');
    const done = await exportCsv(first);
    expect(done?.value.state).toBe('done');
    relative = path.relative(first, done!.value.filesWritten[0]!.path);
  });

  it('a link: the file it points at is left as it was, and the export is written in its own file', async () => {
    const victim = path.join(dataDir, 'precious.txt');
    fs.writeFileSync(victim, 'precious');
    const destination = path.join(dataDir, 'csv-link');
    fs.mkdirSync(path.dirname(path.join(destination, relative)), { recursive: true });
    fs.symlinkSync(victim, path.join(destination, `${relative}.partial`));
    const done = await exportCsv(destination);
    expect(fs.readFileSync(victim, 'utf8')).toBe('precious');
    expect(done?.value.state).toBe('done');
    expect(fs.lstatSync(path.join(destination, relative)).isFile()).toBe(true);
  });

  it('a named pipe: the export is written at once, and the host keeps answering', async () => {
    const destination = path.join(dataDir, 'csv-pipe');
    fs.mkdirSync(path.dirname(path.join(destination, relative)), { recursive: true });
    execFileSync('mkfifo', [path.join(destination, `${relative}.partial`)]);
    const done = await exportCsv(destination);
    expect(done?.value.state).toBe('done');
    expect(await hostRpc(host, 'app.info', {})).toMatchObject({ door: 'browser' });
  });
});
