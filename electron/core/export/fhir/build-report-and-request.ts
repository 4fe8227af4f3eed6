import type { ScoredLesion } from '@shared/lesion/scored-lesion';
import { URGENCY_RULE_SET } from '@shared/scoring/urgency-rules';
import { UrgencyLevelSchema, urgencyLabel, type UrgencyLevel } from '@shared/scoring/urgency-level';
import { locationText } from '../lesion-facts';
import type { StudyExportSource } from '../study-export-source';
import { CODES, SYSTEMS } from './fhir-codes';
import type { DiagnosticReport, ServiceRequest } from './fhir-report-resources';
import { REQUEST_PRIORITY } from './request-priority';

/** fullUrls the report and the request refer to. */
export interface ReportRefs {
  patient: string;
  imagingStudy: string;
  /** Every reader of the included lesions. */
  interpreters: string[];
  /** The reader exporting, when named. */
  requester: string | null;
  /** Score Observations of every included lesion. */
  observations: string[];
  /** Score Observations of the lesions above routine only: the reasons for the referral. */
  reasonObservations: string[];
}

function highest(lesions: readonly ScoredLesion[]): UrgencyLevel {
  return lesions.reduce<UrgencyLevel>((top, l) => {
    const order = UrgencyLevelSchema.options;
    return order.indexOf(l.scores.urgency.level) > order.indexOf(top) ? l.scores.urgency.level : top;
  }, 'routine');
}

function lesionLine(scored: ScoredLesion): string {
  return `${locationText(scored.lesion)}: ${scored.scores.urgency.summary}`;
}

/**
 * The imaging report: the score Observations as results, the ImagingStudy, and the referral
 * packet PDF as presentedForm so that a receiver without our app reads the same document.
 * @param pdf - the referral packet
 */
export function diagnosticReportResource(source: StudyExportSource, lesions: readonly ScoredLesion[], refs: ReportRefs, pdf: Uint8Array): DiagnosticReport {
  const final = lesions.every((l) => l.lesion.status === 'final');
  return {
    resourceType: 'DiagnosticReport',
    // A draft lesion makes the whole report preliminary: a surgeon must not read it as signed off.
    status: final ? 'final' : 'preliminary',
    category: [{ coding: [CODES.radiology] }],
    code: { coding: [CODES.diagnosticImagingStudy], text: 'Bone metastases: fracture-risk and instability scores' },
    subject: { reference: refs.patient },
    ...(source.study.studyDate ? { effectiveDateTime: source.study.studyDate } : {}),
    issued: source.exportedAt,
    resultsInterpreter: refs.interpreters.map((reference) => ({ reference })),
    result: refs.observations.map((reference) => ({ reference })),
    imagingStudy: [{ reference: refs.imagingStudy }],
    conclusion: `Highest urgency: ${urgencyLabel(highest(lesions))}. ${lesions.map(lesionLine).join(' | ')}`,
    presentedForm: [
      { contentType: 'application/pdf', language: 'en', data: Buffer.from(pdf).toString('base64'), title: 'Bone metastasis referral packet', creation: source.exportedAt },
    ],
  };
}

/**
 * The referral itself, made only when a lesion is above routine: a proposal (the radiologist
 * recommends a surgical opinion; the referring team decides), its priority from the highest urgency.
 */
export function serviceRequestResource(source: StudyExportSource, lesions: readonly ScoredLesion[], refs: ReportRefs, reportUrn: string): ServiceRequest {
  const level = highest(lesions);
  const final = lesions.every((l) => l.lesion.status === 'final');
  return {
    resourceType: 'ServiceRequest',
    identifier: [{ system: SYSTEMS.exportBundle, value: `${source.study.studyInstanceUid}/${source.exportedAt}/referral` }],
    status: final ? 'active' : 'draft',
    intent: 'proposal',
    category: [{ coding: [CODES.referralToService] }],
    priority: REQUEST_PRIORITY[level],
    code: { coding: [CODES.patientReferral], text: 'Surgical opinion (orthopaedic / spinal) on bone metastases' },
    subject: { reference: refs.patient },
    authoredOn: source.exportedAt,
    ...(refs.requester ? { requester: { reference: refs.requester } } : {}),
    reasonReference: refs.reasonObservations.map((reference) => ({ reference })),
    supportingInfo: [{ reference: reportUrn }, { reference: refs.imagingStudy }],
    note: [{ text: `Urgency ${urgencyLabel(level)} under ${URGENCY_RULE_SET}. ${lesions.filter((l) => l.scores.urgency.level !== 'routine').map(lesionLine).join(' | ')}` }],
  };
}
