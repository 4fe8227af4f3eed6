import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parsePart10 } from '../../../electron/core/export/dicom/part10-io';
import { makeSpineLesion, typed } from '../../support/lesion-fixtures';
import { SHARED_DICOM, temporaryFolder } from '../../support/paths';
import { filesUnder, readDataset } from './export-files';
import { drawSquareAreas, leaksIn, leaksUnder, runCli, type CliRun, type Needle } from './hostile-dataset';
import { runPython } from '../../support/python-runner';

// The outside reviewer's second round (hostile-sources.py says what is planted where): sources in
// UTF-8, deflated, implicit and big-endian encodings and in ISO 2022 with an escape sequence inside
// the name; identifiers run into other letters, dates with the month in words, graphic annotations,
// icon images, UIDs built from the ID and the date; a marker in every string element of one image;
// a lesion drawn by a named reader. Imported and
// exported through the command line with the date shift and NIfTI, then every byte, gzip stream and
// path searched for every planted value in every encoding it could take.

let dataDir: string;
let outDir: string;
let plan: { studies: string[]; needles: Needle[] };
let exported: CliRun;

const cli = (...args: string[]) => runCli(dataDir, ...args);

const CT_STUDY = '1.2.826.0.1.3680043.9.77123456.20230817.1';
const CT_SERIES = '1.2.826.0.1.3680043.9.77123456.20230817.2';

beforeAll(() => {
  dataDir = temporaryFolder('hostile-sources');
  const incoming = path.join(dataDir, 'incoming');
  const planted = runPython([path.join(__dirname, 'hostile-sources.py'), SHARED_DICOM, incoming]);
  expect(planted.status, planted.stderr).toBe(0);
  plan = JSON.parse(planted.stdout) as typeof plan;
  const imported = cli('import', incoming, '--json');
  expect(imported.code, imported.stderr).toBe(0);
  expect((JSON.parse(imported.stdout) as { indexed: number }).indexed).toBe(8);
  expect(cli('reader', 'set', 'QZ', 'Qwenda', 'Zorbach', '--role', 'radiologist').code).toBe(0);
  const lesion = makeSpineLesion('T6', {
    id: 'e0000000-0000-4000-8000-000000000001', trackingUid: '2.25.77123456001', studyInstanceUid: CT_STUDY, seriesInstanceUid: CT_SERIES,
    nature: 'lytic', reader: 'QZ', largestDimensionMm: typed(21), note: 'ZQXMARKER seen by Qwenda Zorbach', attachedAnnotationIds: ['e0000000-0000-4000-8000-0000000000a1'],
  });
  const records = path.join(dataDir, 'lesions.json');
  fs.writeFileSync(records, JSON.stringify([lesion]));
  const added = cli('lesions', 'add', '--study', CT_STUDY, '--in', records);
  expect(added.code, added.stderr).toBe(0);
  drawSquareAreas(dataDir, [{
    id: 'e0000000-0000-4000-8000-0000000000a1', lesionId: lesion.id, studyInstanceUid: CT_STUDY, seriesInstanceUid: CT_SERIES, slice: 0, text: 'Zorbach: ZQXMARKER', reader: 'QZ',
  }]);
  outDir = path.join(dataDir, 'dataset');
  exported = cli('export', 'dataset', '--study', plan.studies.join(','), '--out', outDir, '--date-shift', '--nifti', '--json');
}, 240_000);
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

const images = () => filesUnder(path.join(outDir, 'dicom')).filter((f) => /IM\d+\.dcm$/.test(f));

describe('a research dataset of sources in unusual encodings that hide their patient in unusual places', () => {
  it('exports every image, the SEG and SR of the drawn lesion, and NIfTI', () => {
    expect(exported.code, exported.stderr).toBe(0);
    expect(images()).toHaveLength(7);
    const written = filesUnder(outDir).map((f) => path.relative(outDir, f));
    expect(written.filter((f) => /(SEG|SR)-[^/]+\.dcm$/.test(f))).toHaveLength(2);
    expect(written.filter((f) => f.endsWith('_mask.nii.gz'))).toHaveLength(1);
    // The pixel-less instance is listed, its private class not named.
    expect(fs.readFileSync(path.join(outDir, 'README.md'), 'utf8')).toMatch(/`pixel-less instance of a private SOP class, 1 of 1 in dicom\/BONEMET-\d+\/study-01, series without images 1/);
  });

  it('finds what it plants: the sources hold the needles, the escaped name in its escaped bytes only', () => {
    const sources = filesUnder(path.join(dataDir, 'incoming'));
    const found = new Set(sources.flatMap((f) => leaksIn(plan.needles, f, fs.readFileSync(f))).map((l) => l.slice(l.indexOf(': ') + 2)));
    for (const value of ['ZQXMARKER', '77123456', 'BIGENDMARK', 'FZQMARK', 'Zqxm', 'GANTRY-QX4471', '17 Aug 2023', 'Zqxmärker^Jörg (ISO 2022 bytes)']) expect(found.has(value), value).toBe(true);
    expect(found.has('Zqxmärker'), 'split by its escape sequence').toBe(false);
  });

  it('leaves no planted identifier, nor the reader\'s name, in any byte, gzip stream or path of the dataset', () => {
    expect(leaksUnder(plan.needles, outDir)).toEqual([]);
  });

  it('keeps only the 12 stored bits of the big-endian image, in its own byte order', () => {
    const mr = images().find((f) => readDataset(f).Rows === 64)!;
    const { meta, dict } = parsePart10(fs.readFileSync(mr), mr);
    expect(meta['00020010']!.Value).toEqual(['1.2.840.10008.1.2.2']);
    const samples = new DataView(dict['7FE00010']!.Value![0] as ArrayBuffer);
    let outside = 0;
    for (let i = 0; i < samples.byteLength / 2; i++) if (Math.abs(samples.getInt16(2 * i, false) + 0.5) > 2048) outside++;
    expect(outside).toBe(0);
  });

  it('names the series whose Modality is the patient\'s name Other (OT), in its file and its folder', () => {
    const mr = images().find((f) => readDataset(f).Rows === 64)!;
    expect(path.basename(path.dirname(mr))).toBe('series-01-OT');
    expect(readDataset(mr).Modality).toBe('OT');
  });

  it('shifts the dates of both studies of one patient by one offset: the 91 days between them stay', () => {
    const days = (da: string) => Date.UTC(+da.slice(0, 4), +da.slice(4, 6) - 1, +da.slice(6, 8)) / 86_400_000;
    const escaped = images().map((f) => readDataset(f)).filter((d) => d.Modality === 'CT' && d.Rows === 128);
    const dates = escaped.map((d) => String(d.StudyDate)).sort();
    expect(dates).toHaveLength(2);
    expect(days(dates[1]!) - days(dates[0]!)).toBe(91);
    expect(dates).not.toContain('20230817');
    // One patient: one pseudonym for both studies; the other sources are other patients.
    expect(new Set(escaped.map((d) => String(d.PatientID))).size).toBe(1);
    expect(new Set(images().map((f) => String(readDataset(f).PatientID))).size).toBe(4);
  });
});
