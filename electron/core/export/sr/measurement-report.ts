import type { NaturalizedDataset } from 'dcmjs';
import type { SpacingPlane } from '@shared/dicom/measurement-spacing';
import { lesionLabel } from './lesion-label';
import { isImageAnnotation, type Annotation, type ImageAnnotation } from '@shared/annotation/annotation';
import { AppError } from '@shared/errors';
import type { Lesion } from '@shared/lesion/lesion';
import { PROCEDURE_BY_MODALITY, SR } from '../dicom/codes';
import { UTC_OFFSET } from '../dicom/dicom-datetime';
import type { ObjectDates } from '../dicom/object-dates';
import { personName } from '../dicom/person-name';
import { COMPREHENSIVE_3D_SR_STORAGE, DEVICE_OBSERVER_UID } from '../dicom/uids';
import { coded, container, image, pname, text, uidref, type Item } from './content-items';
import type { ImagePixelPlane } from './image-pixel-plane';
import { lesionGroup } from './lesion-group';
import { PRIVATE_SCHEME_IDENTIFICATION } from './private-codes';

/** The software name written as manufacturer and device observer. */
export const APP_NAME = 'BoneMet Review';

/** An instance a report references: its class, series, frame count and the viewer's plane of its pixels (from the index). */
export interface ReferencedInstance {
  sopClassUid: string;
  seriesInstanceUid: string;
  frames: number;
  /** Where the viewer puts its pixels in world coordinates (drawings on an image without a frame of reference are written in its pixels). */
  pixelPlane: ImagePixelPlane | null;
  /** Where its lengths lie (measurementSpacing): 'none' when the viewer measures them in pixels. */
  spacingPlane: SpacingPlane;
  /** At the detector: the larger magnification its header states above 1.3 (measurementSpacing); absent: 1.3. */
  maxMagnification?: number | undefined;
}

/** Everything one Measurement Report is built from. */
export interface ReportInput {
  studyInstanceUid: string;
  lesions: Lesion[];
  /** Annotations of these lesions (others are ignored). */
  annotations: Annotation[];
  instances: ReadonlyMap<string, ReferencedInstance>;
  /** Patient and General Study attributes copied from an image of the study (keyword-keyed). */
  header: Item;
  /** Modality of the lesions' images, for Procedure Reported. */
  modality: string;
  /** The person observer; null writes a device observer only (de-identified exports). */
  observer: { initials: string; name: string } | null;
  deidentified: boolean;
  seriesInstanceUid: string;
  sopInstanceUid: string;
  appVersion: string;
  /** Instance creation and content date/time: the export's instant, or the (shifted) study's when de-identified. */
  dates: ObjectDates;
}

/** The observer context of a report (TID 1002/1004): the person, when named, and the app as device. */
export function observerItems(observer: ReportInput['observer']): Item[] {
  const items: Item[] = [];
  if (observer) {
    items.push(
      coded('HAS OBS CONTEXT', SR.observerType, SR.person),
      pname('HAS OBS CONTEXT', SR.personObserverName, personName(observer.name)),
      text('HAS OBS CONTEXT', SR.personObserverLoginName, observer.initials),
    );
  }
  items.push(
    coded('HAS OBS CONTEXT', SR.observerType, SR.device),
    uidref('HAS OBS CONTEXT', SR.deviceObserverUid, DEVICE_OBSERVER_UID),
    text('HAS OBS CONTEXT', SR.deviceObserverName, APP_NAME),
  );
  return items;
}

/** Instances referenced by annotations, grouped by series, in order of first reference. */
function referencedBySeries(annotations: ImageAnnotation[], instances: ReportInput['instances']): Map<string, { sop: string; cls: string }[]> {
  const bySeries = new Map<string, { sop: string; cls: string }[]>();
  for (const a of annotations) {
    const instance = instances.get(a.sopInstanceUid);
    if (!instance) {
      throw new AppError('not_found', `Annotation ${a.id} is drawn on image ${a.sopInstanceUid}, which is not in the index: import the study's files again, then export.`);
    }
    const list = bySeries.get(instance.seriesInstanceUid) ?? [];
    if (!list.some((r) => r.sop === a.sopInstanceUid)) list.push({ sop: a.sopInstanceUid, cls: instance.sopClassUid });
    bySeries.set(instance.seriesInstanceUid, list);
  }
  return bySeries;
}

