import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type net from 'node:net';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/core/db/open-database';
import { runImport } from '../../../electron/core/importer/run-import';
import { cacheRoot } from '../../../electron/core/pacs/cache/cache-folder';
import { parseDicomWebTarget } from '../../../electron/core/pacs/dicomweb/dicomweb-target';
import { DicomWebTransport } from '../../../electron/core/pacs/dicomweb/dicomweb-transport';
import { readStowFile } from '../../../electron/core/pacs/dicomweb/stow-rs';
import { retrieveStudy } from '../../../electron/core/pacs/retrieve/retrieve-study';
import { firstSliceIndexed, type RetrieveProgress } from '../../../shared/pacs/retrieve-job';
import { SHARED_DICOM, temporaryFolder } from '../../support/paths';

// A PACS that misbehaves, on a real loopback socket: its QIDO answers list CT_small honestly, and
// each case breaks one answer. Every failure must be told in words and leave every table as it was.
const CT = readStowFile(path.join(SHARED_DICOM, 'pydicom/CT_small.dcm'));
const MR_FILE = path.join(SHARED_DICOM, 'pydicom/MR_small.dcm');
const SERIES = '1.3.6.1.4.1.5962.1.3.1.1.20040119072730.12322';
const BOUNDARY = 'hostile-boundary';

type Behaviour = (req: http.IncomingMessage, res: http.ServerResponse) => void;

const instanceJson = [{ '0020000D': { vr: 'UI', Value: [CT.studyInstanceUid] }, '0020000E': { vr: 'UI', Value: [SERIES] }, '00080018': { vr: 'UI', Value: [CT.sopInstanceUid] }, '00200013': { vr: 'IS', Value: [1] } }];
const seriesJson = [{ '0020000E': { vr: 'UI', Value: [SERIES] }, '00080060': { vr: 'CS', Value: ['CT'] } }];

function part(bytes: Uint8Array, type = 'application/dicom'): Buffer {
  return Buffer.concat([Buffer.from(`--${BOUNDARY}\r\nContent-Type: ${type}\r\nContent-Length: ${bytes.length}\r\n\r\n`), Buffer.from(bytes), Buffer.from('\r\n')]);
}
const MULTIPART = `multipart/related; type="application/dicom"; boundary=${BOUNDARY}`;

let wado: Behaviour;
let qido: Behaviour | null = null;
const sockets = new Set<net.Socket>();
const server = http.createServer((req, res) => {
  const url = req.url ?? '';
  // Retrieves: an instance, or a whole series (a path without a query ending in a series UID).
  if (url.includes('/instances/') || /\/series\/[0-9.]+$/.test(url)) return wado(req, res);
  if (qido) return qido(req, res);
  res.writeHead(200, { 'Content-Type': 'application/dicom+json' });
  res.end(JSON.stringify(url.includes('/series?') ? seriesJson : instanceJson));
});
server.on('connection', (socket) => {
  sockets.add(socket);
  socket.on('close', () => sockets.delete(socket));
});
let root: string;

let dataDir: string;
let db: Database.Database;
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  root = `http://127.0.0.1:${(server.address() as net.AddressInfo).port}/dicom-web`;
});
afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise((resolve) => server.close(resolve));
});
afterEach(() => {
  db?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
  qido = null;
});

/** Every table's row count: the index, the cache's rows, and whatever else (an outbox) the database holds. */
function tableCounts(): Record<string, number> {
  const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").pluck().all() as string[];
  return Object.fromEntries(tables.map((t) => [t, db.prepare(`SELECT count(*) FROM "${t}"`).pluck().get() as number]));
}

/** Files left in the cache folder (empty folders aside). */
function cachedFiles(): string[] {
  const folder = cacheRoot(dataDir);
  return fs.existsSync(folder) ? (fs.readdirSync(folder, { recursive: true, withFileTypes: true }).filter((d) => d.isFile()).map((d) => d.name)) : [];
}

async function retrieveFails(idleTimeoutMs = 5000): Promise<string> {
  dataDir = temporaryFolder('hostile-pacs');
  db = openDatabase(dataDir);
  await runImport(db, [MR_FILE]);
  const before = tableCounts();
  expect(before.instances).toBe(1);
  const transport = new DicomWebTransport(parseDicomWebTarget({ url: root }), { idleTimeoutMs });
  const error = await retrieveStudy({ db, cacheRoot: cacheRoot(dataDir), transport }, { studyInstanceUid: CT.studyInstanceUid }).then(
    () => null,
    (e: unknown) => e as Error,
  );
  expect(error, 'the retrieve should have failed').not.toBeNull();
  expect(tableCounts()).toEqual(before);
  expect(cachedFiles()).toEqual([]);
  return error!.message;
}

