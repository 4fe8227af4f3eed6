import fs from 'node:fs';
import path from 'node:path';
import { ANNOTATION_SCHEMA_VERSION, type Annotation } from '@shared/annotation/annotation';
import type { Lesion } from '@shared/lesion/lesion';
import { createAppCore, type AppCore, coreInternals } from '../../../electron/core/app-core';
import { inProcessImportRunner } from '../../../electron/core/importer/import-runners';
import { generatePhantomStudy, type LesionTruth, type PhantomGroundTruth } from '../../../electron/core/phantom';
import { fromAnnotation, makeLesion, typed } from '../../support/lesion-fixtures';
import { temporaryFolder } from '../../support/paths';

/** The demo phantom, imported by the core, with lesions and annotations saved through the stores' handlers. */
export interface PhantomReferralStudy {
  dataDir: string;
  core: AppCore;
  truth: PhantomGroundTruth;
  lesions: Lesion[];
  annotations: Annotation[];
  close(): void;
}

const NOW = '2026-03-01T09:00:00Z';

function uuid(n: number, kind: 'a' | 'b'): string {
  return `${kind}0000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
}

/** The slice whose centre is nearest the lesion's centre. */
function middleSlice(truth: PhantomGroundTruth, lesion: LesionTruth) {
  return truth.slices.reduce((best, s) => (Math.abs(s.zMm - lesion.centreMm.z) < Math.abs(best.zMm - lesion.centreMm.z) ? s : best));
}

/** The destroyed cortical arc as a CorticalInvolvement polyline, and a Length across its chord. */
function lesionAnnotations(truth: PhantomGroundTruth, lesion: LesionTruth, lesionId: string, first: number): Annotation[] {
  const femur = truth.femora.find((f) => f.side === lesion.side)!;
  const slice = middleSlice(truth, lesion);
  const at = (deg: number, r: number): [number, number, number] => [femur.centreXMm + r * Math.cos((deg * Math.PI) / 180), femur.centreYMm + r * Math.sin((deg * Math.PI) / 180), slice.zMm];
  const arc = Array.from({ length: 25 }, (_, k) => at(lesion.arcStartDeg + ((lesion.arcEndDeg - lesion.arcStartDeg) * k) / 24, femur.outerRadiusMm + 1));
  const common = {
    schemaVersion: ANNOTATION_SCHEMA_VERSION, lesionId, studyInstanceUid: truth.studyInstanceUid, seriesInstanceUid: truth.seriesInstanceUid,
    sopInstanceUid: slice.sopInstanceUid, frameNumber: 1, frameOfReferenceUid: truth.frameOfReferenceUid, viewPlaneNormal: null, viewUp: null, text: null, reader: 'AB', createdAt: NOW, updatedAt: NOW,
  } as const;
  const chord = [at(lesion.arcStartDeg, femur.outerRadiusMm), at(lesion.arcEndDeg, femur.outerRadiusMm)];
  return [
    { ...common, id: uuid(first, 'b'), tool: 'CorticalInvolvement', points: arc, measurements: { circumferentialPct: lesion.circumferentialFraction * 100 } },
    { ...common, id: uuid(first + 1, 'b'), tool: 'Length', points: chord, measurements: { lengthMm: Math.hypot(chord[1]![0] - chord[0]![0], chord[1]![1] - chord[0]![1]) } },
  ];
}

/**
 * Generates the phantom (small grid, no noise) in a temporary data folder, imports it with the
 * core, names reader AB and saves three femoral lesions: L1 (urgent) and R1 (urgent) with
 * annotations, and a routine distal lesion without any.
 * @param imagesFolder - the folder the images are imported from, inside the data folder (PACS exports name it by patient)
 */
export async function phantomReferralStudy(imagesFolder = 'phantom'): Promise<PhantomReferralStudy> {
  const dataDir = temporaryFolder('referral-phantom');
  const imagesDir = path.join(dataDir, imagesFolder);
  const truth = await generatePhantomStudy({ outDir: imagesDir, rows: 256, columns: 256, sliceCount: 24, sliceSpacingMm: 2.5, noiseSdHu: 0, seed: 11 });
  fs.renameSync(path.join(imagesDir, 'ground-truth.json'), path.join(dataDir, 'ground-truth.json'));
  const core = createAppCore({ dataDir, door: 'cli', version: 'test', roots: [dataDir], importRunner: inProcessImportRunner });
  await core.handlers['reader.set']({ initials: 'AB', name: 'Anna Berg', role: 'radiologist' });
  const { jobId } = await core.handlers['import.start']({ paths: [imagesDir] });
  const status = await coreInternals(core).importJobs.wait(jobId);
  if (status.state !== 'done' || status.report?.indexed !== truth.slices.length) throw new Error(`phantom import: ${JSON.stringify(status)}`);

  const base = { studyInstanceUid: truth.studyInstanceUid, seriesInstanceUid: truth.seriesInstanceUid, reader: 'AB', createdAt: NOW, updatedAt: NOW, boneId: 'femur' };
  const annotations: Annotation[] = [];
  const lesions: Lesion[] = truth.lesions.map((t, i) => {
    const id = uuid(i + 1, 'a');
    const [arc, length] = lesionAnnotations(truth, t, id, i * 2 + 1);
    annotations.push(arc!, length!);
    return makeLesion({
      ...base, id, trackingUid: `2.25.${900 + i}`, regionId: 'femur-diaphysis', laterality: t.side, nature: 'lytic', status: 'final',
      axialInvolvementMm: typed(t.axialExtentMm),
      circumferentialInvolvementPct: fromAnnotation(Math.round(t.circumferentialFraction * 1000) / 10, arc!.id),
      largestDimensionMm: fromAnnotation(Math.round(length!.measurements.lengthMm! * 10) / 10, length!.id),
      pathologicalFracture: false,
      // The referring team's neurology is recorded on every lesion (no new deficit).
      clinical: { mirelsPain: 'functional', newNeurologicalDeficit: false },
      note: `Phantom lesion ${t.id}`,
    });
  });
  lesions.push(makeLesion({ ...base, id: uuid(9, 'a'), trackingUid: '2.25.909', regionId: 'femur-distal', laterality: 'left', nature: 'blastic', largestDimensionMm: typed(8), pathologicalFracture: false, clinical: { newNeurologicalDeficit: false }, status: 'draft' }));
  for (const lesion of lesions) await core.handlers['lesions.save']({ lesion });
  for (const annotation of annotations) await core.handlers['annotations.save']({ annotation });
  return {
    dataDir, core, truth, lesions, annotations,
    close: () => {
      core.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
