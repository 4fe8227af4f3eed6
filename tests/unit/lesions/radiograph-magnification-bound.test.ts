import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type Database from 'better-sqlite3';
import { ANNOTATION_SCHEMA_VERSION, type Annotation } from '@shared/annotation/annotation';
import { MAX_STATED_MAGNIFICATION, measurementSpacing, spacingPlaneNote } from '@shared/dicom/measurement-spacing';
import { MeasuredMmSchema } from '@shared/lesion/measurement';
import { scoreLesion } from '@shared/scoring/score-lesion';
import { openDatabase } from '../../../electron/core/db/open-database';
import { runImport } from '../../../electron/core/importer/run-import';
import { studyInstances } from '../../../electron/core/index/instance-queries';
import { saveAnnotation } from '../../../electron/core/lesions/annotation-store';
import { readLesion, saveLesion } from '../../../electron/core/lesions/lesion-store';
import { parseStoredLesion } from '../../../electron/core/lesions/measured-planes';
import { setCurrentReader } from '../../../electron/core/lesions/reader-settings';
import { fromAnnotation, makeLesion, typed } from '../../support/lesion-fixtures';
import { temporaryFolder } from '../../support/paths';
import { DX_RADIOGRAPH } from '../../support/radiograph-in-study';
import { writeRadiographVariant } from '../../support/radiograph-variants';

// A radiograph whose header states an Estimated Radiographic Magnification Factor of 150 gave its
// lengths {plane: 'detector', maxMagnification: 150}, which the lesion schema (at most 100) refused:
// the lesion could not be saved, and one stored through the restore or the CLI broke its reading.
// The spacing rule and the lesion record now share one bound; a factor beyond it is not credible,
// so the magnification is taken as not known (every credible one allowed), never as exact.

const DX = '1.2.840.10008.5.1.4.1.1.1.1';

describe('the spacing rule with a factor beyond any credible magnification', () => {
  it('takes the magnification as not known, within the bound the lesion record accepts', () => {
    const image = { sopClassUid: DX, pixelSpacing: [0.2, 0.2] as const, imagerPixelSpacing: [0.2, 0.2] as const };
    const spacing = measurementSpacing({ ...image, magnificationFactor: 150 });
    expect(spacing).toEqual({ spacing: [0.2, 0.2], plane: 'detector', maxMagnification: MAX_STATED_MAGNIFICATION });
    expect(measurementSpacing({ ...image, magnificationFactor: Number.POSITIVE_INFINITY }).maxMagnification).toBe(MAX_STATED_MAGNIFICATION);
    expect(MeasuredMmSchema.safeParse({ value: 45, provenance: { source: 'typed' }, spacingPlane: 'detector', maxMagnification: spacing.maxMagnification }).success).toBe(true);
    // A credible factor below the bound is still carried as the header states it.
    expect(measurementSpacing({ ...image, magnificationFactor: 2 }).maxMagnification).toBe(2);
    const note = spacingPlaneNote('detector', MAX_STATED_MAGNIFICATION);
    expect(note).toContain('magnification not known');
    expect(note).toContain(`divided by 1.0 to ${MAX_STATED_MAGNIFICATION}`);
  });
});

let dataDir: string;
let db: Database.Database;

beforeAll(async () => {
  dataDir = temporaryFolder('radiograph-magnification-bound');
  const images = path.join(dataDir, 'images');
  writeRadiographVariant(DX_RADIOGRAPH, path.join(images, 'dx-150.dcm'), { pixelSpacing: [0.2, 0.2], imagerPixelSpacing: [0.2, 0.2], magnificationFactor: 150, uidSuffix: 'ermf-150' });
  db = openDatabase(dataDir);
  await runImport(db, [images]);
  setCurrentReader(db, { initials: 'AB', name: 'Anna Berg' });
});
afterAll(() => {
  db.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('a lesion drawn on a radiograph whose header states a magnification of 150', () => {
  it('saves, reads back and scores the size undecided, the referral possibly urgent', () => {
    const study = db.prepare('SELECT study_uid FROM studies').pluck().get() as string;
    const [instance] = studyInstances(db, study);
    const drawing: Annotation = saveAnnotation(db, {
      schemaVersion: ANNOTATION_SCHEMA_VERSION, id: 'e0000000-0000-4000-8000-000000000151', lesionId: null, studyInstanceUid: study, seriesInstanceUid: instance!.seriesInstanceUid, sopInstanceUid: instance!.sopInstanceUid,
      frameOfReferenceUid: null, frameNumber: 1, viewPlaneNormal: null, viewUp: null, tool: 'Length', points: [[10, 10, 0], [10, 55, 0]], text: null, measurements: { length: 45 },
      reader: 'AB', createdAt: '2026-02-01T10:00:00.000Z', updatedAt: '2026-02-01T10:00:00.000Z',
    }, 'AB');
    const saved = saveLesion(db, makeLesion({ id: 'e1000000-0000-4000-8000-000000000151', studyInstanceUid: study, seriesInstanceUid: instance!.seriesInstanceUid, axialInvolvementMm: fromAnnotation(45, drawing.id), circumferentialInvolvementPct: typed(10), pathologicalFracture: false, clinical: { newNeurologicalDeficit: false } }), 'AB');
    const lesion = readLesion(db, saved.id)!;
    expect(lesion.axialInvolvementMm).toMatchObject({ spacingPlane: 'detector', maxMagnification: MAX_STATED_MAGNIFICATION });
    // Stored as the restore and the CLI store it (planes from the index), it still reads.
    expect(() => parseStoredLesion(db, JSON.stringify(lesion))).not.toThrow();
    const scores = scoreLesion(lesion);
    expect(scores.vanDerLinden.flagged).toBeNull();
    expect(scores.urgency.worstCase).toBe('urgent');
  });
});
