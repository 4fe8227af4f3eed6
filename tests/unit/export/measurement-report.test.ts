import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scoreLesion } from '@shared/scoring/score-lesion';
import { encodeDataset } from '../../../electron/core/export/dicom/export-file';
import { uuidToUid } from '@shared/dicom/uid';
import { selectKeyImages } from '../../../electron/core/export/referral/select-key-images';
import { exportSegmentations } from '../../../electron/core/export/seg/export-segmentations';
import { exportMeasurementReports } from '../../../electron/core/export/sr/export-measurement-reports';
import { importMeasurementReport } from '../../../electron/core/export/sr/import-measurement-report';
import { buildMeasurementReport } from '../../../electron/core/export/sr/measurement-report';
import { readMeasurementReport } from '../../../electron/core/export/sr/read-measurement-report';
import { firstDifference } from '../../../electron/core/export/sr/record-diff';
import { loadReportInputs } from '../../../electron/core/export/sr/report-source';
import { deleteAnnotation, listAnnotations } from '../../../electron/core/lesions/annotation-store';
import { deleteLesion, listLesions, saveLesion } from '../../../electron/core/lesions/lesion-store';
import { makeSpineLesion } from '../../support/lesion-fixtures';
import { saveAttachedDrawing } from '../../support/attach-drawing';
import { phantomFixture, type PhantomFixture } from './dicom-export-fixture';
import { dciodvfy, dsrdump } from './dicom-tools';

let fixture: PhantomFixture;
let outDir: string;
beforeAll(async () => {
  fixture = await phantomFixture();
  outDir = path.join(fixture.dataDir, 'sr-out');
});
afterAll(() => fixture.cleanup());

type Item = Record<string, unknown>;
/** Removes content items whose concept code value is `code`, at any depth. */
function withoutItems(items: Item[], code: string): Item[] {
  return items
    .filter((i) => (i.ConceptNameCodeSequence as Item[] | undefined)?.[0]?.CodeValue !== code)
    .map((i) => (Array.isArray(i.ContentSequence) ? { ...i, ContentSequence: withoutItems(i.ContentSequence as Item[], code) } : i));
}

