import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { ANNOTATION_SCHEMA_VERSION, type Annotation, type AnnotationTool, type WorldPoint } from '@shared/annotation/annotation';
import type { Lesion } from '@shared/lesion/lesion';
import { openDatabase } from '../../../electron/core/db/open-database';
import { runImport } from '../../../electron/core/importer/run-import';
import { saveAnnotation } from '../../../electron/core/lesions/annotation-store';
import { saveLesion } from '../../../electron/core/lesions/lesion-store';
import { setCurrentReader } from '../../../electron/core/lesions/reader-settings';
import { generatePhantomStudy, type PhantomGroundTruth } from '../../../electron/core/phantom';
import { acceptedAnalysis, computed, fromAnnotation, makeLesion, typed } from '../../support/lesion-fixtures';
import { temporaryFolder } from '../../support/paths';

// A small phantom study imported into a temporary data folder, with two lesions and annotations of
// every ROI tool drawn where the phantom's ground truth puts the tumour.

/** The phantom's identity: distinctive strings, so that a byte search for them cannot hit by chance. */
export const PHANTOM_IDENTITY = { patientName: 'QUIXOTE^ALONSO', patientId: 'MRN-7734-XQZ', studyDate: '20230917' };

export interface PhantomFixture {
  dataDir: string;
  imagesDir: string;
  db: Database.Database;
  truth: PhantomGroundTruth;
  lesions: Lesion[];
  annotations: Annotation[];
  cleanup(): void;
}

/** Options of phantomFixture. */
export interface PhantomFixtureOptions {
  /** Rewrites the generated files before import (to seed identifying attributes). */
  dress?: (imagesDir: string, truth: PhantomGroundTruth) => void | Promise<void>;
  /** Import these folders too (the shared CT series...). */
  alsoImport?: string[];
  /** The phantom's grid (default 128 x 128 x 40 slices of 2.5 mm: small and quick). */
  grid?: { rows: number; columns: number; sliceCount: number; sliceSpacingMm: number };
}

