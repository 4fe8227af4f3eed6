import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeSpineLesion, typed } from '../../support/lesion-fixtures';
import { PYDICOM_CHARSET_FILES, SHARED_DICOM, temporaryFolder } from '../../support/paths';
import { parsePart10 } from '../../../electron/core/export/dicom/part10-io';
import { filesUnder, readDataset } from './export-files';
import { drawSquareAreas, leaksIn as leaksInBytes, leaksUnder, runCli, type CliRun, type Needle } from './hostile-dataset';
import { runPython } from '../../support/python-runner';

// An outside reviewer's test of the research dataset: real CT and MR slices that hide their patient
// where de-identification is easy to miss (hostile-identity.py says where), and the PS3.5 character
// set examples with their Arabic, Greek, Hebrew, Cyrillic, Japanese, Korean and Chinese names, all
// imported and exported through the command line with a lesion, an area and a date shift, then every
// byte of every file written (and of every gzip stream, and every path) searched for each value
// planted, in each encoding it could take.

let dataDir: string;
let outDir: string;
let needles: Needle[];
let exported: CliRun;

const cli = (...args: string[]) => runCli(dataDir, ...args);

const LATIN_STUDY = '1.2.826.0.1.3680043.9.7777.1.1';
const LATIN_SERIES = '1.2.826.0.1.3680043.9.7777.1.2';

beforeAll(() => {
  dataDir = temporaryFolder('hostile-deid');
  const incoming = path.join(dataDir, 'incoming');
  fs.mkdirSync(incoming);
  const planted = runPython([path.join(__dirname, 'hostile-identity.py'), SHARED_DICOM, incoming, PYDICOM_CHARSET_FILES], { cwd: dataDir });
  expect(planted.status, planted.stderr).toBe(0);
  const plan = JSON.parse(planted.stdout) as { folders: string[]; needles: Needle[]; studies: string[] };
  needles = plan.needles;
  const imported = cli('import', incoming, PYDICOM_CHARSET_FILES, '--json');
  expect(imported.code, imported.stderr).toBe(0);
  expect(cli('reader', 'set', 'AB', 'Anna', 'Berg', '--role', 'radiologist').code).toBe(0);
  // A lesion whose note and area label name the patient: the dataset carries no free text.
  const lesion = makeSpineLesion('T6', {
    id: 'd0000000-0000-4000-8000-000000000001', trackingUid: '2.25.90417733001', studyInstanceUid: LATIN_STUDY, seriesInstanceUid: LATIN_SERIES,
    nature: 'lytic', reader: 'AB', largestDimensionMm: typed(21), note: 'MUELLERSTROEM HPID-90417733 seen at Hostileton',
    attachedAnnotationIds: ['d0000000-0000-4000-8000-0000000000a1', 'd0000000-0000-4000-8000-0000000000a4'],
  });
  const records = path.join(dataDir, 'lesions.json');
  fs.writeFileSync(records, JSON.stringify([lesion]));
  const added = cli('lesions', 'add', '--study', LATIN_STUDY, '--in', records);
  expect(added.code, added.stderr).toBe(0);
  // An area on the first slice, and one on the last, which says Burned In Annotation = YES.
  const area = { lesionId: lesion.id, studyInstanceUid: LATIN_STUDY, seriesInstanceUid: LATIN_SERIES, text: 'Müllerström HPID-90417733', reader: 'AB' };
  drawSquareAreas(dataDir, [{ ...area, id: 'd0000000-0000-4000-8000-0000000000a1', slice: 0 }, { ...area, id: 'd0000000-0000-4000-8000-0000000000a4', slice: 3 }]);
  outDir = path.join(dataDir, 'dataset');
  exported = cli('export', 'dataset', '--study', plan.studies.join(','), '--out', outDir, '--date-shift', '--nifti', '--json');
}, 240_000);
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

/** Every planted value found in the bytes, each with the file it was found in. */
const leaksIn = (file: string, bytes: Buffer) => leaksInBytes(needles, file, bytes);

