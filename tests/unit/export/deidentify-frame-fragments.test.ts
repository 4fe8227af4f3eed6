import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { deidentifyFile } from '../../../electron/core/export/deid/deidentify-file';
import { pydicomScript } from './dicom-tools';
import { SHARED_DICOM, temporaryFolder } from '../../support/paths';

// dcmjs 0.52 writes each compressed frame in fragments of 20 KB unless told otherwise. PS3.5 A.4.2
// wants an RLE frame in one fragment, and GDCM could no longer decode a de-identified 12-bit
// progressive JPEG CT that it decodes from the source. Each frame is now one fragment, as the
// sources have them. Checked by pydicom (fragments) and GDCM (decoded samples).

const folder = temporaryFolder('frame-fragments');
afterAll(() => fs.rmSync(folder, { recursive: true, force: true }));

const ctx = () => ({ mapUid: (u: string) => `2.25.${u.length}`, pseudonym: 'BONEMET-0052', dateShiftDays: null });

function deidentified(source: string): string {
  const file = path.join(folder, `${path.basename(source)}-deid.dcm`);
  fs.writeFileSync(file, deidentifyFile(fs.readFileSync(source), source, ctx()).bytes);
  return file;
}

const FRAGMENTS = `
import sys, pydicom
from pydicom.encaps import decode_data_sequence
ds = pydicom.dcmread(sys.argv[1])
print(len(decode_data_sequence(ds.PixelData)), int(ds.get('NumberOfFrames', 1)))
`;

const SAMPLES = `
import sys, hashlib, pydicom
print(hashlib.sha256(pydicom.dcmread(sys.argv[1]).PixelData).hexdigest())
`;

const python = (script: string, file: string) => pydicomScript(script, file).trim();

/** The samples GDCM decodes from a compressed file (written uncompressed, then hashed), or its error. */
function gdcmSamples(file: string): string {
  const raw = `${file}-raw.dcm`;
  const run = spawnSync('gdcmconv', ['--raw', '-i', file, '-o', raw], { encoding: 'utf8' });
  return run.status === 0 ? python(SAMPLES, raw) : `gdcmconv failed: ${run.stderr.trim()}`;
}

describe('the compressed frames of a de-identified copy', () => {
  it.each(['CTImage.dcm_RLELosslessTransferSyntax_1.2.840.10008.1.2.5.dcm', 'CTImage.dcm_JPEG2000LosslessOnlyTransferSyntax_1.2.840.10008.1.2.4.90.dcm', 'CTImage.dcm_JPEGLSLosslessTransferSyntax_1.2.840.10008.1.2.4.80.dcm'])('are one fragment each (%s)', (name) => {
    const source = path.join(SHARED_DICOM, 'cornerstone3d', name);
    expect(python(FRAGMENTS, source)).toBe('1 1');
    expect(python(FRAGMENTS, deidentified(source))).toBe('1 1');
  });

  it('of every frame of a multi-frame RLE image, one fragment per frame', () => {
    expect(python(FRAGMENTS, deidentified(path.join(SHARED_DICOM, 'pydicom-data/emri_small_RLE.dcm')))).toBe('10 10');
  });

  it('decode in GDCM to the samples of the source (12-bit progressive JPEG)', () => {
    const source = path.join(SHARED_DICOM, 'cornerstone3d/CTImage.dcm_JPEGProcess10_12TransferSyntax_1.2.840.10008.1.2.4.55.dcm');
    const expected = gdcmSamples(source);
    expect(expected).toMatch(/^[0-9a-f]{64}$/);
    expect(gdcmSamples(deidentified(source))).toBe(expected);
  });
});
