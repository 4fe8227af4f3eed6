import type { Annotation } from '@shared/annotation/annotation';
import { z } from 'zod';
import { displayableText, hidesText } from '@shared/dicom/displayable-text';
import { DicomUidSchema, uidToUuid } from '@shared/dicom/uid';
import { AppError } from '@shared/errors';
import type { Lesion } from '@shared/lesion/lesion';
import { ReaderSchema } from '@shared/reader/reader';
import { ReviewSchema, type Review } from '@shared/worklist/review';
import { SR } from '../export/dicom/codes';
import { naturalize, parsePart10 } from '../export/dicom/part10-io';
import { pickStudyHeader } from '../export/dicom/study-header';
import { childNamed, childrenNamed, codeValueOf, conceptOf, isCode, stringOf, type ContentNode } from '../export/sr/content-reader';
import { BM } from '../export/sr/private-codes';
import { restoreMeasurementReport } from '../export/sr/read-measurement-report';
import { requireShallowNesting } from './nesting-depth';
import { decisionCode, TEAM } from './team-codes';
import { isTeamVersion, MAX_TEAM_VERSION } from './team-identity';
import type { WithdrawnLesion } from './publication-snapshot';

/** Who published a document and where: what every publication of the team names. */
export interface PublicationSource {
  /** The document: its workstation, study and reader for findings; its workstation and decision for a decision. */
  documentKey: string;
  workstation: { id: string; name: string };
  reader: { initials: string; name: string | null };
  version: number;
  studyInstanceUid: string;
  seriesInstanceUid: string;
  sopInstanceUid: string;
  /** The Patient and General Study attributes it carried (for publications on a study not here). */
  header: Record<string, unknown>;
  /** The patient and study date it names, for the worklist of a workstation without the study's images. */
  patient: { name: string; id: string; studyDate: string | null };
}

/** A naturalized value as text: a PN's alphabetic group, a list's first value. */
function textOf(value: unknown): string {
  if (Array.isArray(value)) return textOf(value[0]);
  if (value && typeof value === 'object') return String((value as { Alphabetic?: unknown }).Alphabetic ?? '');
  return value === undefined || value === null ? '' : String(value);
}

/** The patient a publication names, as every value from outside is shown: without control characters or bidi overrides. */
function patientOf(header: Record<string, unknown>): PublicationSource['patient'] {
  const date = /^(\d{4})(\d{2})(\d{2})$/.exec(textOf(header.StudyDate).trim());
  return { name: displayableText(textOf(header.PatientName)), id: displayableText(textOf(header.PatientID)), studyDate: date ? `${date[1]}-${date[2]}-${date[3]}` : null };
}

/** A publication of the team as read from the PACS. */
export type TeamPublication =
  | (PublicationSource & { kind: 'findings'; lesions: Lesion[]; annotations: Annotation[]; withdrawn: WithdrawnLesion[] })
  | (PublicationSource & { kind: 'review'; review: Review; lesion: { id: string; trackingUid: string } });

/** "Berg^Anna" -> "Anna Berg": the name as the reader typed it, from the PN the SR holds. */
function typedName(pn: string | undefined): string | null {
  if (!pn?.trim()) return null;
  const [family = '', given = '', middle = ''] = pn.split('=')[0]!.split('^').map((part) => part.trim());
  return [given, middle, family].filter(Boolean).join(' ') || null;
}

function required<T>(value: T | null | undefined, what: string, label: string): T {
  if (value === undefined || value === null || value === '') throw new AppError('unsupported', `${label} names no ${what}: it is not a publication of BoneMet Review's team sync, and was left aside.`);
  return value;
}

/** The deepest nesting of sequences a publication may have: far above the SR trees the team writes. */
const MAX_NESTING = 64;
/** The longest workstation name a publication may give: a host name (RFC 1035: 253 characters) with room to spare. */
const MAX_WORKSTATION_NAME = 255;
/**
 * A reader's name as a publication may give it: as a reader names themselves, but for the backslash
 * (names saved before it was refused are published as saved); never a character that hides or turns around the text shown after it.
 */
const ReceivedReaderNameSchema = ReaderSchema.shape.name.refine((name) => !hidesText(name), 'a control character or a bidi override');
/** The most a publication's patient and study attributes may take as JSON: far above any real header. */
const MAX_HEADER_JSON = 16 * 1024;

/**
 * Refuses what no workstation of the team writes: what a publication names is stored here and shown
 * on every row of its lesions, so a name of a megabyte, or initials no reader can sign in with, would
 * reach the worklist and the exports unchecked.
 */
function checked<T>(schema: z.ZodType<T>, value: unknown, what: string, label: string): T {
  const result = schema.safeParse(value);
  if (!result.success) throw new AppError('unsupported', `${label} names ${what} that no workstation of the team writes (${result.error.issues[0]?.message}): it was left aside.`);
  return result.data;
}

