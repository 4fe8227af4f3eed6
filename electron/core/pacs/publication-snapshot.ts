import type Database from 'better-sqlite3';
import { z } from 'zod';
import { StoredAnnotationSchema } from '@shared/annotation/annotation';
import { DicomUidSchema } from '@shared/dicom/uid';
import { StoredLesionSchema } from '@shared/lesion/lesion';
import { ReviewSchema } from '@shared/worklist/review';
import { noteLesionChange } from './publication-triggers';
import { contentHash, derivedUid, teamSeriesUid, type PublishingWorkstation } from './team-identity';

const ReaderRefSchema = z.object({ initials: z.string(), name: z.string() });

/** Where and as what a document is published: common to findings and decisions. */
const DocumentPlace = {
  studyInstanceUid: DicomUidSchema,
  reader: ReaderRefSchema,
  workstation: z.object({ id: z.string(), name: z.string() }),
  version: z.number().int().positive(),
  instanceNumber: z.number().int().positive(),
  seriesInstanceUid: DicomUidSchema,
  sopInstanceUid: DicomUidSchema,
  /** When the content was fixed: the document's creation and content date. */
  at: z.iso.datetime({ offset: true }),
};

/** A lesion a version withdraws: published before, deleted or made a draft again since. */
export const WithdrawnLesionSchema = z.object({ id: z.uuid(), trackingUid: DicomUidSchema });
export type WithdrawnLesion = z.infer<typeof WithdrawnLesionSchema>;

/** The fixed content of one version of a reader's findings on a study: their final lesions and those lesions' drawings. */
export const FindingsSnapshotSchema = z.object({
  kind: z.literal('findings'),
  ...DocumentPlace,
  /** The SOP Instance UID of the version this one replaces (Predecessor Documents Sequence). */
  predecessor: DicomUidSchema.nullable(),
  lesions: z.array(StoredLesionSchema),
  annotations: z.array(StoredAnnotationSchema),
  withdrawn: z.array(WithdrawnLesionSchema),
});
export type FindingsSnapshot = z.infer<typeof FindingsSnapshotSchema>;

/** The fixed content of a decision document: the review and the lesion it decides on. */
export const ReviewSnapshotSchema = z.object({
  kind: z.literal('review'),
  ...DocumentPlace,
  review: ReviewSchema,
  lesion: z.object({ id: z.uuid(), trackingUid: DicomUidSchema, reader: z.string() }),
});
export type ReviewSnapshot = z.infer<typeof ReviewSnapshotSchema>;

export const PublicationSnapshotSchema = z.discriminatedUnion('kind', [FindingsSnapshotSchema, ReviewSnapshotSchema]);
export type PublicationSnapshot = z.infer<typeof PublicationSnapshotSchema>;

/** A document as this workstation last fixed it (pacs_documents). */
interface DocumentRow {
  version: number;
  instance_number: number;
  sop_instance_uid: string;
  content_hash: string;
  lesions: string;
}

/** What a publication waiting in the outbox names (pacs_outbox). */
export interface OpenPublication {
  kind: 'findings' | 'review';
  study_uid: string;
  reader: string;
  record_id: string;
  /** 'new-pacs': the document's last version sent again to a PACS that lacks it (a new version when its content was not kept). */
  purpose?: 'change' | 'new-pacs';
}

/** Who publishes a document, from where, in which series, as which version and instance. */
function documentPlace(
  db: Database.Database, publication: OpenPublication, workstation: PublishingWorkstation, at: string,
  numbers: { version: number; instanceNumber: number; sopInstanceUid: string },
) {
  const name = db.prepare('SELECT name FROM readers WHERE initials = ?').pluck().get(publication.reader) as string | undefined;
  const reader = { initials: publication.reader, name: name ?? publication.reader };
  return { studyInstanceUid: publication.study_uid, reader, workstation, ...numbers, seriesInstanceUid: teamSeriesUid(publication.study_uid, reader), at };
}

