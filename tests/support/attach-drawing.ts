import type Database from 'better-sqlite3';
import type { Annotation } from '@shared/annotation/annotation';
import { readAnnotation, saveAnnotation } from '../../electron/core/lesions/annotation-store';
import { readLesion, saveLesion } from '../../electron/core/lesions/lesion-store';

/**
 * Saves a drawing and attaches it to a lesion as a reader does: the drawing first, then the lesion
 * naming it among its attached drawings (the core derives the drawing's link from the lesion).
 * @returns the stored drawing, linked
 */
export function saveAttachedDrawing(db: Database.Database, annotation: Annotation, lesionId: string, reader: string): Annotation {
  saveAnnotation(db, { ...annotation, lesionId: null }, reader);
  const lesion = readLesion(db, lesionId);
  if (!lesion) throw new Error(`no lesion ${lesionId}`);
  saveLesion(db, { ...lesion, attachedAnnotationIds: [...lesion.attachedAnnotationIds, annotation.id] }, reader);
  return readAnnotation(db, annotation.id)!;
}
