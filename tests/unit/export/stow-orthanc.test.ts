import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { parseDicomWebTarget } from '../../../electron/core/pacs/dicomweb/dicomweb-target';
import { qidoFindStudy } from '../../../electron/core/pacs/dicomweb/qido-rs';
import { readStowFile, stowRs } from '../../../electron/core/pacs/dicomweb/stow-rs';
import { runExportCommand } from '../../support/cli-in-process';
import { SHARED_DICOM, temporaryFolder } from '../../support/paths';
import { DICOMWEB_PLUGIN, ORTHANC_BINARY, freePort, startOrthanc, type OrthancServer } from '../../support/orthanc-server';

// A real PACS on loopback. Skipped only where Orthanc itself is not installed (CI installs
// Debian's orthanc and orthanc-dicomweb); a missing plugin with Orthanc present is a failure.
const HAVE_ORTHANC = fs.existsSync(ORTHANC_BINARY);
const SKIP_NOTE = HAVE_ORTHANC ? '' : ` (SKIPPED: ${ORTHANC_BINARY} is not installed; apt-get install orthanc orthanc-dicomweb)`;
if (!HAVE_ORTHANC) console.warn(`stow-orthanc.test.ts${SKIP_NOTE}`);

const CT = path.join(SHARED_DICOM, 'pydicom/CT_small.dcm');

const scratchFolders: string[] = [];
/** A temporary folder (a data folder, files to send), removed after the test. */
function scratch(prefix: string): string {
  const folder = temporaryFolder(prefix);
  scratchFolders.push(folder);
  return folder;
}
afterEach(() => {
  for (const folder of scratchFolders.splice(0)) fs.rmSync(folder, { recursive: true, force: true });
});
const MR = path.join(SHARED_DICOM, 'pydicom/MR_small.dcm');

describe.skipIf(!HAVE_ORTHANC)(`STOW-RS to a real Orthanc${SKIP_NOTE}`, () => {
  let orthanc: OrthancServer;
  beforeAll(async () => {
    expect(fs.existsSync(DICOMWEB_PLUGIN), `${DICOMWEB_PLUGIN} is missing: apt-get install orthanc-dicomweb`).toBe(true);
    orthanc = await startOrthanc();
  });
  afterAll(async () => {
    await orthanc?.stop();
  });

  it('stores two instances in one multipart request, and QIDO-RS finds their studies', async () => {
    const target = parseDicomWebTarget({ url: `${orthanc.dicomWebUrl}/` });
    const files = [readStowFile(CT), readStowFile(MR)];
    expect(await qidoFindStudy(target, files[0]!.studyInstanceUid)).toEqual([]);
    const result = await stowRs(target, files);
    expect(result.status).toBe(200);
    expect(result.failed).toEqual([]);
    expect(result.stored.map((s) => s.sopInstanceUid).sort()).toEqual(files.map((f) => f.sopInstanceUid).sort());
    for (const file of files) {
      const found = await qidoFindStudy(target, file.studyInstanceUid);
      expect(found.map((s) => s.studyInstanceUid)).toEqual([file.studyInstanceUid]);
      expect(found[0]!.numberOfInstances).toBe(1);
    }
  });

  it('sends through `export stow` (an export job through the contract), confirms with QIDO-RS, and refuses a file of another study', async () => {
    const mrFile = readStowFile(MR);
    const dataDir = scratch('stow-cli');
    // The lines for a person go through console.log, which vitest takes over: read them there.
    const lines: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((line: string) => void lines.push(line));
    try {
      await runExportCommand(['export', 'stow', '--study', mrFile.studyInstanceUid, '--url', orthanc.dicomWebUrl, '--in', MR], dataDir);
    } finally {
      log.mockRestore();
    }
    const out = lines.join('\n');
    expect(out).toMatch(new RegExp(`sent 1 file\\(s\\) to ${orthanc.dicomWebUrl}: 1 stored, 0 failed \\(HTTP 200\\)\\nconfirmed: the server lists study ${mrFile.studyInstanceUid} \\(1 instances\\)`));
    await expect(runExportCommand(['export', 'stow', '--study', mrFile.studyInstanceUid, '--url', orthanc.dicomWebUrl, '--in', CT], dataDir)).rejects.toThrow(/belongs to study .* nothing was sent/);
    // --json prints the job's final status, as every export does.
    const status = JSON.parse(await runExportCommand(['export', 'stow', '--study', mrFile.studyInstanceUid, '--url', orthanc.dicomWebUrl, '--in', MR, '--json'], dataDir));
    expect(status).toMatchObject({ kind: 'stow-files', state: 'done', destination: null, filesWritten: [], errors: [] });
    expect(status.pacs).toEqual([
      { url: orthanc.dicomWebUrl, studyInstanceUid: mrFile.studyInstanceUid, httpStatus: 200, stored: [mrFile.sopInstanceUid], failed: [], confirmed: true, filesSent: 1, instancesListed: 1 },
    ]);
  });

  it('sends every DICOM file of a folder and passes over what is not DICOM', async () => {
    const folder = scratch('stow-folder');
    const dataDir = scratch('stow-cli');
    const ct = readStowFile(CT);
    fs.copyFileSync(CT, path.join(folder, 'ct.dcm'));
    fs.writeFileSync(path.join(folder, 'README.txt'), 'not DICOM\n');
    const status = JSON.parse(await runExportCommand(['export', 'stow', '--study', ct.studyInstanceUid, '--url', orthanc.dicomWebUrl, '--in', folder, '--json'], dataDir));
    expect(status.pacs[0]).toMatchObject({ filesSent: 1, stored: [ct.sopInstanceUid], confirmed: true });
    expect(status.progress).toMatchObject({ itemsDone: 2, itemsTotal: 2, bytesTotal: ct.bytes.length });
  });

  it('says the URL is not a DICOMweb root when the server answers 404', async () => {
    const target = parseDicomWebTarget({ url: `${orthanc.httpUrl}/not-dicom-web` });
    await expect(stowRs(target, [readStowFile(CT)])).rejects.toThrow(/HTTP 404.*DICOMweb root/);
  });
});

