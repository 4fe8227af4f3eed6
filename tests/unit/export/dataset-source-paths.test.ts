import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodePart10Dict, parsePart10 } from '../../../electron/core/export/dicom/part10-io';
import { SHARED_DICOM, temporaryFolder } from '../../support/paths';
import { leaksUnder, runCli, type CliRun, type Needle } from './hostile-dataset';

// Where the sources sit is identity too: PACS exports and CD imports name folders and files after
// the patient. A research dataset must not carry the path of any source, even in what it says about
// an image it could not read (a damaged frame in a JPEG-LS series asked for as NIfTI).

const LIDC = path.join(SHARED_DICOM, 'ct-series-lidc-idri-0314-chest');
const FOLDER = 'HOSTILEWOOD HPID-31337002';
const hex = (s: string) => Buffer.from(s, 'latin1').toString('hex');
const NEEDLES: Needle[] = ['HOSTILEWOOD', 'HPID-31337002', 'incoming'].map((value) => ({ value, bytes: [hex(value), Buffer.from(value, 'utf16le').toString('hex')] }));

let dataDir: string;
let outDir: string;
let exported: CliRun;

beforeAll(() => {
  dataDir = temporaryFolder('source-paths');
  const incoming = path.join(dataDir, 'incoming', FOLDER);
  fs.mkdirSync(incoming, { recursive: true });
  // Three neighbouring slices: the first three by Instance Number.
  const number = (f: string) => Number(parsePart10(fs.readFileSync(path.join(LIDC, f)), f, { until: 'header' }).dict['00200013']!.Value![0]);
  const slices = fs.readdirSync(LIDC).filter((f) => f.endsWith('.dcm')).map((f) => [f, number(f)] as const).sort((a, b) => a[1] - b[1]).slice(0, 3).map(([f]) => f);
  slices.forEach((name, n) => {
    // Said to store all 16 bits, so that the export does not decode it to look for an overlay.
    const native = path.join(dataDir, `native-${n + 1}.dcm`);
    const source = parsePart10(fs.readFileSync(path.join(LIDC, name)), name);
    fs.writeFileSync(native, encodePart10Dict(source.meta, { ...source.dict, '00280101': { vr: 'US', Value: [16] }, '00280102': { vr: 'US', Value: [15] } }));
    const target = path.join(incoming, `HOSTILEWOOD_${n + 1}.dcm`);
    const run = spawnSync('dcmcjpls', [native, target], { encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
  });
  // The second slice's stream cut in half: its markers read, its samples do not decode.
  const damaged = path.join(incoming, 'HOSTILEWOOD_2.dcm');
  const { meta, dict } = parsePart10(fs.readFileSync(damaged), damaged);
  const frame = new Uint8Array(dict['7FE00010']!.Value![0] as ArrayBuffer);
  fs.writeFileSync(damaged, encodePart10Dict(meta, { ...dict, '7FE00010': { ...dict['7FE00010']!, Value: [frame.slice(0, frame.length >> 1 & ~1).buffer] } }));
  const imported = runCli(dataDir, 'import', path.join(dataDir, 'incoming'), '--json');
  expect(imported.code, imported.stderr).toBe(0);
  const study = String(dict['0020000D']!.Value![0]);
  outDir = path.join(dataDir, 'dataset');
  exported = runCli(dataDir, 'export', 'dataset', '--study', study, '--out', outDir, '--nifti', '--json');
}, 120_000);
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

describe('a research dataset of sources in folders named after the patient', () => {
  it('says which slice it could not read as NIfTI by its place in the series, not by its file', () => {
    expect(exported.code, exported.stderr + exported.stdout).toBe(0);
    const readme = fs.readFileSync(path.join(outDir, 'README.md'), 'utf8');
    expect(readme).toMatch(/series 1`: slice 2 of 3 \(in position order\): the JPEG-LS Lossless frame cannot be decoded/);
    expect(leaksUnder(NEEDLES, outDir)).toEqual([]);
  });
});