describe('a research dataset of files that hide their patient', () => {
  it('exports every study, with the SEG, SR and NIfTI of the lesion', () => {
    expect(exported.code, exported.stderr).toBe(0);
    const written = (JSON.parse(exported.stdout) as { filesWritten: { path: string }[] }).filesWritten.map((f) => path.relative(outDir, f.path));
    // Four CT and three MR slices, the eleven character-set examples with pixels and the JPEG image;
    // less the CT slice that says Burned In Annotation = YES. The JPEG whose stream names the patient
    // in a comment segment leaves without the segment (no needle below finds its ID).
    expect(written.filter((f) => /IM\d+\.dcm$/.test(f))).toHaveLength(4 + 3 + 11 + 1 - 1);
    expect(written.filter((f) => /(SEG|SR)-[^/]+\.dcm$/.test(f))).toHaveLength(2);
    expect(written.filter((f) => f.endsWith('_mask.nii.gz'))).toHaveLength(1);
    expect(written).toEqual(expect.arrayContaining(['manifest.csv', 'README.md']));
  });

  it('finds what it plants: the sources hold every kind of needle', () => {
    const sources = filesUnder(path.join(dataDir, 'incoming'));
    const found = new Set(sources.flatMap((f) => leaksIn(f, fs.readFileSync(f))).map((l) => l.slice(l.indexOf(': ') + 2)));
    for (const value of ['Müllerström^Jürgen', '山田^太郎', 'HPID-62240918', 'HOSTSRC_AE7', '2.16.840.1.113883.3.77777', 'pacs.hostile.example', '20230813']) expect(found.has(value), value).toBe(true);
  });

  it('leaves no planted identifier in any byte, gzip stream or path of the dataset', () => {
    expect(leaksUnder(needles, outDir)).toEqual([]);
    // Dates shifted; a date-time keeps its time of day but not its UTC offset (it says where, as the removed Timezone Offset From UTC does).
    const mr = readDataset(filesUnder(path.join(outDir, 'dicom')).find((f) => f.includes('series-01-MR'))!);
    expect(String(mr.AcquisitionDateTime).trim()).toMatch(/^\d{8}101530\.123456$/);
    expect(mr.TimezoneOffsetFromUTC).toBeUndefined();
    // Latin-1 text inside a sequence is read in the file's character set, not garbled.
    const ct = readDataset(filesUnder(path.join(outDir, 'dicom')).find((f) => f.includes('series-01-CT'))!) as { AnatomicRegionSequence: { CodeMeaning: string }[] };
    expect(ct.AnatomicRegionSequence[0]!.CodeMeaning).toBe('Thorax Röntgenaufnahme');
  });

  it('leaves none in a non-clinical referral packet of the same study: its text, its metadata or its bytes', () => {
    const out = path.join(dataDir, 'referral');
    const written = cli('export', 'referral', '--study', LATIN_STUDY, '--out', out, '--all', '--non-clinical', '--json');
    expect(written.code, written.stderr).toBe(0);
    const pdfs = filesUnder(out);
    expect(pdfs.map((f) => path.relative(out, f))).toEqual(['referral.pdf']);
    const text = spawnSync('pdftotext', ['-enc', 'UTF-8', pdfs[0]!, '-'], { encoding: 'utf8' });
    const info = spawnSync('pdfinfo', ['-enc', 'UTF-8', pdfs[0]!], { encoding: 'utf8' });
    expect([text.status, info.status]).toEqual([0, 0]);
    // The packet says what it is, and still describes the study by its modalities.
    expect(text.stdout).toMatch(/Non-clinical packet: patient identifiers withheld/);
    expect(text.stdout).toMatch(/Modalities: CT/);
    // Of its two key images, the one whose file says Burned In Annotation = YES is not drawn: its pixels may show the patient.
    expect(text.stdout.replace(/\s+/g, ' ')).toMatch(/not rendered: the image says Burned In Annotation = YES/);
    const images = spawnSync('pdfimages', ['-list', pdfs[0]!], { encoding: 'utf8' });
    // The other one twice: on page 1 and with the lesion's details.
    expect(images.stdout.trim().split('\n').slice(2)).toHaveLength(2);
    const leaks = [
      ...leaksIn('referral.pdf', fs.readFileSync(pdfs[0]!)),
      ...leaksIn('referral.pdf (text)', Buffer.from(text.stdout)),
      ...leaksIn('referral.pdf (info)', Buffer.from(info.stdout)),
    ];
    expect(leaks).toEqual([]);
  });

  it('withholds the image that says its pixels carry burned-in annotation: no file, no NIfTI slice, no reference', () => {
    const source = path.join(dataDir, 'incoming', 'MUELLERSTROEM HPID-90417733', 'MUELLERSTROEM_HPID-90417733_4.dcm');
    const pixels = Buffer.from(parsePart10(fs.readFileSync(source), source).dict['7FE00010']!.Value![0] as ArrayBuffer);
    // 512 bytes from the middle of the image (the body, not the air around it): distinctive enough.
    const chunk = pixels.subarray(pixels.length / 2, pixels.length / 2 + 512);
    const holders: string[] = [];
    for (const file of filesUnder(outDir)) {
      const bytes = fs.readFileSync(file);
      if (bytes.includes(chunk) || (file.endsWith('.gz') && gunzipSync(bytes).includes(chunk))) holders.push(path.relative(outDir, file));
    }
    expect(holders).toEqual([]);
    // The slices before it are there, in the DICOM and the NIfTI image.
    const ct = filesUnder(path.join(outDir, 'dicom')).filter((f) => f.includes('series-01-CT') && /IM\d+\.dcm$/.test(f));
    expect(ct).toHaveLength(3);
    const nifti = fs.readdirSync(path.join(outDir, 'nifti')).filter((f) => /_image\.nii\.gz$/.test(f)).map((f) => gunzipSync(fs.readFileSync(path.join(outDir, 'nifti', f))));
    expect(nifti.map((h) => h.readInt16LE(46)).sort()).toEqual([3, 3]);
    const readme = fs.readFileSync(path.join(outDir, 'README.md'), 'utf8');
    expect(readme).toMatch(/series-01-CT\/IM000004\.dcm \(not written\)`: Burned In Annotation is YES/);
    expect(readme).not.toMatch(/series-01-OT\/IM000001\.dcm \(not written\)/);
    // The area drawn on it stays out of the SR and SEG (they could not reference it), and says so.
    expect(readme).toMatch(/1 annotation\(s\) in dicom\/BONEMET-\d+\/study-01`: drawn on an image that is not exported/);
    // The SR's evidence and the SEG's references name the exported slices only.
    const sops = new Set(ct.map((f) => String(readDataset(f).SOPInstanceUID)));
    const study = path.dirname(path.dirname(ct[0]!));
    const sr = readDataset(path.join(study, 'SR-measurements.dcm')) as { CurrentRequestedProcedureEvidenceSequence: { ReferencedSeriesSequence: { ReferencedSOPSequence: { ReferencedSOPInstanceUID: string }[] }[] }[] };
    const seg = readDataset(path.join(study, 'SEG-series-01.dcm')) as { ReferencedSeriesSequence: { ReferencedInstanceSequence: { ReferencedSOPInstanceUID: string }[] }[] };
    const referenced = [
      ...sr.CurrentRequestedProcedureEvidenceSequence.flatMap((e) => e.ReferencedSeriesSequence.flatMap((r) => r.ReferencedSOPSequence.map((x) => x.ReferencedSOPInstanceUID))),
      ...seg.ReferencedSeriesSequence.flatMap((r) => r.ReferencedInstanceSequence.map((x) => x.ReferencedSOPInstanceUID)),
    ];
    expect(referenced.length).toBeGreaterThan(0);
    for (const uid of referenced) expect(sops.has(uid), uid).toBe(true);
  });

  it('leaves none in a dataset without the date shift either: dates removed, not shifted', () => {
    const plain = path.join(dataDir, 'dataset-no-shift');
    const written = cli('export', 'dataset', '--study', LATIN_STUDY, '--out', plain, '--json');
    expect(written.code, written.stderr).toBe(0);
    const leaks = filesUnder(plain).flatMap((file) => leaksIn(path.relative(plain, file), fs.readFileSync(file)));
    expect(leaks).toEqual([]);
    const image = readDataset(filesUnder(plain).find((f) => /IM000001\.dcm$/.test(f))!);
    expect([image.StudyDate ?? '', image.AcquisitionDateTime ?? '', image.DateOfLastCalibration]).toEqual(['', '', undefined]);
  });

  it('keeps only the stored bits of the pixels: an embedded overlay survives neither in the DICOM nor in the NIfTI', () => {
    const source = path.join(dataDir, 'incoming', 'MUELLERSTROEM HPID-90417733', 'MUELLERSTROEM_HPID-90417733_1.dcm');
    const above12 = (buffer: ArrayBuffer) => new Uint16Array(buffer).filter((v) => v > 0x0fff).length;
    expect(above12(parsePart10(fs.readFileSync(source), source).dict['7FE00010']!.Value![0] as ArrayBuffer)).toBe(20 * 180);
    const ct = filesUnder(path.join(outDir, 'dicom')).filter((f) => f.includes('series-01-CT') && /IM\d+\.dcm$/.test(f));
    expect(ct.map((f) => above12(parsePart10(fs.readFileSync(f), f).dict['7FE00010']!.Value![0] as ArrayBuffer))).toEqual([0, 0, 0]);
    // The CT's NIfTI image: the one of unsigned 16-bit voxels (the MR's are signed).
    const images = fs.readdirSync(path.join(outDir, 'nifti')).filter((f) => f.endsWith('_image.nii.gz')).map((f) => gunzipSync(fs.readFileSync(path.join(outDir, 'nifti', f))));
    const nii = images.find((h) => h.readInt16LE(70) === 512)!;
    expect(nii.readInt16LE(42)).toBe(512);
    const voxels = nii.subarray(352);
    expect(above12(voxels.buffer.slice(voxels.byteOffset, voxels.byteOffset + voxels.byteLength))).toBe(0);
  });
});
