import type { Annotation } from '@shared/annotation/annotation';
import type { Lesion } from '@shared/lesion/lesion';
import type { StudyInstance } from '../dicom/study-instances';

type MapUid = (uid: string) => string;

// The app's records as a de-identified export writes them: every DICOM UID (and the lesion's
// tracking UID) replaced through the export's one UID map, so that SR, SEG and images agree.

/** A lesion with replaced UIDs. */
export function mappedLesion(lesion: Lesion, map: MapUid): Lesion {
  return { ...lesion, trackingUid: map(lesion.trackingUid), studyInstanceUid: map(lesion.studyInstanceUid), seriesInstanceUid: map(lesion.seriesInstanceUid) };
}

/** An annotation with replaced UIDs. */
export function mappedAnnotation(annotation: Annotation, map: MapUid): Annotation {
  return {
    ...annotation,
    studyInstanceUid: map(annotation.studyInstanceUid),
    seriesInstanceUid: map(annotation.seriesInstanceUid),
    sopInstanceUid: annotation.sopInstanceUid === null ? null : map(annotation.sopInstanceUid),
    frameOfReferenceUid: annotation.frameOfReferenceUid === null ? null : map(annotation.frameOfReferenceUid),
  };
}

/** An indexed instance with replaced UIDs (its file path is still the original's, for reading pixels). */
export function mappedInstance(instance: StudyInstance, map: MapUid): StudyInstance {
  return {
    ...instance,
    sopInstanceUid: map(instance.sopInstanceUid),
    seriesInstanceUid: map(instance.seriesInstanceUid),
    frameOfReferenceUid: instance.frameOfReferenceUid === null ? null : map(instance.frameOfReferenceUid),
  };
}