describe('a hostile or broken PACS', () => {
  it('HTML where DICOM JSON belongs: the search says the URL is not a DICOMweb root', async () => {
    qido = (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html' });
      res.end('<html><body>Welcome to the hospital portal</body></html>');
    };
    expect(await retrieveFails()).toMatch(/answered HTTP 200, but not with DICOM JSON: is http:\/\/127\.0\.0\.1:\d+\/dicom-web a DICOMweb root\?/);
  });

  it('HTML where DICOM files belong: the retrieve says what came instead', async () => {
    wado = (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html' });
      res.end('<html>login</html>');
    };
    expect(await retrieveFails()).toMatch(/answered "text\/html" instead of DICOM files \(multipart\/related; type="application\/dicom"\)/);
  });

  it('a multipart body cut off in the middle of the file', async () => {
    wado = (_req, res) => {
      res.writeHead(200, { 'Content-Type': MULTIPART });
      const whole = part(CT.bytes);
      res.end(whole.subarray(0, Math.floor(whole.length / 2)));
    };
    expect(await retrieveFails()).toMatch(/the answer of .* ended after .* before it was complete\. Try again/);
  });

  it('a multipart body whose connection drops before its closing boundary', async () => {
    wado = (_req, res) => {
      res.writeHead(200, { 'Content-Type': MULTIPART, 'Content-Length': String(part(CT.bytes).length + 100) });
      res.write(part(CT.bytes).subarray(0, 4000));
      setTimeout(() => res.socket?.destroy(), 50);
    };
    expect(await retrieveFails()).toMatch(/ended after 3\.9 KiB|ended after 4000 bytes of the/);
  });

  it('a part that is not a DICOM file', async () => {
    wado = (_req, res) => {
      res.writeHead(200, { 'Content-Type': MULTIPART });
      res.end(Buffer.concat([part(Buffer.from('%PDF-1.7 this is a report, not an image'.padEnd(200, '.'))), Buffer.from(`--${BOUNDARY}--\r\n`)]));
    };
    expect(await retrieveFails()).toMatch(/part 1 of the answer of .* is not a DICOM Part 10 file \(it starts "%PDF-1\.7 this is a report/);
  });

  it('a part of another type than application/dicom', async () => {
    wado = (_req, res) => {
      res.writeHead(200, { 'Content-Type': MULTIPART });
      res.end(Buffer.concat([part(CT.bytes, 'application/octet-stream'), Buffer.from(`--${BOUNDARY}--\r\n`)]));
    };
    expect(await retrieveFails()).toMatch(/part 1 of the answer of .* is "application\/octet-stream", not a DICOM file/);
  });

  it.each([
    [401, /asks for credentials \(HTTP 401\)\. Set the PACS's Authorization header in PACS settings/],
    [500, /the server failed \(HTTP 500\)\. Try again later or ask its administrator\. The server said: database locked/],
  ])('HTTP %i', async (status, message) => {
    wado = (_req, res) => {
      res.writeHead(status, { 'Content-Type': 'text/plain' });
      res.end('database locked');
    };
    expect(await retrieveFails()).toMatch(message);
  });

  it('an answer that never ends: given up after the idle time-out', async () => {
    wado = (_req, res) => {
      res.writeHead(200, { 'Content-Type': MULTIPART });
      res.write(part(CT.bytes).subarray(0, 1000));
      // ...and then nothing, ever.
    };
    const started = performance.now();
    expect(await retrieveFails(400)).toMatch(/sent nothing for 400 ms and was given up\. Check the PACS and the network/);
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it('an answer declaring 2 GB: refused before any of it is read', async () => {
    let written = 0;
    wado = (_req, res) => {
      res.writeHead(200, { 'Content-Type': MULTIPART, 'Content-Length': String(2 * 2 ** 30) });
      res.write(part(CT.bytes).subarray(0, 1000), () => (written += 1000));
    };
    expect(await retrieveFails()).toMatch(/declares 2\.0 GiB, over the 512\.1 MiB this app accepts for it: refused, nothing of it was kept/);
  });

  it('a QIDO answer declaring 2 GB', async () => {
    qido = (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/dicom+json', 'Content-Length': String(2 * 2 ** 30) });
      res.write('[');
    };
    expect(await retrieveFails()).toMatch(/declares 2\.0 GiB, over the 32\.0 MiB this app accepts for it/);
  });

  it('a file of another instance than the one asked for', async () => {
    const mr = readStowFile(MR_FILE);
    wado = (_req, res) => {
      res.writeHead(200, { 'Content-Type': MULTIPART });
      res.end(Buffer.concat([part(mr.bytes), Buffer.from(`--${BOUNDARY}--\r\n`)]));
    };
    // Whether the series' answer or the first slice's comes first, the file is refused for what it is.
    expect(await retrieveFails()).toMatch(new RegExp(`sent instance ${mr.sopInstanceUid.replaceAll('.', '\\.')} (of series .* in study ${mr.studyInstanceUid.replaceAll('.', '\\.')} when series|when instance)`));
  });
});

/** CT_small as pydicom saves it after `edit` (Python lines on `ds`; `args` are sys.argv[3:]), written in the data folder. */
function editedCtSmall(name: string, edit: string, ...args: string[]): Buffer {
  const out = path.join(dataDir, name);
  const script = `import pydicom, sys\nds = pydicom.dcmread(sys.argv[1])\n${edit}\nds.save_as(sys.argv[2])`;
  const made = spawnSync('/usr/bin/python3', ['-c', script, path.join(SHARED_DICOM, 'pydicom/CT_small.dcm'), out, ...args], { encoding: 'utf8' });
  expect(made.status, made.stderr).toBe(0);
  return fs.readFileSync(out);
}

/** CT_small with a 20 KB private element before its Series Instance UID: a header longer than the 16 KiB read first. */
function ctWithLongHeader(): Buffer {
  return editedCtSmall('long-header.dcm', "ds.private_block(0x0009, 'BONEMET TEST', create=True).add_new(0x01, 'OB', bytes(20000))");
}

describe('an unusual but valid PACS', () => {
  it('a file whose header runs past the first 16 KiB, sent in small pieces: identified and indexed like an import of it', async () => {
    dataDir = temporaryFolder('long-header');
    db = openDatabase(dataDir);
    const bytes = ctWithLongHeader();
    wado = (_req, res) => {
      res.writeHead(200, { 'Content-Type': MULTIPART });
      const body = Buffer.concat([part(bytes), Buffer.from(`--${BOUNDARY}--\r\n`)]);
      // Pieces of 1000 bytes, each its own write: the parts arrive over many reads.
      const send = (from: number): void => {
        if (from >= body.length) return void res.end();
        res.write(body.subarray(from, from + 1000), () => send(from + 1000));
      };
      send(0);
    };
    const transport = new DicomWebTransport(parseDicomWebTarget({ url: root }));
    const result = await retrieveStudy({ db, cacheRoot: cacheRoot(dataDir), transport }, { studyInstanceUid: CT.studyInstanceUid });
    expect(result).toMatchObject({ instances: 1, bytes: bytes.length, refused: [] });
    const row = db.prepare('SELECT sop_instance_uid AS sop, file_path AS file, rows, columns FROM instances').get() as { sop: string; file: string; rows: number; columns: number };
    expect(row).toMatchObject({ sop: CT.sopInstanceUid, rows: 128, columns: 128 });
    expect(fs.readFileSync(row.file).equals(bytes)).toBe(true);
  });
});

/** CT_small as another instance of another series of the same study (as a second series of the study on the PACS). */
function ctOfSecondSeries(seriesUid: string, sopUid: string): Buffer {
  const edit = ['ds.SeriesInstanceUID = sys.argv[3]', 'ds.SOPInstanceUID = sys.argv[4]', 'ds.file_meta.MediaStorageSOPInstanceUID = sys.argv[4]', 'ds.SeriesNumber = 99'].join('\n');
  return editedCtSmall('second-series.dcm', edit, seriesUid, sopUid);
}

describe('a PACS whose answers disagree', () => {
  it('an instance listing that leaves out the series streamed first: that series stays first in the progress, with its slice, and the counts add up', async () => {
    dataDir = temporaryFolder('unlisted-first');
    db = openDatabase(dataDir);
    const second = { series: '1.2.826.0.1.3680043.8.498.41', sop: '1.2.826.0.1.3680043.8.498.41.1' };
    const secondBytes = ctOfSecondSeries(second.series, second.sop);
    const series = (uid: string, number: number) => ({ '0020000E': { vr: 'UI', Value: [uid] }, '00080060': { vr: 'CS', Value: ['CT'] }, '00200011': { vr: 'IS', Value: [number] }, '00201209': { vr: 'IS', Value: [1] } });
    // The series answer lists both; the instance listing only the second (a PACS mid-reindex, or a series deleted meanwhile).
    qido = (req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/dicom+json' });
      const onlySecond = [{ '0020000D': { vr: 'UI', Value: [CT.studyInstanceUid] }, '0020000E': { vr: 'UI', Value: [second.series] }, '00080018': { vr: 'UI', Value: [second.sop] }, '00200013': { vr: 'IS', Value: [1] } }];
      res.end(JSON.stringify((req.url ?? '').includes('/series?') ? [series(SERIES, 1), series(second.series, 99)] : onlySecond));
    };
    wado = (req, res) => {
      res.writeHead(200, { 'Content-Type': MULTIPART });
      res.end(Buffer.concat([part((req.url ?? '').includes(second.series) ? secondBytes : CT.bytes), Buffer.from(`--${BOUNDARY}--\r\n`)]));
    };
    const reports: RetrieveProgress[] = [];
    const transport = new DicomWebTransport(parseDicomWebTarget({ url: root }));
    const result = await retrieveStudy({ db, cacheRoot: cacheRoot(dataDir), transport }, { studyInstanceUid: CT.studyInstanceUid }, { onProgress: (p) => reports.push(p) });
    expect(result).toMatchObject({ instances: 2, refused: [] });
    const sinceFirstSlice = reports.slice(reports.findIndex(firstSliceIndexed));
    expect(sinceFirstSlice.length).toBeGreaterThan(1);
    for (const progress of sinceFirstSlice) {
      // What the viewer opened on keeps its slice: a long poll for the first slice is not answered again and again.
      expect(progress.series[0]).toMatchObject({ seriesInstanceUid: SERIES, indexed: 1 });
      expect(progress.instancesDone).toBeLessThanOrEqual(progress.instancesTotal);
    }
    expect(reports.at(-1)).toMatchObject({ instancesDone: 2, instancesTotal: 2 });
  });
});

describe('a first slice the index refuses', () => {
  it('a retrieve for a viewer is held after a slice is indexed, never after a file the index refused', async () => {
    dataDir = temporaryFolder('refused-first');
    db = openDatabase(dataDir);
    // CT_small under another SOP Instance UID (as long) whose Transfer Syntax UID is not a UID: its
    // identity reads, the importer refuses it. It comes first; CT_small itself second.
    const refusedSop = `${CT.sopInstanceUid.slice(0, -1)}9`;
    const refused = Buffer.from(CT.bytes);
    for (const [from, to] of [[CT.sopInstanceUid, refusedSop], ['1.2.840.10008.1.2.1\0', '1.2.840.10008.1.2.1x']] as const) {
      for (let at = refused.indexOf(from, 0, 'latin1'); at >= 0; at = refused.indexOf(from, at + 1, 'latin1')) refused.write(to, at, 'latin1');
    }
    const listing = [refusedSop, CT.sopInstanceUid].map((sop, i) => ({ '0020000D': { vr: 'UI', Value: [CT.studyInstanceUid] }, '0020000E': { vr: 'UI', Value: [SERIES] }, '00080018': { vr: 'UI', Value: [sop] }, '00200013': { vr: 'IS', Value: [i + 1] } }));
    qido = (req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/dicom+json' });
      res.end(JSON.stringify((req.url ?? '').includes('/series?') ? [{ ...seriesJson[0], '00201209': { vr: 'IS', Value: [2] } }] : listing));
    };
    wado = (_req, res) => {
      res.writeHead(200, { 'Content-Type': MULTIPART });
      res.end(Buffer.concat([part(refused), part(CT.bytes), Buffer.from(`--${BOUNDARY}--\r\n`)]));
    };
    let latest: RetrieveProgress | null = null;
    const heldAt: (RetrieveProgress | null)[] = [];
    const transport = new DicomWebTransport(parseDicomWebTarget({ url: root }));
    const result = await retrieveStudy({ db, cacheRoot: cacheRoot(dataDir), transport }, { studyInstanceUid: CT.studyInstanceUid }, {
      onProgress: (p) => (latest = p),
      afterFirstSlice: async () => void heldAt.push(latest),
    });
    expect(result.refused).toEqual([{ sopInstanceUid: refusedSop, reason: expect.stringMatching(/Transfer Syntax UID/) }]);
    expect(result.instances).toBe(1);
    // Held once, with CT_small indexed: the viewer had an image to show.
    expect(heldAt).toHaveLength(1);
    expect(heldAt[0]!.series[0]).toMatchObject({ seriesInstanceUid: SERIES, indexed: 1 });
  });
});