describe('the TID 1500 Measurement Report', () => {
  it('is a Comprehensive 3D SR that dciodvfy finds no error in and dsrdump reads with every tracking UID and value', () => {
    const [written] = exportMeasurementReports(fixture.db, fixture.truth.studyInstanceUid, outDir, { appVersion: '0.1.0' });
    const check = dciodvfy(written!.file);
    expect(check.output).toMatch(/Comprehensive3DSR/);
    expect(check.errors).toEqual([]);
    const dump = dsrdump(written!.file);
    expect(dump.code, dump.stderr).toBe(0);
    for (const lesion of fixture.lesions) expect(dump.stdout).toContain(`"${lesion.trackingUid}"`);
    for (const value of ['"40" (mm,UCUM', '"60" (%,UCUM', '"27.123456789" (mm,UCUM', '"12.5" (mm,UCUM', '"11" ({score},UCUM']) expect(dump.stdout).toContain(value);
    expect(dump.stdout).toContain('(363698007,SCT,"Finding Site")=(71341001,SCT,"Femur")');
    expect(dump.stdout).toContain('(272741003,SCT,"Laterality")=(7771000,SCT,"Left")');
    expect(dump.stdout).toContain('(121071,DCM,"Finding")=(BM-LYTIC,99BONEMET,"Osteolytic bone lesion")');
    expect(dump.stdout).toMatch(/SCOORD3D:\(111030,DCM,"Image Region"\)=\(MULTIPOINT/);
    // Computed values name their algorithm (TID 4019) and the section they were taken on.
    expect(dump.stdout).toContain('(370129005,SCT,"Measurement Method")=(BM-COMPUTED,99BONEMET,"Computed by image analysis, accepted by the reader")');
    expect(dump.stdout).toContain('(111001,DCM,"Algorithm Name")="BoneMet cortical involvement and CT rigidity analysis"');
    expect(dump.stdout).toContain('(111003,DCM,"Algorithm Version")="1.0.0"');
    expect(dump.stdout).toContain('"25.123456789" (%,UCUM');
    expect(dump.stdout).toMatch(/\(BM-SECTION,99BONEMET,"Bone analysis section the value was taken on"\)="\d+" \(1,UCUM/);
    expect(dump.stdout).toContain('(BM-CTRA-EI,99BONEMET,"Lowest minimum bending rigidity ratio (CTRA, experimental)")="0.41" (1,UCUM');
    expect(dump.stdout).toContain('(BM-CTRA-FLAG,99BONEMET,"Rigidity reduction over 35% (CTRA, experimental)")=(373066001,SCT,"Yes")');
  });

  it('restores lesions, scores and annotations exactly after they were wiped from the database', () => {
    const before = { lesions: listLesions(fixture.db), annotations: listAnnotations(fixture.db, fixture.truth.studyInstanceUid) };
    const [written] = exportMeasurementReports(fixture.db, fixture.truth.studyInstanceUid, outDir, { appVersion: '0.1.0' });
    for (const a of before.annotations) deleteAnnotation(fixture.db, a.id, 'AB');
    for (const l of before.lesions) deleteLesion(fixture.db, l.id, 'AB');
    expect(listLesions(fixture.db)).toEqual([]);
    // Deleted after the report was written: only --replace brings them back.
    expect(() => importMeasurementReport(fixture.db, written!.file, 'AB')).toThrow(/deleted/i);
    importMeasurementReport(fixture.db, written!.file, 'AB', { replace: true });
    const after = { lesions: listLesions(fixture.db), annotations: listAnnotations(fixture.db, fixture.truth.studyInstanceUid) };
    expect(after.lesions).toEqual(before.lesions);
    expect(after.lesions.map(scoreLesion)).toEqual(before.lesions.map(scoreLesion));
    expect(after.annotations).toEqual(before.annotations);
  });

  it('carries every value in its standard content: without the JSON record it restores the same records', () => {
    const [input] = loadReportInputs(fixture.db, fixture.truth.studyInstanceUid, { appVersion: '0.1.0' });
    const dataset = buildMeasurementReport(input!) as unknown as Item;
    const stripped = { ...dataset, ContentSequence: withoutItems(dataset.ContentSequence as Item[], 'BM-RECORD') };
    const file = path.join(outDir, 'standard-only.dcm');
    fs.writeFileSync(file, encodeDataset(stripped as never));
    const restored = readMeasurementReport(file);
    // Coordinates travel as FL (float32) and timestamps may change form; nothing else may differ.
    const approximate = (p: string) => /^annotations\.\d+\.points\./.test(p);
    expect(firstDifference({ lesions: restored.lesions, annotations: restored.annotations }, { lesions: fixture.lesions, annotations: fixture.annotations }, approximate)).toBeNull();
  });

  it('refuses a report whose structured content was edited by another tool', () => {
    const [input] = loadReportInputs(fixture.db, fixture.truth.studyInstanceUid, { appVersion: '0.1.0' });
    const dataset = buildMeasurementReport(input!) as unknown as Item;
    const groups = ((dataset.ContentSequence as Item[]).at(-1)!.ContentSequence as Item[]);
    const longAxis = (groups[0]!.ContentSequence as Item[]).find((i) => (i.ConceptNameCodeSequence as Item[])[0]!.CodeValue === '103339001')!;
    longAxis.MeasuredValueSequence = [{ ...(longAxis.MeasuredValueSequence as Item[])[0], NumericValue: '41', FloatingPointValue: 41 }];
    const file = path.join(outDir, 'edited.dcm');
    fs.writeFileSync(file, encodeDataset(dataset as never));
    expect(() => readMeasurementReport(file)).toThrow(/disagrees with its stored record at "lesion.largestDimensionMm.value"/);
  });

  it('writes a drawing on a reformat plane to the SR with its series and plane, and restores it; SEG and key images leave it out', () => {
    const lesion = fixture.lesions[0]!;
    const plane = saveAttachedDrawing(fixture.db, {
      ...fixture.annotations[1]!, id: 'e0000000-0000-4000-8000-0000000000f1', lesionId: null, sopInstanceUid: null, frameNumber: null,
      viewPlaneNormal: [1, 0, 0], viewUp: [0, 0, 1], points: [[-60, 10, -40], [-60, 10, 0]], measurements: { length: 40 },
    }, lesion.id, 'AB');
    try {
      const [written] = exportMeasurementReports(fixture.db, fixture.truth.studyInstanceUid, path.join(outDir, 'with-plane'), { appVersion: '0.1.0' });
      expect(dciodvfy(written!.file).errors).toEqual([]);
      const dump = dsrdump(written!.file);
      expect(dump.code, dump.stderr).toBe(0);
      expect(dump.stdout).toContain(uuidToUid(fixture.annotations[1]!.id));
      expect(dump.stdout).toContain(uuidToUid(plane.id));
      // No IMAGE names it: its series and plane do, and the round trip gives back the stored record.
      expect(readMeasurementReport(written!.file).annotations.find((a) => a.id === plane.id)).toEqual(plane);
      const seg = exportSegmentations(fixture.db, fixture.truth.studyInstanceUid, path.join(outDir, 'with-plane'), { appVersion: '0.1.0' });
      expect(seg.files.length).toBeGreaterThan(0);
      const keyImages = selectKeyImages(lesion, listAnnotations(fixture.db, fixture.truth.studyInstanceUid));
      expect(keyImages.length).toBeGreaterThan(0);
      expect(keyImages.flatMap((k) => k.annotations.map((a) => a.id))).not.toContain(plane.id);
    } finally {
      deleteAnnotation(fixture.db, plane.id, 'AB');
    }
  });

  it('writes a recorded ESCC grade as the grade, not "Value unknown", and "Value unknown" only where none was recorded', () => {
    const base = { studyInstanceUid: fixture.truth.studyInstanceUid, seriesInstanceUid: fixture.truth.seriesInstanceUid, reader: 'AB' };
    const graded = saveLesion(fixture.db, makeSpineLesion('T11', { ...base, id: 'e0000000-0000-4000-8000-0000000000e1', trackingUid: '2.25.4411', nature: 'mixed', spine: { esccGrade: '1c' } }), 'AB');
    const ungraded = saveLesion(fixture.db, makeSpineLesion('L2', { ...base, id: 'e0000000-0000-4000-8000-0000000000e2', trackingUid: '2.25.4412', nature: 'lytic' }), 'AB');
    try {
      const [written] = exportMeasurementReports(fixture.db, fixture.truth.studyInstanceUid, path.join(outDir, 'escc'), { appVersion: '0.1.0' });
      expect(dciodvfy(written!.file).errors).toEqual([]);
      const dump = dsrdump(written!.file);
      expect(dump.code, dump.stderr).toBe(0);
      const escc = dump.stdout.split('\n').filter((l) => l.includes('BM-SCORE-escc'));
      expect(escc).toHaveLength(2);
      expect(escc[0]).toMatch(/CODE:\(BM-SCORE-escc,99BONEMET,"Epidural spinal cord compression \(Bilsky ESCC grade\)"\)=\(BM-ESCC-GRADE:1c,99BONEMET,"1c"\)/);
      expect(escc[0]).not.toMatch(/Value unknown/);
      expect(escc[1]).toMatch(/NUM:\(BM-SCORE-escc,99BONEMET,.*\)=.*114010,DCM,"Value unknown"/);
      expect(dump.stdout).toMatch(/\(BM-BAND-escc,99BONEMET,"Band of escc"\)=\(BM-BAND-escc:low-grade,99BONEMET,"grades 0-1c: low grade"\)/);
      // The round trip still gives back the grades as recorded.
      const restored = readMeasurementReport(written!.file).lesions;
      expect(restored.find((l) => l.id === graded.id)?.spine.esccGrade).toBe('1c');
      expect(restored.find((l) => l.id === ungraded.id)?.spine.esccGrade).toBeNull();
    } finally {
      deleteLesion(fixture.db, graded.id, 'AB');
      deleteLesion(fixture.db, ungraded.id, 'AB');
    }
  });

  it('refuses a study without lesions, saying what to do', () => {
    expect(() => exportMeasurementReports(fixture.db, fixture.truth.studyInstanceUid, outDir, { appVersion: '0.1.0', reader: 'ZZ' })).toThrow(/no lesions by ZZ to export: mark and save lesions first/);
  });
});
