import type { StudyExportSource } from '../study-export-source';
import type { ImagingStudy } from './fhir-resources';
import { SYSTEMS } from './fhir-codes';
import { isAcquisitionModality } from './acquisition-modality';

/** A DICOM UID as FHIR writes it in identifiers and SOP class codings. */
export function urnOid(uid: string): string {
  return `urn:oid:${uid}`;
}

/**
 * The study as an R4 ImagingStudy: every indexed series with its modality, every instance with
 * its SOP class, so that a receiver can fetch the images by UID from its own PACS.
 * @param patientUrn - fullUrl of the Patient entry
 */
export function imagingStudyResource(source: StudyExportSource, patientUrn: string): ImagingStudy {
  const { study, series } = source;
  // R4: the series modalities that are acquisitions (CID 29); each series keeps its own below.
  const modalities = [...new Set(series.map((s) => s.modality.trim()).filter(isAcquisitionModality))];
  return {
    resourceType: 'ImagingStudy',
    identifier: [{ system: SYSTEMS.dicomUid, value: urnOid(study.studyInstanceUid) }],
    // The instances are on disk and indexed: the study is available.
    status: 'available',
    ...(modalities.length ? { modality: modalities.map((code) => ({ system: SYSTEMS.dicom, code })) } : {}),
    subject: { reference: patientUrn },
    // DICOM times carry no time zone, and FHIR requires one with a time: the date alone is exact.
    ...(study.studyDate ? { started: study.studyDate } : {}),
    numberOfSeries: series.length,
    numberOfInstances: series.reduce((n, s) => n + s.instances.length, 0),
    ...(study.description.trim() ? { description: study.description.trim() } : {}),
    series: series.map((s) => ({
      uid: s.seriesInstanceUid,
      ...(s.seriesNumber !== null && s.seriesNumber >= 0 ? { number: s.seriesNumber } : {}),
      // An empty Modality is a malformed file; OT ("other") keeps the required element honest.
      modality: { system: SYSTEMS.dicom, code: s.modality.trim() || 'OT' },
      ...(s.description.trim() ? { description: s.description.trim() } : {}),
      numberOfInstances: s.instances.length,
      instance: s.instances.map((i) => ({
        uid: i.sopInstanceUid,
        sopClass: { system: SYSTEMS.rfc3986, code: urnOid(i.sopClassUid) },
        ...(i.instanceNumber !== null && i.instanceNumber >= 0 ? { number: i.instanceNumber } : {}),
      })),
    })),
  };
}
