import fs from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportResearchDataset } from '../../../electron/core/export/dataset/research-export';
import type { ResearchExportResult } from '../../../electron/core/export/dataset/research-export-types';
import { shiftDicomDate } from '../../../electron/core/export/dicom/dicom-datetime';
import { runImport } from '../../../electron/core/importer/run-import';
import { saveAnnotation } from '../../../electron/core/lesions/annotation-store';
import { saveLesion } from '../../../electron/core/lesions/lesion-store';
import { makeSpineLesion, typed } from '../../support/lesion-fixtures';
import { SHARED_DICOM, temporaryFolder } from '../../support/paths';
import { PHANTOM_IDENTITY, phantomFixture, type PhantomFixture } from './dicom-export-fixture';
import { dciodvfy, dsrdump } from './dicom-tools';
import { filesUnder, readDataset, valuesIn } from './export-files';
import { dressWithIdentity, SEEDED } from './identity-dressing';
import { encodePart10Dict, parsePart10 } from '../../../electron/core/export/dicom/part10-io';
import type { PhantomGroundTruth } from '../../../electron/core/phantom';
import { uuidToUid } from '@shared/dicom/uid';
import { runPython } from '../../support/python-runner';

// THE KEY TEST: a research dataset of the phantom (seeded with identifying attributes of every
// kind) and of the shared real CT series, searched byte by byte for every identifying value of
// the sources, and every image checked by dciodvfy against its source.

const LIDC = path.join(SHARED_DICOM, 'ct-series-lidc-idri-0314-chest');
let fixture: PhantomFixture;
let sources: string[];
let outDir: string;
let result: ResearchExportResult;
let lidcStudy: string;
/** The SOP Instance UIDs of the reports put into the phantom study, each also a file name. */
let reportUids: string[];

const LIDC_LESION_ID = 'c0000000-0000-4000-8000-000000000001';
const LIDC_ANNOTATION_ID = 'c0000000-0000-4000-8000-0000000000a1';

const SR_SOURCE = path.join(SHARED_DICOM, 'highdicom/sr_document.dcm');

/**
 * Puts highdicom's SR into the phantom study three times, as PACS exports name files: under its SOP
 * Instance UID, under the patient's name (both in the SR's own series), and once inside the CT
 * series itself (into inCtFolder, imported after the CT so that the series keeps its modality).
 * No name may reach the dataset (its README lists the skipped non-image instances).
 */
function addReports(folder: string, inCtFolder: string, truth: PhantomGroundTruth): string[] {
  const { meta, dict } = parsePart10(fs.readFileSync(SR_SOURCE), SR_SOURCE);
  const original = String(dict['00080018']!.Value![0]);
  const ownSeries = String(dict['0020000E']!.Value![0]);
  const copies = [
    [original, original, ownSeries],
    ['2.25.314159265358979323846264338327950288', `${PHANTOM_IDENTITY.patientName}.dcm`, ownSeries],
    ['2.25.271828182845904523536028747135266249', 'in-ct-series.dcm', truth.seriesInstanceUid],
  ] as const;
  for (const [uid, name, series] of copies) {
    const into = series === ownSeries ? folder : inCtFolder;
    const ui = (v: string) => ({ vr: 'UI', Value: [v] });
    const ours = { ...dict, '00080018': ui(uid), '0020000D': ui(truth.studyInstanceUid), '0020000E': ui(series), '00100010': { vr: 'PN', Value: [{ Alphabetic: PHANTOM_IDENTITY.patientName }] }, '00100020': { vr: 'LO', Value: [PHANTOM_IDENTITY.patientId] } };
    fs.writeFileSync(path.join(into, name), encodePart10Dict({ ...meta, '00020003': ui(uid) }, ours));
  }
  return copies.map(([uid]) => uid);
}

