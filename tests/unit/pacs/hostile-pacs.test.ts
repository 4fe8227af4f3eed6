import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { runImport } from '../../../electron/core/importer/run-import';
import { cacheRoot } from '../../../electron/core/pacs/cache/cache-folder';
import { parseDicomWebTarget } from '../../../electron/core/pacs/dicomweb/dicomweb-target';
import { DicomWebTransport } from '../../../electron/core/pacs/dicomweb/dicomweb-transport';
import { readStowFile } from '../../../electron/core/pacs/dicomweb/stow-rs';
import { retrieveStudy } from '../../../electron/core/pacs/retrieve/retrieve-study';
import { firstSliceIndexed, type RetrieveProgress } from '../../../shared/pacs/retrieve-job';
import { ctOfSecondSeries, ctTheIndexRefuses, ctWithLongHeader } from '../../support/ct-variants';
import { CLOSING, CT, MULTIPART, part, SERIES, seriesJson, useHostilePacs } from '../../support/hostile-pacs';
import { SHARED_DICOM, temporaryFolder } from '../../support/paths';

// A PACS that misbehaves, on a real loopback socket: its QIDO answers list CT_small honestly, and
// each case breaks one answer. Every failure must be told in words and leave every table as it was.
const MR_FILE = path.join(SHARED_DICOM, 'pydicom/MR_small.dcm');
const pacs = useHostilePacs();

