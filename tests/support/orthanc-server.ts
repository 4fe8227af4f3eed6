import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { temporaryFolder } from './paths';

/** Debian's Orthanc (package orthanc) and its DICOMweb plugin (package orthanc-dicomweb). */
export const ORTHANC_BINARY = '/usr/sbin/Orthanc';
export const DICOMWEB_PLUGIN = '/usr/share/orthanc/plugins/libOrthancDicomWeb.so';

/** A loopback port nobody listens on right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** A running Orthanc: its HTTP root, its DICOMweb root, and how to stop it. */
export interface OrthancServer {
  httpUrl: string;
  dicomWebUrl: string;
  stop(): Promise<void>;
}

/** Where an Orthanc keeps its storage and which ports it takes: given to start one again on the same storage and URL. */
export interface OrthancPlace {
  /** A folder the caller owns (kept when the server stops). */
  dir: string;
  httpPort: number;
  dicomPort: number;
}

function exited(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/**
 * Starts Orthanc on free loopback ports with a temporary storage folder, no remote access, no
 * authentication, and the DICOMweb plugin at /dicom-web/; resolves once /system answers. Given a
 * place, it uses that folder and those ports and keeps the folder when stopped (a PACS that goes
 * away and comes back with what it stored).
 */
export async function startOrthanc(place?: OrthancPlace, attempt = 1): Promise<OrthancServer> {
  const dir = place?.dir ?? temporaryFolder('orthanc');
  const [httpPort, dicomPort] = place ? [place.httpPort, place.dicomPort] : [await freePort(), await freePort()];
  const config = {
    // Its own name: /system must answer from this Orthanc, not another that holds the port.
    Name: `BONEMET-TEST-${process.pid}-${httpPort}`,
    StorageDirectory: path.join(dir, 'storage'),
    IndexDirectory: path.join(dir, 'storage'),
    HttpPort: httpPort,
    DicomPort: dicomPort,
    DicomAet: 'BONEMETTEST',
    RemoteAccessAllowed: false,
    AuthenticationEnabled: false,
    Plugins: [DICOMWEB_PLUGIN],
    DicomWeb: { Enable: true, Root: '/dicom-web/' },
  };
  const configFile = path.join(dir, 'orthanc.json');
  fs.writeFileSync(configFile, JSON.stringify(config, null, 2));
  const child = spawn(ORTHANC_BINARY, [configFile], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stdout?.on('data', (d: Buffer) => (log += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (log += d.toString()));
  const httpUrl = `http://127.0.0.1:${httpPort}`;
  const stop = async () => {
    if (child.pid !== undefined && child.exitCode === null) child.kill('SIGTERM');
    if (!(await exited(child, 10_000))) child.kill('SIGKILL');
    await exited(child, 5_000);
    if (!place) fs.rmSync(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break;
    try {
      const response = await fetch(`${httpUrl}/system`, { signal: AbortSignal.timeout(1000) });
      if (response.ok && ((await response.json()) as { Name?: string }).Name === config.Name) return { httpUrl, dicomWebUrl: `${httpUrl}/dicom-web`, stop };
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  await stop();
  // A port found free can be taken by another process (a test file in another worker starting its
  // own Orthanc) before Orthanc binds it: on fresh ports, that is tried again, not a failed test.
  if (!place && attempt < 3 && /already in use/.test(log)) return startOrthanc(undefined, attempt + 1);
  throw new Error(`Orthanc did not answer on ${httpUrl} (exit code ${child.exitCode}). Its log:\n${log.slice(-3000)}`);
}