const reports = temporaryFolder('dataset-reports');
const reportsInCt = temporaryFolder('dataset-reports-in-ct');
beforeAll(async () => {
  fixture = await phantomFixture({
    dress: (dir, truth) => {
      dressWithIdentity(dir);
      reportUids = addReports(reports, reportsInCt, truth);
    },
    alsoImport: [LIDC, reports],
  });
  const db = fixture.db;
  await runImport(db, [reportsInCt]);
  lidcStudy = db.prepare('SELECT study_uid FROM studies WHERE study_uid <> ?').pluck().get(fixture.truth.studyInstanceUid) as string;
  // A vertebral lesion on the real series, drawn as a freehand square on its middle image.
  const slices = db.prepare(`SELECT i.sop_instance_uid AS sop, i.image_position AS ipp, se.series_uid AS series, se.frame_of_reference_uid AS frame
    FROM instances i JOIN series se ON se.id = i.series_ref JOIN studies st ON st.id = se.study_ref WHERE st.study_uid = ? ORDER BY i.instance_number`).all(lidcStudy) as { sop: string; ipp: string; series: string; frame: string }[];
  const mid = slices[Math.floor(slices.length / 2)]!;
  const [x, y, z] = JSON.parse(mid.ipp) as number[];
  const lesion = makeSpineLesion('T6', { id: LIDC_LESION_ID, trackingUid: '2.25.5550001', studyInstanceUid: lidcStudy, seriesInstanceUid: mid.series, nature: 'blastic', reader: 'AB', largestDimensionMm: typed(22), attachedAnnotationIds: [LIDC_ANNOTATION_ID] });
  saveLesion(db, lesion, 'AB');
  const square = [[200, 240], [230, 240], [230, 270], [200, 270]].map(([c, r]) => [x! + c! * 0.78125, y! + r! * 0.78125, z!] as [number, number, number]);
  saveAnnotation(db, { schemaVersion: 2, id: LIDC_ANNOTATION_ID, lesionId: lesion.id, studyInstanceUid: lidcStudy, seriesInstanceUid: mid.series, sopInstanceUid: mid.sop, frameNumber: 1, frameOfReferenceUid: mid.frame, viewPlaneNormal: null, viewUp: null, tool: 'PlanarFreehandROI', points: square, text: 'T6 blastic', measurements: { areaMm2: 549.3 }, reader: 'AB', createdAt: '2026-02-01T08:00:00Z', updatedAt: '2026-02-01T08:00:00Z' }, 'AB');
  sources = [...filesUnder(fixture.imagesDir), ...fs.readdirSync(LIDC).filter((f) => f.endsWith('.dcm')).map((f) => path.join(LIDC, f))];
  outDir = path.join(fixture.dataDir, 'dataset');
  result = await exportResearchDataset(db, { studyInstanceUids: [fixture.truth.studyInstanceUid, lidcStudy], outDir, dateShift: true, nifti: true, appVersion: '0.1.0' });
});
afterAll(() => {
  fixture.cleanup();
  fs.rmSync(reports, { recursive: true, force: true });
  fs.rmSync(reportsInCt, { recursive: true, force: true });
});

