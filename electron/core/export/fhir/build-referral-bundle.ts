import { AppError } from '@shared/errors';
import { couldBeAboveRoutine, referralLesions, type ReferralSelection } from '../referral-selection';
import { readerOfLesion, type StudyExportSource } from '../study-export-source';
import { lesionReader, type LesionReader } from '../lesion-reader';
import { BundleResourceSchema, validateCollectionBundle, type BundleResource, type CollectionBundle } from './fhir-bundle';
import { practitionerResource, patientResource } from './build-people';
import { imagingStudyResource } from './build-imaging-study';
import { findingObservation } from './build-finding-observation';
import { scoreObservation } from './build-score-observation';
import { scoreResults } from '@shared/scoring/score-lesion';
import { diagnosticReportResource, referralUrgency, serviceRequestResource } from './build-report-and-request';
import { SYSTEMS } from './fhir-codes';
import { entryUrn } from './entry-uuid';
import { narrativeOf } from './narrative';

/** Options of buildReferralBundle. */
export interface ReferralBundleOptions extends ReferralSelection {
  /** The referral packet PDF, embedded as the DiagnosticReport's presentedForm. */
  pdf: Uint8Array;
}

/** Validates one resource as it is made, naming the resource and element when it is not valid R4. */
function checked(resource: BundleResource): BundleResource {
  const result = BundleResourceSchema.safeParse(resource);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw new AppError('internal', `The ${resource.resourceType} made for the FHIR export is not valid R4 at ${issue?.path.join('.') || '(root)'}: ${issue?.message}. Nothing was written; please report this.`);
}

/**
 * The referral as an R4 Bundle of type "collection": Patient, the readers as Practitioners,
 * ImagingStudy, for every lesion of the study a finding Observation (site, nature, size, fracture)
 * with one Observation per applicable score as its members, the DiagnosticReport with the PDF of the
 * referred lesions, and a ServiceRequest when a lesion is above routine.
 *
 * Why a collection and not a transaction: the bundle is a file handed to a receiver we do not
 * know, not a set of writes to a server of ours. A transaction would have to say how each entry
 * is created (POST, conditional create on a patient identifier whose issuer we do not know) and
 * would make a new Patient on every import; a collection leaves matching the patient and filing
 * the report to the receiver. References are urn:uuid fullUrls, which R4 resolves inside any bundle.
 */
export function buildReferralBundle(source: StudyExportSource, options: ReferralBundleOptions): CollectionBundle {
  if (!Buffer.from(options.pdf.subarray(0, 5)).toString('latin1').startsWith('%PDF-')) {
    throw new AppError('internal', 'The referral packet to embed in the FHIR bundle is not a PDF.');
  }
  const lesions = referralLesions(source, options);
  const key = `${source.study.studyInstanceUid}|${source.exportedAt}`;
  const entries: { fullUrl: string; resource: BundleResource }[] = [];
  const add = (name: string, resource: BundleResource): string => {
    const fullUrl = entryUrn(`${key}|${name}`);
    entries.push({ fullUrl, resource: checked({ ...resource, text: narrativeOf(resource) }) });
    return fullUrl;
  };

  const patient = add('patient', patientResource(source.study, source.patientIdIssuer));
  // One Practitioner per reader: a reader elsewhere who signs with a reader's initials here is another person.
  const readers = new Map<string, string>();
  const readerUrn = (reader: LesionReader) => {
    if (!readers.has(reader.key)) readers.set(reader.key, add(`reader|${reader.key}`, practitionerResource(reader)));
    return readers.get(reader.key)!;
  };
  const imagingStudy = add('imaging-study', imagingStudyResource(source, patient));

  // Every lesion of the study, not only those referred: a surgeon weighs the whole skeletal burden.
  const times = { studyDate: source.study.studyDate, issued: source.exportedAt };
  const observations: string[] = [];
  const reasonObservations: string[] = [];
  const study = referralLesions(source, { includeAll: true });
  for (const scored of study) {
    const reader = readerUrn(readerOfLesion(source, scored));
    const scoreUrns = scoreResults(scored.scores)
      .filter((r) => r.applicable)
      .map((result) => add(`lesion|${scored.lesion.id}|${result.score}`, scoreObservation(scored.lesion, result, { patient, imagingStudy, reader }, times)));
    const finding = add(`lesion|${scored.lesion.id}|finding`, findingObservation(scored.lesion, { patient, imagingStudy, reader, scores: scoreUrns }, times));
    observations.push(finding, ...scoreUrns);
    if (couldBeAboveRoutine(scored)) reasonObservations.push(finding, ...scoreUrns);
  }
  const refs = {
    patient,
    imagingStudy,
    interpreters: [...new Set(lesions.map((l) => readerUrn(readerOfLesion(source, l))))],
    requester: source.exportingReader ? readerUrn(lesionReader(source.exportingReader.initials, null, source.readerNames[source.exportingReader.initials])) : null,
    observations,
    reasonObservations,
    // Over every lesion of the study: one left out of the packet may still be what decides.
    urgency: referralUrgency(study),
  };
  const report = add('report', diagnosticReportResource(source, lesions, refs, options.pdf));
  const referred = study.filter(couldBeAboveRoutine);
  if (referred.length > 0) add('request', serviceRequestResource(source, referred, refs, report));

  return validateCollectionBundle({
    resourceType: 'Bundle',
    identifier: { system: SYSTEMS.exportBundle, value: entryUrn(key) },
    type: 'collection',
    timestamp: source.exportedAt,
    entry: entries,
  });
}
