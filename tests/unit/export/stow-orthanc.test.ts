import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { parseArguments } from '../../../electron/cli/arguments';
import { exportStowCommand } from '../../../electron/cli/commands/export-stow-command';
import { parseDicomWebTarget } from '../../../electron/core/pacs/dicomweb/dicomweb-target';
import { qidoFindStudy } from '../../../electron/core/pacs/dicomweb/qido-rs';
import { readStowFile, stowRs } from '../../../electron/core/pacs/dicomweb/stow-rs';
import { SHARED_DICOM } from '../../support/paths';
import { DICOMWEB_PLUGIN, ORTHANC_BINARY, freePort, startOrthanc, type OrthancServer } from '../../support/orthanc-server';

// A real PACS on loopback. Skipped only where Orthanc itself is not installed (CI installs
// Debian's orthanc and orthanc-dicomweb); a missing plugin with Orthanc present is a failure.
const HAVE_ORTHANC = fs.existsSync(ORTHANC_BINARY);
const SKIP_NOTE = HAVE_ORTHANC ? '' : ` (SKIPPED: ${ORTHANC_BINARY} is not installed; apt-get install orthanc orthanc-dicomweb)`;
if (!HAVE_ORTHANC) console.warn(`stow-orthanc.test.ts${SKIP_NOTE}`);

const CT = path.join(SHARED_DICOM, 'pydicom/CT_small.dcm');
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

  it('sends through `export stow`, confirms with QIDO-RS, and refuses a file of another study', async () => {
    const mrFile = readStowFile(path.join(SHARED_DICOM, 'pydicom/MR_small.dcm'));
    const out: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((line: string) => void out.push(line));
    try {
      await exportStowCommand(parseArguments(['export', 'stow', '--study', mrFile.studyInstanceUid, '--url', orthanc.dicomWebUrl, '--in', MR]));
    } finally {
      log.mockRestore();
    }
    expect(out.join('\n')).toMatch(/1 stored, 0 failed \(HTTP 200\)[\s\S]*confirmed: the server lists study/);
    await expect(exportStowCommand(parseArguments(['export', 'stow', '--study', mrFile.studyInstanceUid, '--url', orthanc.dicomWebUrl, '--in', CT]))).rejects.toThrow(
      /belongs to study .* nothing was sent/,
    );
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

  it('refuses a file that is not DICOM Part 10', () => {
    expect(() => readStowFile(path.join(SHARED_DICOM, 'manifest.csv'))).toThrow(/not a DICOM Part 10 file/);
  });
});
