import fs from 'node:fs';
import http from 'node:http';
import type net from 'node:net';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { openDatabase } from '../../electron/core/db/open-database';
import { readStowFile } from '../../electron/core/pacs/dicomweb/stow-rs';
import { SHARED_DICOM, temporaryFolder } from './paths';

// A PACS that misbehaves, on a real loopback socket: its QIDO answers list CT_small honestly, and
// each case breaks one answer.

/** CT_small, the one instance the PACS lists unless a case says otherwise. */
export const CT = readStowFile(path.join(SHARED_DICOM, 'pydicom/CT_small.dcm'));
/** CT_small's Series Instance UID. */
export const SERIES = '1.3.6.1.4.1.5962.1.3.1.1.20040119072730.12322';
const BOUNDARY = 'hostile-boundary';
/** The content type of the PACS's WADO-RS answers. */
export const MULTIPART = `multipart/related; type="application/dicom"; boundary=${BOUNDARY}`;
/** The end of a multipart answer. */
export const CLOSING = Buffer.from(`--${BOUNDARY}--\r\n`);

/** How the PACS answers one request. */
export type Behaviour = (req: http.IncomingMessage, res: http.ServerResponse) => void;

/** CT_small as QIDO lists it: the instance, and its series (with no instance count). */
export const instanceJson = [{ '0020000D': { vr: 'UI', Value: [CT.studyInstanceUid] }, '0020000E': { vr: 'UI', Value: [SERIES] }, '00080018': { vr: 'UI', Value: [CT.sopInstanceUid] }, '00200013': { vr: 'IS', Value: [1] } }];
export const seriesJson = [{ '0020000E': { vr: 'UI', Value: [SERIES] }, '00080060': { vr: 'CS', Value: ['CT'] } }];

/** One part of a multipart answer. */
export function part(bytes: Uint8Array, type = 'application/dicom'): Buffer {
  return Buffer.concat([Buffer.from(`--${BOUNDARY}\r\nContent-Type: ${type}\r\nContent-Length: ${bytes.length}\r\n\r\n`), Buffer.from(bytes), Buffer.from('\r\n')]);
}

/** A workstation retrieving from the PACS: its data folder and database. */
export interface Workstation {
  dataDir: string;
  db: Database.Database;
}

/** The PACS of one test file: set `wado` (retrieves) and `qido` (searches; null: honest) per case. */
export interface HostilePacs {
  readonly root: string;
  wado: Behaviour;
  qido: Behaviour | null;
  /** A fresh workstation for one test, closed and removed after it. */
  workstation(name: string): Workstation;
}

/** Starts the PACS before the file's tests and stops it after; after each test its searches are honest again and its workstation is gone. */
export function useHostilePacs(): HostilePacs {
  const sockets = new Set<net.Socket>();
  let current: Workstation | null = null;
  const pacs: HostilePacs = {
    root: '',
    wado: () => undefined,
    qido: null,
    workstation(name) {
      const dataDir = temporaryFolder(name);
      current = { dataDir, db: openDatabase(dataDir) };
      return current;
    },
  };
  const server = http.createServer((req, res) => {
    const url = req.url ?? '';
    // Retrieves: an instance, or a whole series (a path without a query ending in a series UID).
    if (url.includes('/instances/') || /\/series\/[0-9.]+$/.test(url)) return pacs.wado(req, res);
    if (pacs.qido) return pacs.qido(req, res);
    res.writeHead(200, { 'Content-Type': 'application/dicom+json' });
    res.end(JSON.stringify(url.includes('/series?') ? seriesJson : instanceJson));
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    (pacs as { root: string }).root = `http://127.0.0.1:${(server.address() as net.AddressInfo).port}/dicom-web`;
  });
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => server.close(resolve));
  });
  afterEach(() => {
    pacs.qido = null;
    current?.db.close();
    if (current) fs.rmSync(current.dataDir, { recursive: true, force: true });
    current = null;
  });
  return pacs;
}