describe('STOW-RS failures that need no server', () => {
  it('says nothing answers when the port is closed', async () => {
    const target = parseDicomWebTarget({ url: `http://127.0.0.1:${await freePort()}/dicom-web` });
    await expect(stowRs(target, [readStowFile(CT)])).rejects.toThrow(/connection refused/);
  });

  it('`export stow` says nothing answers when the port is closed, and fails', async () => {
    const dataDir = scratch('stow-cli');
    const study = readStowFile(CT).studyInstanceUid;
    await expect(runExportCommand(['export', 'stow', '--study', study, '--url', `http://127.0.0.1:${await freePort()}/dicom-web`, '--in', CT], dataDir)).rejects.toThrow(/connection refused/);
  });

  it('`export stow` refuses credentials in clear to another machine before reading or sending anything', async () => {
    const dataDir = scratch('stow-cli');
    const argv = ['export', 'stow', '--study', readStowFile(CT).studyInstanceUid, '--url', 'http://pacs.example.org/dicom-web', '--user=ab', '--in', CT];
    await expect(runExportCommand(argv, dataDir)).rejects.toThrow(/Refusing to send credentials in clear over http:\/\/ to pacs.example.org/);
  });

  it('`export stow` refuses a named file that is not DICOM, and a folder with no DICOM file', async () => {
    const dataDir = scratch('stow-cli');
    const empty = scratch('stow-empty');
    const study = readStowFile(CT).studyInstanceUid;
    const url = `http://127.0.0.1:${await freePort()}/dicom-web`;
    await expect(runExportCommand(['export', 'stow', '--study', study, '--url', url, '--in', path.join(SHARED_DICOM, 'manifest.csv')], dataDir)).rejects.toThrow(/not a DICOM Part 10 file/);
    fs.writeFileSync(path.join(empty, 'notes.txt'), 'no images here\n');
    await expect(runExportCommand(['export', 'stow', '--study', study, '--url', url, '--in', empty], dataDir)).rejects.toThrow(/holds no DICOM Part 10 file to send/);
  });

  it('refuses a file that is not DICOM Part 10', () => {
    expect(() => readStowFile(path.join(SHARED_DICOM, 'manifest.csv'))).toThrow(/not a DICOM Part 10 file/);
  });
});