function documentRow(db: Database.Database, publication: OpenPublication): DocumentRow | undefined {
  return db
    .prepare('SELECT version, instance_number, sop_instance_uid, content_hash, lesions FROM pacs_documents WHERE kind = ? AND study_uid = ? AND reader = ? AND record_id = ?')
    .get(publication.kind, publication.study_uid, publication.reader, publication.record_id) as DocumentRow | undefined;
}

/** Records a version fixed as its document's last (not sent anywhere yet): its numbers, its content and the lesions the team may hold from it. */
function recordDocument(db: Database.Database, publication: OpenPublication, snapshot: PublicationSnapshot, hash: string, lesions: WithdrawnLesion[]): void {
  db.prepare(
    `INSERT INTO pacs_documents (kind, study_uid, reader, record_id, version, instance_number, sop_instance_uid, content_hash, lesions, snapshot, sent_to) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)
     ON CONFLICT DO UPDATE SET version = excluded.version, instance_number = excluded.instance_number, sop_instance_uid = excluded.sop_instance_uid,
       content_hash = excluded.content_hash, lesions = excluded.lesions, snapshot = excluded.snapshot, sent_to = NULL`,
  ).run(publication.kind, publication.study_uid, publication.reader, publication.record_id, snapshot.version, snapshot.instanceNumber, snapshot.sopInstanceUid, hash, JSON.stringify(lesions), JSON.stringify(snapshot));
}

/**
 * The SOP Instance UID of a version of a reader's findings: derived from the workstation, the
 * study, the reader, the version and the content, so that a resend of one version stores nothing twice.
 */
export function findingsSopInstanceUid(snapshot: Pick<FindingsSnapshot, 'workstation' | 'studyInstanceUid' | 'reader' | 'version' | 'lesions' | 'annotations' | 'withdrawn'>): string {
  const { lesions, annotations, withdrawn } = snapshot;
  return derivedUid('findings', snapshot.workstation.id, snapshot.studyInstanceUid, snapshot.reader.initials, String(snapshot.version), contentHash({ lesions, annotations, withdrawn }));
}

/** What a reader's findings on a study hold now: their final lesions recorded here and those lesions' drawings. */
export function findingsContent(db: Database.Database, publication: Pick<OpenPublication, 'study_uid' | 'reader'>) {
  const lesions = (db.prepare("SELECT record FROM lesions WHERE study_uid = ? AND reader = ? AND status = 'final' AND origin IS NULL ORDER BY created_at, id").pluck().all(publication.study_uid, publication.reader) as string[])
    .map((r) => StoredLesionSchema.parse(JSON.parse(r)));
  const ids = new Set(lesions.map((l) => l.id));
  const annotations = (db.prepare('SELECT record FROM annotations WHERE study_uid = ? AND reader = ? AND origin IS NULL ORDER BY rowid').pluck().all(publication.study_uid, publication.reader) as string[])
    .map((r) => StoredAnnotationSchema.parse(JSON.parse(r)))
    .filter((a) => a.lesionId !== null && ids.has(a.lesionId));
  return { lesions, annotations };
}

/**
 * Queues (in the caller's transaction) the findings documents whose content here is no longer that of
 * their last version fixed: changed, or withdrawn, while no PACS was set (nothing was queued then).
 */
export function enqueueChangedFindings(db: Database.Database): void {
  const documents = db.prepare("SELECT study_uid, reader, content_hash FROM pacs_documents WHERE kind = 'findings'").all() as { study_uid: string; reader: string; content_hash: string }[];
  for (const document of documents) {
    if (contentHash(findingsContent(db, document)) !== document.content_hash) noteLesionChange(db, document.study_uid, document.reader, true);
  }
}

/**
 * The lesions the team may hold from a reader's document, which a new version withdraws unless it
 * holds them: those of the last version fixed, or, when that version is superseded unsent, both its
 * lesions and those it withdrew (the version before it, which the team may hold, had them).
 */