function sourceOf(dataset: ContentNode, label: string, kind: 'findings' | 'review', recordId: string | null): PublicationSource {
  const workstationId = required(uidToUuid(stringOf(childNamed(dataset, TEAM.workstationUid), 'UID') ?? ''), 'publishing workstation', label);
  const initials = checked(ReaderSchema.shape.initials, required(stringOf(childNamed(dataset, SR.personObserverLoginName), 'TextValue'), 'reader', label), 'reader initials', label);
  const version = Number(required(stringOf(childNamed(dataset, TEAM.documentVersion), 'TextValue'), 'version', label));
  if (!isTeamVersion(version)) throw new AppError('unsupported', `${label} names version "${version}", not a version number a workstation of the team writes (1 to ${MAX_TEAM_VERSION}): it was left aside.`);
  const studyInstanceUid = checked(DicomUidSchema, required(stringOf(dataset, 'StudyInstanceUID'), 'study', label), 'a Study Instance UID', label);
  const workstationName = stringOf(childNamed(dataset, TEAM.workstationName), 'TextValue') ?? 'another workstation';
  if (workstationName.length > MAX_WORKSTATION_NAME) throw new AppError('unsupported', `${label} names a workstation name of ${workstationName.length} characters, not a host name: it was left aside.`);
  if (hidesText(workstationName)) throw new AppError('unsupported', `${label} names a workstation name holding control characters or bidi overrides, not a host name: it was left aside.`);
  const header = pickStudyHeader(dataset as never);
  if (JSON.stringify(header).length > MAX_HEADER_JSON) throw new AppError('unsupported', `${label} carries patient and study attributes of more than ${MAX_HEADER_JSON / 1024} KB: it was left aside.`);
  // The name as signed in; a publication of an earlier version has only the Person Name.
  const readerName = stringOf(childNamed(dataset, TEAM.readerName), 'TextValue')?.trim() || typedName(stringOf(childNamed(dataset, SR.personObserverName), 'PersonName'));
  return {
    documentKey: kind === 'findings' ? `${workstationId}/findings/${studyInstanceUid}/${initials}` : `${workstationId}/review/${recordId}`,
    workstation: { id: workstationId, name: workstationName },
    reader: { initials, name: readerName === null ? null : checked(ReceivedReaderNameSchema, readerName, 'a reader name', label) },
    version,
    studyInstanceUid,
    seriesInstanceUid: checked(DicomUidSchema, required(stringOf(dataset, 'SeriesInstanceUID'), 'series', label), 'a Series Instance UID', label),
    sopInstanceUid: checked(DicomUidSchema, required(stringOf(dataset, 'SOPInstanceUID'), 'SOP Instance UID', label), 'a SOP Instance UID', label),
    header,
    patient: patientOf(header),
  };
}

/** The lesions a findings version withdraws (its BM-WITHDRAWN container: a Tracking UID and a record UID each). */
function withdrawnOf(dataset: ContentNode): WithdrawnLesion[] {
  const container = childNamed(dataset, TEAM.withdrawn, 'CONTAINER');
  if (!container) return [];
  const tracking = childrenNamed(container, SR.trackingUid, 'UIDREF').map((n) => stringOf(n, 'UID') ?? '');
  const records = childrenNamed(container, BM.lesionRecordUid, 'UIDREF').map((n) => uidToUuid(stringOf(n, 'UID') ?? ''));
  return tracking.flatMap((trackingUid, i) => (records[i] ? [{ id: records[i]!, trackingUid }] : []));
}

/**
 * A decision document: its JSON record, checked against the standard content beside it (the
 * Tracking UID, the record UID and the coded decision must say the same), as the SR import does.
 */
function readDecision(dataset: ContentNode, label: string): { review: Review; lesion: { id: string; trackingUid: string } } {
  const review = ReviewSchema.parse(JSON.parse(required(stringOf(childNamed(dataset, BM.record, 'TEXT'), 'TextValue'), 'decision record', label)));
  const trackingUid = required(stringOf(childNamed(dataset, SR.trackingUid, 'UIDREF'), 'UID'), 'Tracking Unique Identifier', label);
  const lesionId = uidToUuid(stringOf(childNamed(dataset, BM.lesionRecordUid, 'UIDREF'), 'UID') ?? '');
  const decision = codeValueOf(childNamed(dataset, TEAM.decision, 'CODE') ?? {});
  if (lesionId !== review.lesionId || !isCode(decision, decisionCode(review.decision, ''))) {
    throw new AppError('conflict', `${label}: its structured content disagrees with its decision record (changed by another tool); it was left aside.`);
  }
  return { review, lesion: { id: lesionId, trackingUid } };
}

/**
 * Reads a publication of the team from its Part 10 bytes: a version of a reader's findings (TID
 * 1500, read back as the SR import reads it) or a specialist's decision. Anything else in the
 * team's series is refused ('unsupported'), naming what it is.
 * @param label - what it is, for messages (its SOP Instance UID)
 */
export function readTeamPublication(bytes: Uint8Array, label: string): TeamPublication {
  requireShallowNesting(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), MAX_NESTING, label);
  const dataset = naturalize(parsePart10(bytes, label).dict) as ContentNode;
  const title = conceptOf(dataset);
  if (isCode(title, SR.imagingMeasurementReport)) {
    const report = restoreMeasurementReport(dataset, label);
    const source = sourceOf(dataset, label, 'findings', null);
    const strangers = [...report.lesions, ...report.annotations].filter((r) => r.reader !== source.reader.initials);
    if (strangers.length > 0) throw new AppError('conflict', `${label} is ${source.reader.initials}'s findings but holds records of ${[...new Set(strangers.map((r) => r.reader))].join(', ')}: it was left aside.`);
    return { ...source, kind: 'findings', lesions: report.lesions, annotations: report.annotations, withdrawn: withdrawnOf(dataset) };
  }
  if (isCode(title, TEAM.decisionDocument)) {
    const decision = readDecision(dataset, label);
    const source = sourceOf(dataset, label, 'review', decision.review.id);
    if (decision.review.reviewer !== source.reader.initials) throw new AppError('conflict', `${label} is ${source.reader.initials}'s but holds a decision of ${decision.review.reviewer}: it was left aside.`);
    return { ...source, kind: 'review', ...decision };
  }
  throw new AppError('unsupported', `${label} is neither findings nor a decision of BoneMet Review (document title ${title?.value ?? 'none'}): it was left aside.`);
}
