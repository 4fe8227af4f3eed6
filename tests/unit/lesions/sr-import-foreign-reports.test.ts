import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeCornerstoneLengthReport } from '../../support/cornerstone-measurement-report';
import { REPO_ROOT, SHARED_DICOM, temporaryFolder } from '../../support/paths';

// `lesions import-sr` on a valid TID 1500 report another program wrote says exactly that, and
// imports nothing; on an SR that is no Measurement Report at all it says that instead.
let dataDir: string;
let cornerstoneReport: string;
const cli = (...args: string[]) => spawnSync(process.execPath, [path.join(REPO_ROOT, 'electron/cli/launch.mjs'), ...args, '--data-dir', dataDir], { encoding: 'utf8' });
const storedLesions = () => JSON.parse(cli('lesions', 'list', '--all', '--json').stdout).length;

beforeAll(() => {
  dataDir = temporaryFolder('sr-foreign');
  cornerstoneReport = path.join(dataDir, 'cornerstone-length.dcm');
  writeCornerstoneLengthReport(cornerstoneReport);
  expect(cli('reader', 'set', 'AB', 'Anna', 'Berg').status).toBe(0);
});
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

describe('import-sr on reports BoneMet Review did not write', () => {
  it('the Cornerstone3D-written report is a valid TID 1500 report (dsrdump reads it as one)', () => {
    const dump = spawnSync('dsrdump', [cornerstoneReport], { encoding: 'utf8' });
    expect(dump.status, dump.stderr).toBe(0);
    expect(dump.stdout).toMatch(/Enhanced SR Document/);
    expect(dump.stdout).toMatch(/"Imaging Measurement Report"/);
    expect(dump.stdout).toMatch(/NUM:\(,,"Length"\)="10"/);
  });

  it.each([
    ['highdicom', () => path.join(SHARED_DICOM, 'highdicom/sr_document.dcm'), /written by "Manufacturer"; 1 measurement group\(s\)/],
    ['highdicom, several groups', () => path.join(SHARED_DICOM, 'highdicom/sr_document_with_multiple_groups.dcm'), /written by "Manufacturer"; 4 measurement group\(s\)/],
    ['OHIF / Cornerstone3D (dcmjs adapter)', () => cornerstoneReport, /written by "Unspecified Unspecified 0"; 1 measurement group\(s\)/],
  ])('says a report written by %s is TID 1500 but not BoneMet Review\'s, and imports nothing', (_by, file, maker) => {
    const result = cli('lesions', 'import-sr', file());
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`${file()} is a TID 1500 Imaging Measurement Report, but BoneMet Review did not write it`);
    expect(result.stderr).toMatch(maker);
    expect(result.stderr).toMatch(/none holding a BoneMet lesion record\)\. import-sr restores only the reports BoneMet Review exported: nothing was imported\./);
    expect(storedLesions()).toBe(0);
  });

  it('says an SR that is not a Measurement Report is not one', () => {
    const file = path.join(SHARED_DICOM, 'pydicom/test-SR.dcm');
    const result = cli('lesions', 'import-sr', file);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`${file} is not an Imaging Measurement Report (TID 1500)`);
  });
});