function lesionsTheTeamMayHold(last: DocumentRow | undefined, superseded: FindingsSnapshot | undefined): WithdrawnLesion[] {
  if (superseded) return [...new Map([...superseded.lesions, ...superseded.withdrawn].map((l) => [l.id, { id: l.id, trackingUid: l.trackingUid }])).values()];
  return last ? (JSON.parse(last.lesions) as WithdrawnLesion[]) : [];
}

/**
 * Fixes the next version of a reader's findings on a study from what is stored now (in the
 * caller's transaction): their final lesions recorded here, those lesions' drawings, and the
 * lesions the last version held that this one no longer does (withdrawn). Null when there is
 * nothing new to say: the same lesions and drawings as the last version, or no lesion ever published.
 */
function findingsSnapshot(db: Database.Database, publication: OpenPublication, workstation: PublishingWorkstation, at: string, superseded?: FindingsSnapshot): FindingsSnapshot | null {
  const { lesions, annotations } = findingsContent(db, publication);
  const ids = new Set(lesions.map((l) => l.id));
  const last = documentRow(db, publication);
  const hash = contentHash({ lesions, annotations });
  // A document sent again to a new PACS whose last content was not kept goes as a new version, though unchanged.
  if (last ? last.content_hash === hash && publication.purpose !== 'new-pacs' : lesions.length === 0) return null;
  const withdrawn = lesionsTheTeamMayHold(last, superseded).filter((p) => !ids.has(p.id));
  const version = (last?.version ?? 0) + 1;
  const place = documentPlace(db, publication, workstation, at, { version, instanceNumber: version, sopInstanceUid: '' });
  const snapshot: FindingsSnapshot = {
    kind: 'findings',
    ...place,
    sopInstanceUid: findingsSopInstanceUid({ ...place, lesions, annotations, withdrawn }),
    // A version superseded unsent is no predecessor: the chain goes to the one before it, which the PACS may hold.
    predecessor: superseded ? superseded.predecessor : (last?.sop_instance_uid ?? null),
    lesions,
    annotations,
    withdrawn,
  };
  recordDocument(db, publication, snapshot, hash, lesions.map((l) => ({ id: l.id, trackingUid: l.trackingUid })));
  return snapshot;
}

/** Fixes a decision document (in the caller's transaction); null when the decision went with its lesion. */
function reviewSnapshot(db: Database.Database, publication: OpenPublication, workstation: PublishingWorkstation, at: string): ReviewSnapshot | null {
  const record = db.prepare('SELECT record FROM reviews WHERE id = ? AND origin IS NULL').pluck().get(publication.record_id) as string | undefined;
  if (record === undefined) return null;
  const review = ReviewSchema.parse(JSON.parse(record));
  const lesion = db.prepare('SELECT id, tracking_uid AS trackingUid, reader FROM lesions WHERE id = ?').get(review.lesionId) as ReviewSnapshot['lesion'] | undefined;
  if (!lesion) return null;
  const earlier = db.prepare("SELECT COUNT(*) FROM pacs_documents WHERE kind = 'review' AND study_uid = ? AND reader = ?").pluck().get(publication.study_uid, publication.reader) as number;
  const snapshot: ReviewSnapshot = {
    kind: 'review',
    // Decisions are never changed: each is version 1, numbered in its reviewer's series in the order published.
    ...documentPlace(db, publication, workstation, at, { version: 1, instanceNumber: earlier + 1, sopInstanceUid: derivedUid('review', workstation.id, review.id) }),
    review,
    lesion,
  };
  recordDocument(db, publication, snapshot, contentHash(review), []);
  return snapshot;
}

/**
 * The content a waiting publication is sent with, fixed now (in the caller's transaction) and
 * recorded as its document's newest version; null when there is nothing to publish after all.
 * @param superseded - the earlier version of the findings this one takes the place of, never stored on the PACS
 */
export function fixPublication(
  db: Database.Database, publication: OpenPublication, workstation: PublishingWorkstation, at = new Date().toISOString(), superseded?: FindingsSnapshot,
): PublicationSnapshot | null {
  return publication.kind === 'findings' ? findingsSnapshot(db, publication, workstation, at, superseded) : reviewSnapshot(db, publication, workstation, at);
}
