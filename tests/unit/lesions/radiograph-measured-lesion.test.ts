import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type Database from 'better-sqlite3';
import { ANNOTATION_SCHEMA_VERSION, type Annotation } from '@shared/annotation/annotation';
import { scoreLesion } from '@shared/scoring/score-lesion';
import { openDatabase } from '../../../electron/core/db/open-database';
import { runImport } from '../../../electron/core/importer/run-import';
import { studyInstances } from '../../../electron/core/index/instance-queries';
import { saveAnnotation } from '../../../electron/core/lesions/annotation-store';
import { listScoredLesions, readLesion, saveLesion } from '../../../electron/core/lesions/lesion-store';
import { setCurrentReader } from '../../../electron/core/lesions/reader-settings';
import { fromAnnotation, makeLesion, typed } from '../../support/lesion-fixtures';
import { temporaryFolder } from '../../support/paths';
import { DX_RADIOGRAPH } from '../../support/radiograph-in-study';
import { writeRadiographVariant } from '../../support/radiograph-variants';

// The real DX (Pixel Spacing = Imager Pixel Spacing: at the detector) and a pydicom copy of it
// calibrated by a fiducial, imported; a femoral lesion's axial involvement is measured on each.
let dataDir: string;
let db: Database.Database;
let study: string;
const sopOf: Record<'detector' | 'calibrated', string> = { detector: '', calibrated: '' };

beforeAll(async () => {
  dataDir = temporaryFolder('radiograph-lesion');
  const images = path.join(dataDir, 'images');
  fs.mkdirSync(images);
  fs.copyFileSync(DX_RADIOGRAPH, path.join(images, 'dx.dcm'));
  writeRadiographVariant(DX_RADIOGRAPH, path.join(images, 'dx-fiducial.dcm'), { pixelSpacing: [1, 1], imagerPixelSpacing: [1.2, 1.201199999999], calibrationType: 'FIDUCIAL', uidSuffix: 'fiducial' });
  db = openDatabase(dataDir);
  await runImport(db, [images]);
  setCurrentReader(db, { initials: 'AB', name: 'Anna Berg' });
  study = db.prepare('SELECT study_uid FROM studies').pluck().get() as string;
  for (const i of studyInstances(db, study)) sopOf[i.measurementSpacing.plane === 'detector' ? 'detector' : 'calibrated'] = i.sopInstanceUid;
});
afterAll(() => {
  db.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** A Length drawn on one of the radiographs, stored as the viewer stores it. */
function lengthOn(kind: 'detector' | 'calibrated', id: string): Annotation {
  const instance = studyInstances(db, study).find((i) => i.sopInstanceUid === sopOf[kind])!;
  return saveAnnotation(db, {
    schemaVersion: ANNOTATION_SCHEMA_VERSION, id, lesionId: null, studyInstanceUid: study, seriesInstanceUid: instance.seriesInstanceUid, sopInstanceUid: instance.sopInstanceUid,
    frameOfReferenceUid: null, frameNumber: 1, viewPlaneNormal: null, viewUp: null, tool: 'Length', points: [[10, 10, 0], [10, 44, 0]], text: null, measurements: { length: 34 },
    reader: 'AB', createdAt: '2026-02-01T10:00:00.000Z', updatedAt: '2026-02-01T10:00:00.000Z',
  }, 'AB');
}

describe('a lesion length measured on a radiograph, as the core stores and scores it', () => {
  it('indexes the real DX at the detector and the fiducial copy calibrated', () => {
    expect(sopOf.detector).not.toBe('');
    expect(sopOf.calibrated).not.toBe('');
  });

  it('marks 34 mm measured on the DX as at the detector, so that Van der Linden\'s axial > 30 mm stays undecided and the referral possibly urgent', () => {
    const drawing = lengthOn('detector', 'd0000000-0000-4000-8000-000000000001');
    const saved = saveLesion(db, makeLesion({ id: 'd1000000-0000-4000-8000-000000000001', studyInstanceUid: study, seriesInstanceUid: drawing.seriesInstanceUid, axialInvolvementMm: fromAnnotation(34, drawing.id), circumferentialInvolvementPct: typed(10), pathologicalFracture: false, clinical: { newNeurologicalDeficit: false } }), 'AB');
    expect(readLesion(db, saved.id)!.axialInvolvementMm).toEqual({ value: 34, provenance: { source: 'annotation', annotationId: drawing.id }, spacingPlane: 'detector' });
    const scores = scoreLesion(readLesion(db, saved.id)!);
    expect(scores.vanDerLinden.flagged).toBeNull();
    expect(scores.urgency.level).not.toBe('urgent');
    expect(scores.urgency.worstCase).toBe('urgent');
  });

  it('scores 34 mm measured on the calibrated copy as the patient\'s: the axial criterion met, urgent; a plane the caller claims is replaced by the image\'s', () => {
    const drawing = lengthOn('calibrated', 'd0000000-0000-4000-8000-000000000002');
    const claimed = { ...fromAnnotation(34, drawing.id), spacingPlane: 'detector' as const };
    const saved = saveLesion(db, makeLesion({ id: 'd1000000-0000-4000-8000-000000000002', trackingUid: '2.25.1234567891', studyInstanceUid: study, seriesInstanceUid: drawing.seriesInstanceUid, axialInvolvementMm: claimed, circumferentialInvolvementPct: typed(10) }), 'AB');
    expect(saved.axialInvolvementMm).toEqual({ value: 34, provenance: { source: 'annotation', annotationId: drawing.id }, spacingPlane: 'calibrated' });
    expect(scoreLesion(saved).vanDerLinden.flagged).toBe(true);
    expect(scoreLesion(saved).urgency.level).toBe('urgent');
  });

  it('reads a lesion stored before lengths named their plane (form 3) with the plane of its drawing, so that its listed scores are not certain', () => {
    const drawing = lengthOn('detector', 'd0000000-0000-4000-8000-000000000003');
    const saved = saveLesion(db, makeLesion({ id: 'd1000000-0000-4000-8000-000000000003', trackingUid: '2.25.1234567893', studyInstanceUid: study, seriesInstanceUid: drawing.seriesInstanceUid, axialInvolvementMm: fromAnnotation(34, drawing.id), circumferentialInvolvementPct: typed(10), pathologicalFracture: false }), 'AB');
    // The record as form 3 wrote it: the length without a plane.
    const { spacingPlane: _plane, ...plain } = saved.axialInvolvementMm!;
    db.prepare('UPDATE lesions SET record = ? WHERE id = ?').run(JSON.stringify({ ...saved, schemaVersion: 3, axialInvolvementMm: plain }), saved.id);
    db.prepare('DELETE FROM lesion_worklist WHERE lesion_id = ?').run(saved.id);
    expect(readLesion(db, saved.id)!.axialInvolvementMm?.spacingPlane).toBe('detector');
    const listed = listScoredLesions(db, { studyInstanceUid: study }).find((l) => l.lesion.id === saved.id)!;
    expect(listed.scores.vanDerLinden.flagged).toBeNull();
    expect(listed.scores.urgency.level).not.toBe('urgent');
  });
});