const uuid = (n: number, kind: 'a' | 'b') => `${kind === 'a' ? 'a' : 'b'}0000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

/** Generates, imports and annotates the phantom. */
export async function phantomFixture(options: PhantomFixtureOptions = {}): Promise<PhantomFixture> {
  const dataDir = temporaryFolder('dicom-export');
  const imagesDir = path.join(dataDir, 'phantom');
  const truth = await generatePhantomStudy({ outDir: imagesDir, ...(options.grid ?? { rows: 128, columns: 128, sliceCount: 40, sliceSpacingMm: 2.5 }), seed: 3, noiseSdHu: 0, ...PHANTOM_IDENTITY });
  fs.renameSync(path.join(imagesDir, 'ground-truth.json'), path.join(dataDir, 'ground-truth.json'));
  await options.dress?.(imagesDir, truth);
  const db = openDatabase(dataDir);
  await runImport(db, [imagesDir, ...(options.alsoImport ?? [])]);
  setCurrentReader(db, { initials: 'AB', name: 'Anna Berg' });

  const lesionBase = { studyInstanceUid: truth.studyInstanceUid, seriesInstanceUid: truth.seriesInstanceUid };
  const base = { ...lesionBase, frameOfReferenceUid: truth.frameOfReferenceUid };
  const femur = (side: 'left' | 'right') => truth.femora.find((f) => f.side === side)!;
  const slice = (index: number) => truth.slices[index]!;
  const at = (cx: number, cy: number, r: number, deg: number, z: number): WorldPoint => [cx + r * Math.cos((deg * Math.PI) / 180), cy + r * Math.sin((deg * Math.PI) / 180), z];
  let n = 0;
  const annotation = (lesionId: string, tool: AnnotationTool, index: number, points: WorldPoint[], measurements: Record<string, number>, text: string | null = null): Annotation => ({
    schemaVersion: ANNOTATION_SCHEMA_VERSION, id: uuid(++n, 'a'), lesionId, ...base, sopInstanceUid: slice(index).sopInstanceUid, frameNumber: 1, viewPlaneNormal: null, viewUp: null, tool, points, text, measurements,
    reader: 'AB', createdAt: `2026-01-0${1 + (n % 8)}T10:0${n % 10}:00.000Z`, updatedAt: '2026-01-09T11:00:00+01:00',
  });

  const [l1, r1] = [truth.lesions.find((l) => l.id === 'L1')!, truth.lesions.find((l) => l.id === 'R1')!];
  const lesionL = uuid(1, 'b');
  const lesionR = uuid(2, 'b');
  const fl = femur('left');
  const fr = femur('right');
  const mid = Math.round((l1.involvedSliceIndices.first + l1.involvedSliceIndices.last) / 2);
  const z = (i: number) => slice(i).zMm;
  const sectorPolygon = (cx: number, cy: number, inner: number, outer: number, a0: number, a1: number, zz: number): WorldPoint[] => {
    const pts: WorldPoint[] = [];
    for (let k = 0; k <= 12; k++) pts.push(at(cx, cy, outer, a0 + ((a1 - a0) * k) / 12, zz));
    for (let k = 12; k >= 0; k--) pts.push(at(cx, cy, inner, a0 + ((a1 - a0) * k) / 12, zz));
    return pts;
  };
  const annotations = [
    annotation(lesionL, 'CorticalInvolvement', mid, [[fl.centreXMm, fl.centreYMm, z(mid)], at(fl.centreXMm, fl.centreYMm, fl.outerRadiusMm, l1.arcStartDeg, z(mid)), at(fl.centreXMm, fl.centreYMm, fl.outerRadiusMm, l1.arcEndDeg, z(mid))], { circumferentialPct: 60 }),
    annotation(lesionL, 'Length', mid, [at(fl.centreXMm, fl.centreYMm, fl.outerRadiusMm, l1.arcStartDeg, z(mid)), at(fl.centreXMm, fl.centreYMm, fl.outerRadiusMm, l1.arcEndDeg, z(mid))], { lengthMm: 27.123456789 }, 'lytic extent QUIXOTE'),
    annotation(lesionL, 'EllipticalROI', mid - 2, [[l1.centreMm.x, l1.centreMm.y - 6, z(mid - 2)], [l1.centreMm.x, l1.centreMm.y + 6, z(mid - 2)], [l1.centreMm.x - 9, l1.centreMm.y, z(mid - 2)], [l1.centreMm.x + 9, l1.centreMm.y, z(mid - 2)]], { areaMm2: 169.6, meanHu: 41.3 }),
    annotation(lesionL, 'PlanarFreehandROI', mid + 2, sectorPolygon(fl.centreXMm, fl.centreYMm, l1.tumourInnerRadiusMm, fl.outerRadiusMm, l1.arcStartDeg, l1.arcEndDeg, z(mid + 2)), { areaMm2: 400.25 }),
    annotation(lesionL, 'RectangleROI', mid + 4, [[l1.centreMm.x - 5, l1.centreMm.y - 4, z(mid + 4)], [l1.centreMm.x + 5, l1.centreMm.y - 4, z(mid + 4)], [l1.centreMm.x + 5, l1.centreMm.y + 4, z(mid + 4)], [l1.centreMm.x - 5, l1.centreMm.y + 4, z(mid + 4)]], {}),
    annotation(lesionR, 'CircleROI', r1.involvedSliceIndices.first, [[r1.centreMm.x, r1.centreMm.y, z(r1.involvedSliceIndices.first)], [r1.centreMm.x + 4, r1.centreMm.y, z(r1.involvedSliceIndices.first)]], { areaMm2: 50.27 }),
    annotation(lesionR, 'Probe', r1.involvedSliceIndices.last, [[fr.centreXMm, fr.centreYMm, z(r1.involvedSliceIndices.last)]], { hu: 20 }),
  ];
  const lesions = [
    makeLesion({
      id: lesionL, trackingUid: '2.25.987654321987654321', ...lesionBase, boneId: 'femur', regionId: 'femur-diaphysis', laterality: 'left', nature: 'lytic',
      largestDimensionMm: fromAnnotation(40, annotations[1]!.id), axialInvolvementMm: typed(40), circumferentialInvolvementPct: fromAnnotation(60, annotations[0]!.id),
      lesionWidthMm: typed(27.123456789), boneDiameterMm: typed(29), corticalBreach: true, pathologicalFracture: false,
      clinical: { mirelsPain: 'functional', lesserTrochanterAvulsion: false }, note: 'Seen by QUIXOTE at St Elsewhere', status: 'final', reader: 'AB',
      // The areas and the rectangle belong to the lesion without a value taken from them.
      attachedAnnotationIds: annotations.slice(2, 5).map((a) => a.id),
      createdAt: '2026-01-02T10:00:00.000Z', updatedAt: '2026-01-02T10:05:00.000+01:00',
    }),
    makeLesion({
      id: lesionR, trackingUid: '2.25.123456789123456789', ...lesionBase, boneId: 'femur', regionId: 'femur-subtrochanteric', laterality: 'right', nature: null,
      largestDimensionMm: typed(12.5), status: 'draft', reader: 'AB', createdAt: '2026-01-03T09:00:00Z', updatedAt: '2026-01-03T09:00:00Z',
      // Accepted from the bone analysis: computed values with their method and sections, and the rigidity verdict.
      circumferentialInvolvementPct: computed(25.123456789, z(r1.involvedSliceIndices.first + 2)),
      axialInvolvementMm: computed(12.5, z(r1.involvedSliceIndices.first), z(r1.involvedSliceIndices.last)),
      boneAnalysis: { ...acceptedAnalysis(0.41), seriesInstanceUid: truth.seriesInstanceUid },
      attachedAnnotationIds: annotations.slice(5).map((a) => a.id),
    }),
  ];
  for (const lesion of lesions) saveLesion(db, lesion, 'AB');
  for (const a of annotations) saveAnnotation(db, a, 'AB');
  return {
    dataDir, imagesDir, db, truth, lesions, annotations,
    cleanup: () => {
      db.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