/**
 * A Comprehensive 3D SR dataset holding a TID 1500 Imaging Measurement Report, one TID 1501
 * Measurement Group per lesion. Comprehensive 3D SR because annotations are kept in patient
 * coordinates of a frame of reference (SCOORD3D), exactly as stored, with no pixel-space conversion;
 * those on an image without one (a radiograph) are written in its pixels (SCOORD), which the class
 * allows beside them. Annotations drawn on a reformat plane are written with their series and plane
 * instead of an image.
 */
export function buildMeasurementReport(input: ReportInput): NaturalizedDataset {
  const lesionIds = new Set(input.lesions.map((l) => l.id));
  const annotations = input.annotations.filter((a) => a.lesionId !== null && lesionIds.has(a.lesionId));
  // The image library lists the source images; drawings on a reformat have none.
  const bySeries = referencedBySeries(annotations.filter(isImageAnnotation), input.instances);
  const groups = input.lesions.map((lesion, i) =>
    lesionGroup(lesion, {
      label: lesionLabel(i + 1, lesion),
      annotations: annotations.filter((a) => a.lesionId === lesion.id),
      instances: input.instances,
      deidentified: input.deidentified,
    }),
  );
  const procedure = PROCEDURE_BY_MODALITY[input.modality];
  const content: Item[] = [
    coded('HAS CONCEPT MOD', SR.language, SR.englishUS),
    ...observerItems(input.observer),
    ...(procedure ? [coded('HAS CONCEPT MOD', SR.procedureReported, procedure)] : []),
  ];
  if (bySeries.size > 0) {
    const library = [...bySeries.values()].map((refs) => container('CONTAINS', SR.imageLibraryGroup, refs.map((r) => image('CONTAINS', null, r.cls, r.sop))));
    content.push(container('CONTAINS', SR.imageLibrary, library));
  }
  content.push(container('CONTAINS', SR.imagingMeasurements, groups));

  const dataset: Item = {
    SpecificCharacterSet: 'ISO_IR 192',
    ...(input.dates.creation ? { InstanceCreationDate: input.dates.creation.date, InstanceCreationTime: input.dates.creation.time } : {}),
    // Record timestamps are written as UTC DT values without offset (see isoToDicomDateTime).
    ...(input.deidentified ? {} : { TimezoneOffsetFromUTC: UTC_OFFSET }),
    SOPClassUID: COMPREHENSIVE_3D_SR_STORAGE,
    SOPInstanceUID: input.sopInstanceUid,
    ...input.header,
    StudyInstanceUID: input.studyInstanceUid,
    Modality: 'SR',
    SeriesInstanceUID: input.seriesInstanceUid,
    SeriesNumber: 9901,
    SeriesDescription: 'BoneMet lesion measurements',
    ReferencedPerformedProcedureStepSequence: [],
    Manufacturer: APP_NAME,
    ManufacturerModelName: APP_NAME,
    SoftwareVersions: input.appVersion,
    DeviceSerialNumber: 'NONE',
    InstanceNumber: 1,
    ContentDate: input.dates.content.date,
    ContentTime: input.dates.content.time,
    PreliminaryFlag: input.lesions.every((l) => l.status === 'final') ? 'FINAL' : 'PRELIMINARY',
    CompletionFlag: 'COMPLETE',
    VerificationFlag: 'UNVERIFIED',
    PerformedProcedureCodeSequence: [],
    CodingSchemeIdentificationSequence: [PRIVATE_SCHEME_IDENTIFICATION],
    ValueType: 'CONTAINER',
    ConceptNameCodeSequence: [{ CodeValue: SR.imagingMeasurementReport.value, CodingSchemeDesignator: 'DCM', CodeMeaning: SR.imagingMeasurementReport.meaning }],
    ContinuityOfContent: 'SEPARATE',
    ContentTemplateSequence: [{ MappingResource: 'DCMR', TemplateIdentifier: '1500' }],
    ContentSequence: content,
  };
  if (bySeries.size > 0) {
    dataset.CurrentRequestedProcedureEvidenceSequence = [
      {
        StudyInstanceUID: input.studyInstanceUid,
        ReferencedSeriesSequence: [...bySeries].map(([series, refs]) => ({
          SeriesInstanceUID: series,
          ReferencedSOPSequence: refs.map((r) => ({ ReferencedSOPClassUID: r.cls, ReferencedSOPInstanceUID: r.sop })),
        })),
      },
    ];
  }
  // The builders produce plain keyword-keyed objects; dcmjs takes them as its naturalized form.
  return dataset as unknown as NaturalizedDataset;
}
