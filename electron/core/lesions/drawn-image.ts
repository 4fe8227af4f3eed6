import type Database from 'better-sqlite3';
import type { Annotation } from '@shared/annotation/annotation';
import { AppError } from '@shared/errors';

interface IndexedImage {
  frames: number | null;
  seriesUid: string;
  studyUid: string;
}

/** What a reader can do about a drawing that names its image wrongly, by where the drawing came from. */
export const DRAWN_IMAGE_REMEDY = {
  /** Drawn here and being saved. */
  save: 'draw it again on the image',
  /** From a report being restored: an SR file imported, or this workstation's own publication taken back from the PACS. */
  restore: 'the report it came from does not match the images indexed here, so it was not restored',
  /** From another workstation's publication on the PACS. */
  received: (reader: string) => `ask ${reader}, who drew it, to draw it again on the image at their workstation`,
} as const;

/**
 * Refuses a drawing that names an indexed image wrongly: as one of another series or study (the SR
 * would reference another patient's image, and the drawing would be listed with the wrong study), or
 * on a frame the image does not have. A drawing on an image no longer indexed is left to the exports,
 * which say so when they need the image.
 * @param remedy - what the reader can do, in the words of where the drawing came from (DRAWN_IMAGE_REMEDY)
 */
export function requireDrawnImage(db: Database.Database, annotation: Annotation, remedy: string): void {
  const sop = annotation.sopInstanceUid;
  if (sop === null) return;
  const image = db
    .prepare(
      `SELECT i.frames, se.series_uid AS seriesUid, st.study_uid AS studyUid
       FROM instances i JOIN series se ON se.id = i.series_ref JOIN studies st ON st.id = se.study_ref
       WHERE i.sop_instance_uid = ?`,
    )
    .get(sop) as IndexedImage | undefined;
  if (!image) return;
  if (image.seriesUid !== annotation.seriesInstanceUid || image.studyUid !== annotation.studyInstanceUid) {
    throw new AppError(
      'invalid_request',
      `The drawing names image ${sop} as one of series ${annotation.seriesInstanceUid} of study ${annotation.studyInstanceUid}, but that image is of series ${image.seriesUid} of study ${image.studyUid}: ${remedy}.`,
    );
  }
  const frames = image.frames ?? 1;
  if (annotation.frameNumber! > frames) {
    throw new AppError('invalid_request', `The drawing is on frame ${annotation.frameNumber} of image ${sop}, which has ${frames} frame${frames === 1 ? '' : 's'}: ${remedy}.`);
  }
}
