import type { Annotation } from '@shared/annotation/annotation';
import { spacingPlaneNote } from '@shared/dicom/measurement-spacing';
import type { Lesion } from '@shared/lesion/lesion';
import type { MeasuredMm } from '@shared/lesion/measurement';
import { scoreLesion } from '@shared/scoring/score-lesion';
import { SR, UID_TYPES, type Code } from '../dicom/codes';
import { isoToDicomDateTime } from '../dicom/dicom-datetime';
import { uuidToUid } from '@shared/dicom/uid';
import { annotationItems } from './annotation-items';
import { boneAnalysisItems } from './bone-analysis-items';
import { computedItems } from './computed-items';
import { coded, container, datetime, num, text, uidref, type Item } from './content-items';
import { findingSiteItems } from './finding-site';
import { BOOLEAN_FIELDS, ENUM_FIELDS, enumValueCode, MEASUREMENT_FIELDS } from './lesion-fields';
import { BM } from './private-codes';
import type { ReferencedInstance } from './measurement-report';
import { scoresItems } from './score-items';

/** The Finding of a lesion: its nature, or "Neoplasm, Secondary" while the nature is not recorded. */
export const NATURE_CODES: Record<NonNullable<Lesion['nature']>, Code> = { lytic: BM.lytic, blastic: BM.blastic, mixed: BM.mixed };

/** What a group needs besides the lesion. */
export interface LesionGroupContext {
  /** The readable Tracking Identifier ("Lesion 1: Femur, Femoral diaphysis (shaft), left"). */
  label: string;
  /** The lesion's annotations, in the order drawn. */
  annotations: Annotation[];
  /** SOP Class UID, series and frame count of each indexed instance of the study. */
  instances: ReadonlyMap<string, ReferencedInstance>;
  /** Leave out free text, reader, timestamps and the JSON record (research exports). */
  deidentified: boolean;
}

function measurementItem(concept: Code, unit: Code, value: MeasuredMm): Item {
  const provenance = value.provenance;
  const children =
    provenance.source === 'annotation'
      ? [coded('HAS CONCEPT MOD', SR.measurementMethod, BM.measuredOnAnnotation), text('INFERRED FROM', BM.sourceAnnotation, provenance.annotationId)]
      : provenance.source === 'computed'
        ? computedItems(provenance)
        : [coded('HAS CONCEPT MOD', SR.measurementMethod, BM.typed)];
  // A radiograph's length says which plane it lies in: at the detector it overstates the patient's.
  const plane = value.spacingPlane ?? 'patient';
  const planeNote = unit.value === 'mm' ? spacingPlaneNote(plane, value.maxMagnification) : null;
  return num('CONTAINS', concept, value.value, unit, planeNote ? [...children, text('HAS PROPERTIES', BM.spacingPlane, `${plane}: ${planeNote}`)] : children);
}

/**
 * One lesion as a TID 1501 Measurement Group: tracking identifiers, finding, finding sites,
 * measurements with their provenance, qualitative evaluations, scores, its annotations and (unless
 * de-identified) the record as JSON for a lossless re-import.
 */
export function lesionGroup(lesion: Lesion, context: LesionGroupContext): Item {
  const items: Item[] = [
    text('HAS OBS CONTEXT', SR.trackingIdentifier, context.label),
    uidref('HAS OBS CONTEXT', SR.trackingUid, lesion.trackingUid),
    uidref('HAS OBS CONTEXT', BM.lesionRecordUid, uuidToUid(lesion.id)),
    uidref('HAS OBS CONTEXT', UID_TYPES.seriesInstanceUid, lesion.seriesInstanceUid),
  ];
  if (!context.deidentified) {
    items.push(
      text('HAS OBS CONTEXT', BM.reader, lesion.reader),
      datetime('HAS OBS CONTEXT', BM.createdAt, isoToDicomDateTime(lesion.createdAt)),
      datetime('HAS OBS CONTEXT', BM.updatedAt, isoToDicomDateTime(lesion.updatedAt)),
    );
  }
  items.push(
    coded('CONTAINS', SR.findingCategory, SR.morphologicallyAbnormalStructure),
    coded('CONTAINS', SR.finding, lesion.nature ? NATURE_CODES[lesion.nature] : SR.neoplasmSecondary),
    ...findingSiteItems(lesion),
  );
  for (const field of MEASUREMENT_FIELDS) {
    const value = field.get(lesion);
    if (value) items.push(measurementItem(field.concept, field.unit, value));
  }
  for (const field of BOOLEAN_FIELDS) {
    const value = field.get(lesion);
    if (value !== null) items.push(coded('CONTAINS', field.concept, value ? SR.yes : SR.no));
  }
  for (const field of ENUM_FIELDS) {
    const value = field.get(lesion);
    if (value !== null) items.push(coded('CONTAINS', field.concept, enumValueCode(field, value)));
  }
  if (!context.deidentified && lesion.note !== '') items.push(text('CONTAINS', BM.note, lesion.note));
  items.push(...scoresItems(scoreLesion(lesion)));
  if (lesion.boneAnalysis) items.push(...boneAnalysisItems(lesion.boneAnalysis, context.deidentified));
  for (const annotation of context.annotations) {
    const instance = annotation.sopInstanceUid === null ? undefined : context.instances.get(annotation.sopInstanceUid);
    // A drawing on a reformat takes its intensity unit from an image of the reformatted series.
    const ofSeries = instance ?? [...context.instances.values()].find((i) => i.seriesInstanceUid === annotation.seriesInstanceUid);
    const sopClassUid = ofSeries?.sopClassUid ?? '';
    items.push(annotationItems(annotation, { sopClassUid, multiFrame: (instance?.frames ?? 1) > 1, deidentified: context.deidentified, pixelPlane: instance?.pixelPlane ?? null, spacingPlane: ofSeries?.spacingPlane ?? 'patient', maxMagnification: ofSeries?.maxMagnification }));
  }
  if (!context.deidentified) {
    items.push(text('CONTAINS', BM.record, JSON.stringify({ lesion, annotations: context.annotations })));
  }
  return container('CONTAINS', SR.measurementGroup, items);
}
