import type { ScoredLesion } from '@shared/lesion/scored-lesion';
import { URGENCY_RULE_SET } from '@shared/scoring/urgency-rules';
import { isMoreUrgent, maxUrgency, urgencyLabel, type UrgencyLevel } from '@shared/scoring/urgency-level';
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
  /** Score Observations of the lesions above routine, or that could be: the reasons for the referral. */
  reasonObservations: string[];
  /** The study's urgency, over every lesion. */
  urgency: ReferralUrgency;
}

/** The referral's urgency: the highest level its lesions establish, the highest they could reach, and what would decide. */
export interface ReferralUrgency {
  level: UrgencyLevel;
  worstCase: UrgencyLevel;
  missingInputs: string[];
}

/** The highest urgency of the lesions, and the highest they could have (a missing input never lowers it). */
export function referralUrgency(lesions: readonly ScoredLesion[]): ReferralUrgency {
  const level = lesions.reduce<UrgencyLevel>((top, l) => maxUrgency(top, l.scores.urgency.level), 'routine');
  const worstCase = lesions.reduce<UrgencyLevel>((top, l) => maxUrgency(top, l.scores.urgency.worstCase), 'routine');
  // The inputs of the lesions that could raise the referral above what is established.
  const raising = lesions.filter((l) => isMoreUrgent(l.scores.urgency.worstCase, level));
  return { level, worstCase, missingInputs: [...new Set(raising.flatMap((l) => l.scores.urgency.missingInputs))] };
}

/** "urgent", or "routine to emergency, depending on ESCC grade, ..." when missing inputs leave it open. */
function urgencyText({ level, worstCase, missingInputs }: ReferralUrgency): string {
  return worstCase === level ? urgencyLabel(level) : `${urgencyLabel(level)} to ${urgencyLabel(worstCase)}, depending on ${missingInputs.join(', ')}`;
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
    conclusion: `Highest urgency: ${urgencyText(refs.urgency)}. ${lesions.map(lesionLine).join(' | ')}`,
    presentedForm: [
      { contentType: 'application/pdf', language: 'en', data: Buffer.from(pdf).toString('base64'), title: 'Bone metastasis referral packet', creation: source.exportedAt },
    ],
  };
}

/**
 * The referral itself, made only when a lesion is above routine: a proposal (the radiologist
 * recommends a surgical opinion; the referring team decides), its priority from the highest urgency
 * its lesions could have (a missing input never lowers it).
 */
export function serviceRequestResource(source: StudyExportSource, lesions: readonly ScoredLesion[], refs: ReportRefs, reportUrn: string): ServiceRequest {
  const { urgency } = refs;
  const final = lesions.every((l) => l.lesion.status === 'final');
  return {
    resourceType: 'ServiceRequest',
    identifier: [{ system: SYSTEMS.exportBundle, value: `${source.study.studyInstanceUid}/${source.exportedAt}/referral` }],
    status: final ? 'active' : 'draft',
    intent: 'proposal',
    category: [{ coding: [CODES.referralToService] }],
    // Never understated: the priority of the worst the lesions could be.
    priority: REQUEST_PRIORITY[urgency.worstCase],
    code: { coding: [CODES.patientReferral], text: 'Surgical opinion (orthopaedic / spinal) on bone metastases' },
    subject: { reference: refs.patient },
    authoredOn: source.exportedAt,
    ...(refs.requester ? { requester: { reference: refs.requester } } : {}),
    reasonReference: refs.reasonObservations.map((reference) => ({ reference })),
    supportingInfo: [{ reference: reportUrn }, { reference: refs.imagingStudy }],
    note: [{ text: `Urgency ${urgencyText(urgency)} under ${URGENCY_RULE_SET}. ${lesions.filter((l) => l.scores.urgency.worstCase !== 'routine').map(lesionLine).join(' | ')}` }],
  };
}