let dataDir: string;
let db: Database.Database;

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
  ({ dataDir, db } = pacs.workstation('hostile-pacs'));
  await runImport(db, [MR_FILE]);
  const before = tableCounts();
  expect(before.instances).toBe(1);
  const transport = new DicomWebTransport(parseDicomWebTarget({ url: pacs.root }), { idleTimeoutMs });
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
    pacs.qido = (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html' });
      res.end('<html><body>Welcome to the hospital portal</body></html>');
    };
    expect(await retrieveFails()).toMatch(/answered HTTP 200, but not with DICOM JSON: is http:\/\/127\.0\.0\.1:\d+\/dicom-web a DICOMweb root\?/);
  });

  it('HTML where DICOM files belong: the retrieve says what came instead', async () => {
    pacs.wado = (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html' });
      res.end('<html>login</html>');
    };
    expect(await retrieveFails()).toMatch(/answered "text\/html" instead of DICOM files \(multipart\/related; type="application\/dicom"\)/);
  });

  it('a multipart body cut off in the middle of the file', async () => {
    pacs.wado = (_req, res) => {
      res.writeHead(200, { 'Content-Type': MULTIPART });
      const whole = part(CT.bytes);
      res.end(whole.subarray(0, Math.floor(whole.length / 2)));
    };
    expect(await retrieveFails()).toMatch(/the answer of .* ended after .* before it was complete\. Try again/);
  });

  it('a multipart body whose connection drops before its closing boundary', async () => {
    pacs.wado = (_req, res) => {
      res.writeHead(200, { 'Content-Type': MULTIPART, 'Content-Length': String(part(CT.bytes).length + 100) });
      res.write(part(CT.bytes).subarray(0, 4000));
      setTimeout(() => res.socket?.destroy(), 50);
    };
    expect(await retrieveFails()).toMatch(/ended after 3\.9 KiB|ended after 4000 bytes of the/);
  });

  it('a part that is not a DICOM file', async () => {
    pacs.wado = (_req, res) => {
      res.writeHead(200, { 'Content-Type': MULTIPART });
      res.end(Buffer.concat([part(Buffer.from('%PDF-1.7 this is a report, not an image'.padEnd(200, '.'))), CLOSING]));
    };
    expect(await retrieveFails()).toMatch(/part 1 of the answer of .* is not a DICOM Part 10 file \(it starts "%PDF-1\.7 this is a report/);
  });

  it('a part of another type than application/dicom', async () => {
    pacs.wado = (_req, res) => {
      res.writeHead(200, { 'Content-Type': MULTIPART });
      res.end(Buffer.concat([part(CT.bytes, 'application/octet-stream'), CLOSING]));
    };
    expect(await retrieveFails()).toMatch(/part 1 of the answer of .* is "application\/octet-stream", not a DICOM file/);
  });

  it.each([
    [401, /asks for credentials \(HTTP 401\)\. Set the PACS's Authorization header in PACS settings/],
    [500, /the server failed \(HTTP 500\)\. Try again later or ask its administrator\. The server said: database locked/],
  ])('HTTP %i', async (status, message) => {
    pacs.wado = (_req, res) => {
      res.writeHead(status, { 'Content-Type': 'text/plain' });
      res.end('database locked');
    };
    expect(await retrieveFails()).toMatch(message);
  });

  it('an answer that never ends: given up after the idle time-out', async () => {
    pacs.wado = (_req, res) => {
      res.writeHead(200, { 'Content-Type': MULTIPART });
      res.write(part(CT.bytes).subarray(0, 1000));
      // ...and then nothing, ever.
    };
    const started = performance.now();
    expect(await retrieveFails(400)).toMatch(/sent nothing for 400 ms and was given up\. Check the PACS and the network/);
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it('an answer that trickles, never silent as long as the idle time-out: given up as too slow to finish', async () => {
    // 16 bytes every 50 ms of a body that would take hours: a byte often enough to keep the
    // socket from ever being idle, far below any transfer that ends.
    const endless = Buffer.concat(Array.from({ length: 100 }, () => part(CT.bytes)));
    pacs.wado = (_req, res) => {
      res.writeHead(200, { 'Content-Type': MULTIPART });
      let sent = 0;
      const drip = setInterval(() => res.write(endless.subarray(sent, (sent += 16))), 50);
      res.on('close', () => clearInterval(drip));
    };
    expect(await retrieveFails(400)).toMatch(/sent only \d+ bytes in 800 ms, under the 16 KiB a second a transfer that ends needs, and was given up\. Check the PACS and the network/);
  });

  it('an answer declaring 2 GB: refused before any of it is read', async () => {
    let written = 0;
    pacs.wado = (_req, res) => {
      res.writeHead(200, { 'Content-Type': MULTIPART, 'Content-Length': String(2 * 2 ** 30) });
      res.write(part(CT.bytes).subarray(0, 1000), () => (written += 1000));
    };
    expect(await retrieveFails()).toMatch(/declares 2\.0 GiB, over the 512\.1 MiB this app accepts for it: refused, nothing of it was kept/);
  });

  it('a QIDO answer declaring 2 GB', async () => {
    pacs.qido = (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/dicom+json', 'Content-Length': String(2 * 2 ** 30) });
      res.write('[');
    };
    expect(await retrieveFails()).toMatch(/declares 2\.0 GiB, over the 32\.0 MiB this app accepts for it/);
  });

  it('an instance asked for alone answered with several files: refused at the second, not held in memory until the answer ends', async () => {
    pacs.wado = (req, res) => {
      res.writeHead(200, { 'Content-Type': MULTIPART });
      // The series' answer says nothing (so its first slice is asked for alone); the instance's
      // answer holds three files and then goes on, as parts of up to 512 MiB each could.
      if ((req.url ?? '').includes('/instances/')) res.write(Buffer.concat([part(CT.bytes), part(CT.bytes), part(CT.bytes)]));
    };
    expect(await retrieveFails(4000)).toMatch(/answered more than one file for instance .*, where one was asked for/);
  });

  it('a file of another instance than the one asked for', async () => {
    const mr = readStowFile(MR_FILE);
    pacs.wado = (_req, res) => {
      res.writeHead(200, { 'Content-Type': MULTIPART });
      res.end(Buffer.concat([part(mr.bytes), CLOSING]));
    };
    // Whether the series' answer or the first slice's comes first, the file is refused for what it is.
    expect(await retrieveFails()).toMatch(new RegExp(`sent instance ${mr.sopInstanceUid.replaceAll('.', '\\.')} (of series .* in study ${mr.studyInstanceUid.replaceAll('.', '\\.')} when series|when instance)`));
  });

  it('a file in the series answer whose SOP Instance UID is longer than any UID: refused as not a UID, never a file name too long to write', async () => {
    // 300 digits: a name the file system cannot hold, as the cache would name the file after it.
    const long = `1.2.${'7'.repeat(296)}`;
    const bytes = ctOfSecondSeries(temporaryFolder('long-uid'), SERIES, long);
    pacs.wado = (_req, res) => {
      res.writeHead(200, { 'Content-Type': MULTIPART });
      res.end(Buffer.concat([part(bytes), CLOSING]));
    };
    const message = await retrieveFails();
    expect(message).toMatch(/listed or sent an instance whose UIDs are not DICOM UIDs \(digits and dots, 64 at most\)\. Nothing of it was kept\./);
    expect(message).not.toMatch(/disk space|ENAMETOOLONG/);
  });
});

describe('an unusual but valid PACS', () => {
  it('a file whose header runs past the first 16 KiB, sent in small pieces: identified and indexed like an import of it', async () => {
    ({ dataDir, db } = pacs.workstation('long-header'));
    const bytes = ctWithLongHeader(dataDir);
    pacs.wado = (_req, res) => {
      res.writeHead(200, { 'Content-Type': MULTIPART });
      const body = Buffer.concat([part(bytes), CLOSING]);
      // Pieces of 1000 bytes, each its own write: the parts arrive over many reads.
      const send = (from: number): void => {
        if (from >= body.length) return void res.end();
        res.write(body.subarray(from, from + 1000), () => send(from + 1000));
      };
      send(0);
    };
    const transport = new DicomWebTransport(parseDicomWebTarget({ url: pacs.root }));
    const result = await retrieveStudy({ db, cacheRoot: cacheRoot(dataDir), transport }, { studyInstanceUid: CT.studyInstanceUid });
    expect(result).toMatchObject({ instances: 1, bytes: bytes.length, refused: [] });
    const row = db.prepare('SELECT sop_instance_uid AS sop, file_path AS file, rows, columns FROM instances').get() as { sop: string; file: string; rows: number; columns: number };
    expect(row).toMatchObject({ sop: CT.sopInstanceUid, rows: 128, columns: 128 });
    expect(fs.readFileSync(row.file).equals(bytes)).toBe(true);
  });
});

describe('a PACS whose answers disagree', () => {
  it('an instance listing that leaves out the series streamed first: that series stays first in the progress, with its slice, and the counts add up', async () => {
    ({ dataDir, db } = pacs.workstation('unlisted-first'));
    const second = { series: '1.2.826.0.1.3680043.8.498.41', sop: '1.2.826.0.1.3680043.8.498.41.1' };
    const secondBytes = ctOfSecondSeries(dataDir, second.series, second.sop);
    const series = (uid: string, number: number) => ({ '0020000E': { vr: 'UI', Value: [uid] }, '00080060': { vr: 'CS', Value: ['CT'] }, '00200011': { vr: 'IS', Value: [number] }, '00201209': { vr: 'IS', Value: [1] } });
    // The series answer lists both; the instance listing only the second (a PACS mid-reindex, or a series deleted meanwhile).
    pacs.qido = (req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/dicom+json' });
      const onlySecond = [{ '0020000D': { vr: 'UI', Value: [CT.studyInstanceUid] }, '0020000E': { vr: 'UI', Value: [second.series] }, '00080018': { vr: 'UI', Value: [second.sop] }, '00200013': { vr: 'IS', Value: [1] } }];
      res.end(JSON.stringify((req.url ?? '').includes('/series?') ? [series(SERIES, 1), series(second.series, 99)] : onlySecond));
    };
    pacs.wado = (req, res) => {
      res.writeHead(200, { 'Content-Type': MULTIPART });
      res.end(Buffer.concat([part((req.url ?? '').includes(second.series) ? secondBytes : CT.bytes), CLOSING]));
    };
    const reports: RetrieveProgress[] = [];
    const transport = new DicomWebTransport(parseDicomWebTarget({ url: pacs.root }));
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
    ({ dataDir, db } = pacs.workstation('refused-first'));
    // A file the importer refuses comes first; CT_small itself second.
    const { sop: refusedSop, bytes: refused } = ctTheIndexRefuses();
    const listing = [refusedSop, CT.sopInstanceUid].map((sop, i) => ({ '0020000D': { vr: 'UI', Value: [CT.studyInstanceUid] }, '0020000E': { vr: 'UI', Value: [SERIES] }, '00080018': { vr: 'UI', Value: [sop] }, '00200013': { vr: 'IS', Value: [i + 1] } }));
    pacs.qido = (req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/dicom+json' });
      res.end(JSON.stringify((req.url ?? '').includes('/series?') ? [{ ...seriesJson[0], '00201209': { vr: 'IS', Value: [2] } }] : listing));
    };
    pacs.wado = (_req, res) => {
      res.writeHead(200, { 'Content-Type': MULTIPART });
      res.end(Buffer.concat([part(refused), part(CT.bytes), CLOSING]));
    };
    let latest: RetrieveProgress | null = null;
    const heldAt: (RetrieveProgress | null)[] = [];
    const transport = new DicomWebTransport(parseDicomWebTarget({ url: pacs.root }));
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

describe('an index that cannot take a batch', () => {
  it('the database locked by another process past its wait: the retrieve fails, and the cache keeps no file the index does not hold', async () => {
    ({ dataDir, db } = pacs.workstation('index-locked'));
    db.pragma('busy_timeout = 300');
    // Another process takes the database's write lock when the PACS is first asked for a file (the
    // study's cache row written by then), and holds it until the retrieve has ended.
    let holder: ChildProcessWithoutNullStreams | null = null;
    let locked: Promise<void> | null = null;
    pacs.wado = (_req, res) => {
      if (!holder) {
        const lockHolder = spawn('/usr/bin/python3', ['-c', "import sqlite3, sys\nc = sqlite3.connect(sys.argv[1], isolation_level=None)\nc.execute('BEGIN IMMEDIATE')\nprint('locked', flush=True)\nsys.stdin.read()", db.name]);
        locked = new Promise<void>((resolve) => lockHolder.stdout.once('data', () => resolve()));
        holder = lockHolder;
      }
      void locked!.then(() => {
        res.writeHead(200, { 'Content-Type': MULTIPART });
        res.end(Buffer.concat([part(CT.bytes), CLOSING]));
      });
    };
    const transport = new DicomWebTransport(parseDicomWebTarget({ url: pacs.root }));
    const error = await retrieveStudy({ db, cacheRoot: cacheRoot(dataDir), transport }, { studyInstanceUid: CT.studyInstanceUid }).then(
      () => null,
      (e: unknown) => e as Error,
    );
    const ended = holder as ChildProcessWithoutNullStreams | null;
    expect(ended, 'the PACS was asked for a file').not.toBeNull();
    ended!.stdin.end();
    await new Promise((resolve) => ended!.once('exit', resolve));
    expect(error?.message).toMatch(/database is locked/);
    // A file the index does not hold is a file nobody finds: not evicted, not counted, never opened.
    const indexed = (db.prepare('SELECT file_path FROM instances').pluck().all() as string[]).map((file) => path.basename(file));
    expect(cachedFiles()).toEqual(indexed);
  });
});
