import path from 'node:path';
import { ANNOTATION_SCHEMA_VERSION, type WorldPoint } from '@shared/annotation/annotation';
import { coreInternals } from '../../electron/core/app-core';
import { studyInstances } from '../../electron/core/index/instance-queries';
import { saveLesion } from '../../electron/core/lesions/lesion-store';
import { saveAttachedDrawing } from './attach-drawing';
import { writeCylinderPhantom, writeEnhancedCtPhantom, type PhantomBench } from './cylinder-phantom';
import { makeLesion } from './lesion-fixtures';
import { REPO_ROOT } from './paths';
import { runPython } from './python-runner';

/**
 * Writes a cylinder phantom as one Enhanced CT (frames shuffled, placed per frame), imports it into
 * the bench and draws a lesion's circle (radius `radiusMm`, `insetMm` in from the first pixel) on frame 1.
 * The bench's current reader must be AB.
 * @returns the enhanced file and its study
 */
export async function drawnEnhancedCt(bench: PhantomBench, grid: { sliceCount: number; rows: number; columns: number; uidRoot: string }, circle: { insetMm: number; radiusMm: number }): Promise<{ file: string; study: string }> {
  const db = coreInternals(bench.core).db;
  const slices = path.join(bench.root, `${grid.uidRoot}-slices`);
  writeCylinderPhantom({ ...grid, lesion: null, supersampling: 1 }, slices);
  const file = path.join(bench.root, `${grid.uidRoot}-enhanced`, 'enhanced.dcm');
  const written = writeEnhancedCtPhantom(slices, file, { order: 'shuffle', macros: 'per-frame' });
  await bench.importFolder(path.dirname(file));
  const study = db.prepare('SELECT st.study_uid FROM studies st JOIN series se ON se.study_ref = st.id WHERE se.series_uid = ?').pluck().get(written.seriesInstanceUid) as string;
  const [instance] = studyInstances(db, study);
  const read = runPython([path.join(REPO_ROOT, 'tests/support/read-labels.py'), 'frames', file]);
  const frame = (JSON.parse(read.stdout) as { frames: { position: number[]; orientation: number[] }[] }).frames[0]!;
  const centre = [0, 1, 2].map((a) => frame.position[a]! + circle.insetMm * (frame.orientation[a]! + frame.orientation[3 + a]!)) as WorldPoint;
  const rim = [0, 1, 2].map((a) => centre[a]! + circle.radiusMm * frame.orientation[a]!) as WorldPoint;
  const lesion = makeLesion({ id: 'e0000000-0000-4000-8000-0000000000d1', trackingUid: `${grid.uidRoot}.1`, studyInstanceUid: study, seriesInstanceUid: written.seriesInstanceUid });
  saveLesion(db, lesion, 'AB');
  saveAttachedDrawing(db, {
    schemaVersion: ANNOTATION_SCHEMA_VERSION, id: 'e0000000-0000-4000-8000-0000000000d2', lesionId: lesion.id, studyInstanceUid: study, seriesInstanceUid: written.seriesInstanceUid,
    frameOfReferenceUid: instance!.frameOfReferenceUid, sopInstanceUid: instance!.sopInstanceUid, frameNumber: 1, viewPlaneNormal: null, viewUp: null,
    tool: 'CircleROI', points: [centre, rim], text: null, measurements: {}, reader: 'AB', createdAt: '2026-03-01T10:00:00.000Z', updatedAt: '2026-03-01T10:00:00.000Z',
  }, lesion.id, 'AB');
  return { file, study };
}
