import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeSpineLesion, typed } from '../../support/lesion-fixtures';
import { temporaryFolder } from '../../support/paths';
import { dciodvfy } from './dicom-tools';
import { filesUnder, readDataset } from './export-files';
import { addLesions, drawSquareAreas, leaksIn, leaksUnder, plantAndImport, runCli, type CliRun, type Needle } from './hostile-dataset';

// The outside reviewer's third round (hostile-forms.py says what is planted where): the patient's ID
// and accession as people copy them by hand (digits alone, separators dropped, split over two values),
// the name as an ASCII-only system folds it, the name in an ICC profile, and the vendors' private
// blocks and referrers' sequences that keep them. Imported and exported through the command line
// with the date shift and NIfTI, then every byte, gzip stream and path searched for every form.

let dataDir: string;
let outDir: string;
let plan: { studies: string[]; needles: Needle[] };
let exported: CliRun;

const cli = (...args: string[]) => runCli(dataDir, ...args);
const STUDY = '1.2.826.0.1.3680043.9.4242.1';
const SERIES = '1.2.826.0.1.3680043.9.4242.2';

beforeAll(() => {
  dataDir = temporaryFolder('hostile-forms');
  plan = plantAndImport<typeof plan>(dataDir, 'hostile-forms.py').plan;
  expect(cli('reader', 'set', 'RW', 'Rena', 'Wick', '--role', 'radiologist').code).toBe(0);
  const lesion = makeSpineLesion('T7', {
    id: 'f0000000-0000-4000-8000-000000000001', trackingUid: '2.25.4242001', studyInstanceUid: STUDY, seriesInstanceUid: SERIES,
    nature: 'lytic', reader: 'RW', largestDimensionMm: typed(18), attachedAnnotationIds: ['f0000000-0000-4000-8000-0000000000a1'],
  });
  addLesions(dataDir, STUDY, [lesion]);
  drawSquareAreas(dataDir, [{ id: 'f0000000-0000-4000-8000-0000000000a1', lesionId: lesion.id, studyInstanceUid: STUDY, seriesInstanceUid: SERIES, slice: 1, text: 'T7', reader: 'RW' }]);
  outDir = path.join(dataDir, 'dataset');
  exported = cli('export', 'dataset', '--study', plan.studies.join(','), '--out', outDir, '--date-shift', '--nifti', '--json');
}, 240_000);
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

const images = () => filesUnder(path.join(outDir, 'dicom')).filter((f) => /IM\d+\.dcm$/.test(f));

describe('a research dataset of files that write their patient\'s identifiers in other forms', () => {
  it('exports every image, the SEG and SR of the drawn lesion, and NIfTI', () => {
    expect(exported.code, exported.stderr).toBe(0);
    expect(images()).toHaveLength(3 + 1);
    const written = filesUnder(outDir).map((f) => path.relative(outDir, f));
    expect(written.filter((f) => /(SEG|SR)-[^/]+\.dcm$/.test(f))).toHaveLength(2);
    expect(written.filter((f) => f.endsWith('.nii.gz'))).toHaveLength(3);
  });

  it('withholds the image whose private SOP Class UID holds the study date, and says why in the README', () => {
    const readme = fs.readFileSync(path.join(outDir, 'README.md'), 'utf8');
    expect(readme).toMatch(/series-02-CT\/IM000001\.dcm \(not written\)`: its private SOP Class UID holds a date or an ID of the source/);
  });

  it('finds what it plants: the sources hold every form', () => {
    const sources = filesUnder(path.join(dataDir, 'incoming'));
    const found = new Set(sources.flatMap((f) => leaksIn(plan.needles, f, fs.readFileSync(f))).map((l) => l.slice(l.indexOf(': ') + 2)));
    expect([...found].sort()).toEqual(plan.needles.map((n) => n.value).sort());
  });

  it('leaves no form of the name, ID or accession in any byte, gzip stream or path of the dataset', () => {
    expect(leaksUnder(plan.needles, outDir)).toEqual([]);
  });

  it('keeps the kept text that names no one, and the image valid: dciodvfy finds no error the source did not have', () => {
    const image = images()[0]!;
    const ds = readDataset(image) as { BodyPartExamined: string; WindowCenterWidthExplanation: string | string[]; ManufacturerModelName?: string };
    expect(ds.BodyPartExamined).toBe('CHEST');
    expect(ds.ManufacturerModelName ?? '').toBe('');
    const source = filesUnder(path.join(dataDir, 'incoming')).sort()[0]!;
    const before = new Set(dciodvfy(source).errors);
    expect(dciodvfy(image).errors.filter((e) => !before.has(e))).toEqual([]);
  });
});
