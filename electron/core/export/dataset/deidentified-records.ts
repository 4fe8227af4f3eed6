import type { Annotation } from '@shared/annotation/annotation';
import { uidToUuid, uuidToUid } from '@shared/dicom/uid';
import type { Lesion } from '@shared/lesion/lesion';
import type { StudyInstance } from '../../index/instance-queries';

type MapUid = (uid: string) => string;

// The app's records as a de-identified export writes them: every DICOM UID, the lesion's tracking
// UID and the records' own ids replaced through the export's one UID map, so that SR, SEG and images
// agree and no local id (which the identified exports also carry) joins the dataset to the patient.

/**
 * A record id (UUID) replaced through the map: its 2.25 form mapped, and back to a UUID, so that the
 * SR writes the mapped UID wherever it writes the id's 2.25 form (the map makes UUID-form UIDs).
 */
export function mappedRecordId(id: string, map: MapUid): string {
  const uuid = uidToUuid(map(uuidToUid(id)));
  if (!uuid) throw new RangeError(`the UID map gave a UID that is not a UUID's for record ${id}`);
  return uuid;
}

/** A copy of a value with every measurement provenance's annotation id replaced. */
function withMappedProvenance<T>(value: T, map: MapUid): T {
  if (Array.isArray(value)) return value.map((v) => withMappedProvenance(v, map)) as T;
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value).map(([key, child]) => [key, withMappedProvenance(child, map)] as const);
  const copy = Object.fromEntries(entries) as Record<string, unknown>;
  if (copy.source === 'annotation' && typeof copy.annotationId === 'string') copy.annotationId = mappedRecordId(copy.annotationId, map);
  return copy as T;
}

/** A lesion with replaced UIDs and ids (its own, and those of the annotations its measurements came from). */
export function mappedLesion(lesion: Lesion, map: MapUid): Lesion {
  return {
    ...withMappedProvenance(lesion, map),
    id: mappedRecordId(lesion.id, map),
    trackingUid: map(lesion.trackingUid),
    studyInstanceUid: map(lesion.studyInstanceUid),
    seriesInstanceUid: map(lesion.seriesInstanceUid),
    boneAnalysis: lesion.boneAnalysis === null ? null : { ...lesion.boneAnalysis, seriesInstanceUid: map(lesion.boneAnalysis.seriesInstanceUid) },
  };
}

/** An annotation with replaced UIDs and ids. */
export function mappedAnnotation(annotation: Annotation, map: MapUid): Annotation {
  return {
    ...annotation,
    id: mappedRecordId(annotation.id, map),
    lesionId: annotation.lesionId === null ? null : mappedRecordId(annotation.lesionId, map),
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