describe('a research dataset of the phantom and the shared CT series', () => {
  it('holds every image, a SEG per series with lesions, an SR per study, NIfTI pairs, the manifest and the README', () => {
    expect(result.imageFiles).toBe(sources.length);
    expect([result.segFiles, result.srFiles, result.niftiFiles, result.lesions]).toEqual([2, 2, 4, 3]);
    expect(result.patients.map((p) => p.pseudonym).sort()).toEqual(['BONEMET-0001', 'BONEMET-0002']);
    const manifest = fs.readFileSync(path.join(outDir, 'manifest.csv'), 'utf8').trim().split('\r\n');
    expect(manifest).toHaveLength(4);
    expect(manifest[0]).toMatch(/^manifest_version,patient_pseudonym,study_uid/);
    const readme = fs.readFileSync(path.join(outDir, 'README.md'), 'utf8');
    expect(readme).toMatch(/Basic Application Level Confidentiality Profile \(113100, DCM\)/);
    expect(readme).toMatch(/Modified Dates Option \(113107, DCM\)/);
    // No image here says Burned In Annotation = YES (hostile-identity.test.ts withholds one that does), or is a capture.
    expect(readme).toMatch(/## Needs review[^\n]*\n\nNone: no exported image is a secondary capture or ultrasound, says Recognizable Visual Features = YES, or is a radiograph/);
    expect(result.burnedInReview).toEqual([]);
    // The reports are listed by where they were in the export, never by their file names; the one in
    // the CT series must not read as that series' first image.
    const sr = '1.2.840.10008.5.1.4.1.1.88.34';
    expect(result.skipped.filter((s) => /no pixel data/.test(s.reason)).map((s) => s.subject.replace(/BONEMET-000\d/, 'P')).sort()).toEqual([
      `pixel-less ${sr} instance 1 of 1 in the series exported as dicom/P/study-01/series-01-CT (its images are exported, this instance is not)`,
      `pixel-less ${sr} instance 1 of 2 in dicom/P/study-01, series without images 1 (nothing exported for that series)`,
      `pixel-less ${sr} instance 2 of 2 in dicom/P/study-01, series without images 1 (nothing exported for that series)`,
    ]);
  });

  it('leaves no identifying value of the sources in any byte of any file it wrote', () => {
    const collected = runPython([path.join(__dirname, 'identifying-values.py'), ...sources]);
    expect(collected.status, collected.stderr).toBe(0);
    const fromHeaders = JSON.parse(collected.stdout) as string[];
    expect(fromHeaders).toEqual(expect.arrayContaining([PHANTOM_IDENTITY.patientName, PHANTOM_IDENTITY.patientId, '20230917', '2023-09-17', '19620704', SEEDED.institution, SEEDED.referring, SEEDED.serial, SEEDED.station, SEEDED.accession, fixture.truth.studyInstanceUid, fixture.truth.frameOfReferenceUid, 'LIDC-IDRI-0314', '20000101', '2000-01-01']));
    // What the app itself knows that must not travel either: reader names, free text, its own UIDs.
    // The local record ids and their 2.25 forms travel in the identified exports (clinical SR, CSV, referral): in a
    // dataset they would join it back to the patient.
    const recordIds = [...fixture.lesions.map((l) => l.id), ...fixture.annotations.map((a) => a.id), LIDC_LESION_ID, LIDC_ANNOTATION_ID];
    const fromApp = [
      ...reportUids, 'Anna Berg', 'Berg^Anna', 'Seen by QUIXOTE at St Elsewhere', 'lytic extent QUIXOTE', 'T6 blastic', ...fixture.lesions.map((l) => l.trackingUid), '2.25.5550001',
      ...recordIds.flatMap((id) => [id, uuidToUid(id)]),
    ];
    // Values shorter than 6 bytes could occur by chance in pixel data or gzip streams; none of those above is.
    const needles = [...new Set([...fromHeaders, ...fromApp])].filter((v) => v.length >= 6);
    expect(needles.length).toBeGreaterThan(150);
    expect(needles.every((v) => /^[\x20-\x7e]+$/.test(v))).toBe(true);
    // The search finds what is there: every source holds its own identity.
    expect(valuesIn(fs.readFileSync(sources[0]!), needles)).toEqual(expect.arrayContaining([PHANTOM_IDENTITY.patientName, SEEDED.institution]));
    expect(valuesIn(Buffer.from(PHANTOM_IDENTITY.patientId, 'utf16le'), needles)).toEqual([PHANTOM_IDENTITY.patientId]);
    const leaks: string[] = [];
    const files = filesUnder(outDir);
    expect(files.length).toBe(sources.length + 2 + 2 + 4 + 2);
    for (const file of files) {
      const bytes = fs.readFileSync(file);
      const contents = file.endsWith('.gz') ? [bytes, gunzipSync(bytes)] : [bytes];
      for (const content of contents) leaks.push(...valuesIn(content, needles).map((v) => `${path.relative(outDir, file)}: ${v}`));
    }
    expect(leaks).toEqual([]);
  });

  it('adds no dciodvfy error to any image that its source did not already have', () => {
    const db = fixture.db;
    const originalOf = new Map((db.prepare('SELECT pseudonym_uid, original_uid FROM export_uid_map WHERE export_id = ?').raw().all(result.exportId) as [string, string][]));
    const fileOf = new Map(db.prepare('SELECT sop_instance_uid, file_path FROM instances').raw().all() as [string, string][]);
    const images = filesUnder(path.join(outDir, 'dicom')).filter((f) => /IM\d+\.dcm$/.test(f));
    expect(images).toHaveLength(sources.length);
    const added: string[] = [];
    for (const file of images) {
      const sop = String(readDataset(file).SOPInstanceUID);
      const source = fileOf.get(originalOf.get(sop) ?? '');
      expect(source, `source of ${file}`).toBeDefined();
      const before = new Set(dciodvfy(source!).errors);
      added.push(...dciodvfy(file).errors.filter((e) => !before.has(e)).map((e) => `${path.basename(file)}: ${e}`));
    }
    expect(added).toEqual([]);
  });

  it('writes SEG and SR that dciodvfy finds no error in, referencing the exported images', () => {
    const exported = filesUnder(path.join(outDir, 'dicom'));
    const sops = new Set(exported.filter((f) => /IM\d+\.dcm$/.test(f)).map((f) => String(readDataset(f).SOPInstanceUID)));
    for (const file of exported.filter((f) => /(SEG|SR)-[^/]*\.dcm$/.test(f))) {
      expect(dciodvfy(file).errors, file).toEqual([]);
      const ds = readDataset(file);
      expect(ds.PatientIdentityRemoved).toBe('YES');
      const referenced = file.includes('SEG-')
        ? (ds.ReferencedSeriesSequence as { ReferencedInstanceSequence: { ReferencedSOPInstanceUID: string }[] }[]).flatMap((s) => s.ReferencedInstanceSequence.map((r) => r.ReferencedSOPInstanceUID))
        : (ds.CurrentRequestedProcedureEvidenceSequence as { ReferencedSeriesSequence: { ReferencedSOPSequence: { ReferencedSOPInstanceUID: string }[] }[] }[]).flatMap((s) => s.ReferencedSeriesSequence.flatMap((r) => r.ReferencedSOPSequence.map((x) => x.ReferencedSOPInstanceUID)));
      expect(referenced.length).toBeGreaterThan(0);
      for (const uid of referenced) expect(sops.has(uid), `${path.basename(file)} references ${uid}`).toBe(true);
      if (file.includes('SR-')) {
        const dump = dsrdump(file);
        expect(dump.code, dump.stderr).toBe(0);
        expect(dump.stdout).not.toMatch(/Person Observer Name|Reader's note|Annotation label|BoneMet record \(JSON\)/);
      }
    }
  });

  it('shifts every date of a patient by one offset kept in the database, and says so', () => {
    const { pseudonym, date_shift_days: shift } = fixture.db.prepare(
      'SELECT pp.pseudonym, pp.date_shift_days FROM pseudonym_patients pp JOIN patients p ON p.patient_key = pp.patient_key WHERE p.patient_id = ?',
    ).get(PHANTOM_IDENTITY.patientId) as { pseudonym: string; date_shift_days: number };
    expect(shift).toBeLessThanOrEqual(-365);
    const phantomImage = path.join(outDir, 'dicom', pseudonym, 'study-01', 'series-01-CT', 'IM000002.dcm');
    const ds = readDataset(phantomImage);
    expect(ds.StudyDate).toBe(shiftDicomDate(PHANTOM_IDENTITY.studyDate, shift));
    expect(ds.ContentDate).toBe(shiftDicomDate(PHANTOM_IDENTITY.studyDate, shift));
    expect(String(ds.AcquisitionDateTime).slice(8)).toBe('093000');
    expect(ds.PatientBirthDate ?? '').toBe('');
    expect(ds.LongitudinalTemporalInformationModified).toBe('MODIFIED');
    expect((ds.DeidentificationMethodCodeSequence as { CodeValue: string }[]).map((c) => c.CodeValue)).toEqual(['113100', '113107']);
  });

  it('writes NIfTI pairs whose RAS affine puts every voxel where DICOM puts its pixel', () => {
    const g = fixture.truth.geometry;
    const file = fs.readdirSync(path.join(outDir, 'nifti')).map((f) => path.join(outDir, 'nifti', f)).find((f) => {
      const h = gunzipSync(fs.readFileSync(f));
      return f.endsWith('_mask.nii.gz') && h.readInt16LE(42) === g.columns && h.readInt16LE(46) === g.sliceCount;
    })!;
    const nii = gunzipSync(fs.readFileSync(file));
    expect(nii.readInt32LE(0)).toBe(348);
    expect(nii.toString('latin1', 344, 347)).toBe('n+1');
    const srow = [0, 1, 2].map((r) => [0, 1, 2, 3].map((c) => nii.readFloatLE(280 + 16 * r + 4 * c)));
    const ras = (i: number, j: number, k: number) => srow.map((row) => row[0]! * i + row[1]! * j + row[2]! * k + row[3]!);
    const [x0, y0] = g.firstImagePositionPatient;
    for (const [i, j, k] of [[0, 0, 0], [17, 90, 31], [g.columns - 1, g.rows - 1, g.sliceCount - 1]] as const) {
      const lps = [x0 + i * g.pixelSpacingMm[1], y0 + j * g.pixelSpacingMm[0], g.slicePositionsZMm[k]!];
      ras(i, j, k).forEach((v, a) => expect(v).toBeCloseTo(a < 2 ? -lps[a]! : lps[a]!, 3));
    }
    // Labels lie on the images the areas were drawn on, and only there.
    const voxels = nii.subarray(352);
    const labelled = new Set<number>();
    for (let v = 0; v < voxels.length; v++) if (voxels[v]) labelled.add(Math.floor(v / (g.rows * g.columns)));
    const drawn = new Set(fixture.annotations.filter((a) => ['PlanarFreehandROI', 'RectangleROI', 'EllipticalROI', 'CircleROI', 'CorticalInvolvement'].includes(a.tool)).map((a) => fixture.truth.slices.find((s) => s.sopInstanceUid === a.sopInstanceUid)!.index));
    expect([...labelled].sort()).toEqual([...drawn].sort());
  });
});
