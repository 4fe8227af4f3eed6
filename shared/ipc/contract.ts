import { z } from 'zod';
import { AnalysisJobStatusSchema } from '../analysis/analysis-job';
import { BoneAnalysisRequestSchema } from '../analysis/bone-analysis-request';
import { DicomUidSchema } from '../dicom/uid';
import { StudyDetailSchema, InstanceSummarySchema } from '../dicom/series';
import { StudyQuerySchema, StudySummarySchema } from '../dicom/study';
import { ExportJobRequestSchema, ExportJobStatusSchema } from '../export/export-job';
import { PacsSettingsInputSchema, PacsSettingsSchema, PacsTestRequestSchema, PacsTestResultSchema } from '../export/pacs-settings';
import { FolderListingSchema } from '../files/folder-listing';
import { PacsCacheLimitSchema, PacsCacheSchema } from '../pacs/pacs-cache';
import { PacsSearchPageSchema, PacsSeriesRowSchema, PacsStudyQuerySchema } from '../pacs/pacs-search';
import { RetrieveRequestSchema, RetrieveStatusSchema } from '../pacs/retrieve-job';
import { StudyLeaseRequestSchema, StudyLeaseSchema } from '../pacs/study-lease';
import { ImportJobStatusSchema, ImportReportSchema, ImportSourceSchema, NamedPathSchema } from '../import/import-job';
import { AnnotationSchema, AnnotationToSaveSchema } from '../annotation/annotation';
import { AuditEntrySchema } from '../audit/audit-entry';
import { StoredLesionSchema } from '../lesion/lesion';
import { LesionRevisionSchema, ReadRevisionSchema, StoredScoredLesionSchema } from '../lesion/scored-lesion';
import { OutboxStatusSchema, RecordConflictSchema, SyncReportSchema } from '../pacs/team-sync';
import { ReaderInputSchema, ReaderRecordsSchema, ReaderSchema } from '../reader/reader';
import { LesionScoresSchema } from '../scoring/score-lesion';
import { ListedReviewSchema, ReviewRequestSchema, ReviewSchema } from '../worklist/review';
import { WorklistQuerySchema, WorklistReaderSchema, WorklistSchema } from '../worklist/worklist';

const NoArguments = z.object({}).strict();
const JobIdSchema = z.object({ jobId: z.string().uuid() }).strict();
/** A job's status, optionally after waiting up to waitMs for it to end (a long poll, for doors that wait on a job). */
const JobStatusRequestSchema = z.object({ jobId: z.string().uuid(), waitMs: z.number().int().min(0).max(30_000).optional() }).strict();
/** A retrieve's status may wait for its first slice indexed rather than its end: the viewer opens on it. */
const RetrieveStatusRequestSchema = JobStatusRequestSchema.extend({ until: z.enum(['end', 'first-slice']).optional() }).strict();

/** Facts about the running app that decide what the UI offers. */
export const AppInfoSchema = z.object({
  version: z.string(),
  door: z.enum(['electron', 'browser', 'cli']),
  dataDir: z.string(),
  /** True where the door can show the system's own file dialog (Electron). */
  nativePicker: z.boolean(),
  indexIsEmpty: z.boolean(),
  /** Why the last automatic backup failed, or null when it succeeded or none was due. */
  backupProblem: z.string().nullable(),
  /** Why the audit log does not chain (a row edited or deleted outside the app), or null when it does. */
  auditProblem: z.string().nullable(),
});
export type AppInfo = z.infer<typeof AppInfoSchema>;

/** A past import, as the import history lists it. */
export const ImportRunSchema = z.object({
  runId: z.number().int().positive(),
  startedAt: z.string(),
  /** The files and folders imported, each with its display name. */
  sources: z.array(NamedPathSchema),
  report: ImportReportSchema,
});
export type ImportRun = z.infer<typeof ImportRunSchema>;

/**
 * The one IPC contract: channel name -> request and response schema.
 * Every door (Electron IPC, loopback HTTP, CLI) opens exactly these channels.
 */
export const contract = {
  'app.info': { request: NoArguments, response: AppInfoSchema },
  /** A checked backup of the database now (refused while the audit log does not chain), and the backups kept. */
  'backup.create': { request: NoArguments, response: z.object({ file: z.string() }) },
  'backup.list': { request: NoArguments, response: z.object({ files: z.array(z.string()) }) },
  'studies.search': { request: StudyQuerySchema, response: z.array(StudySummarySchema) },
  'studies.get': { request: z.object({ studyInstanceUid: DicomUidSchema }).strict(), response: StudyDetailSchema },
  'studies.remove': {
    request: z.object({ studyInstanceUid: DicomUidSchema }).strict(),
    response: z.object({ removedInstances: z.number().int().nonnegative() }),
  },
  /** Held while a viewer shows the study (renewed within its leaseMs): the PACS cache never evicts it meanwhile, whichever door evicts. */
  'studies.lease': { request: StudyLeaseRequestSchema, response: StudyLeaseSchema },
  /** The viewer closed the study: its hold ends at once. */
  'studies.release': { request: StudyLeaseRequestSchema, response: z.object({ released: z.boolean() }) },
  'series.instances': {
    request: z.object({ seriesInstanceUid: DicomUidSchema }).strict(),
    response: z.array(InstanceSummarySchema),
  },
  'import.start': { request: ImportSourceSchema, response: z.object({ jobId: z.string() }) },
  'import.pick': {
    request: z.object({ kind: z.enum(['folder', 'files']) }).strict(),
    response: z.object({ jobId: z.string().nullable() }),
  },
  'import.status': { request: JobStatusRequestSchema, response: ImportJobStatusSchema },
  'import.cancel': { request: JobIdSchema, response: ImportJobStatusSchema },
  'import.history': {
    request: z.object({ limit: z.number().int().min(1).max(100).optional() }).strict(),
    response: z.array(ImportRunSchema),
  },
  'demo.load': { request: NoArguments, response: z.object({ jobId: z.string() }) },
  'files.browse': {
    request: z.object({ path: z.string().max(4096).optional() }).strict(),
    response: FolderListingSchema,
  },
  'reader.get': { request: NoArguments, response: ReaderSchema.nullable() },
  'reader.set': { request: ReaderInputSchema, response: ReaderSchema },
  'reader.records': { request: z.object({ initials: ReaderSchema.shape.initials }).strict(), response: ReaderRecordsSchema },
  'lesions.list': {
    request: z.object({ studyInstanceUid: DicomUidSchema.optional(), allReaders: z.boolean().optional() }).strict(),
    response: z.array(StoredScoredLesionSchema),
  },
  'lesions.get': { request: z.object({ id: z.uuid() }).strict(), response: StoredScoredLesionSchema },
  /** `revision`: what the lesion was read at (null: a new one); refused ('stale') when it was saved since. Absent: not checked. */
  'lesions.save': { request: z.object({ lesion: StoredLesionSchema, revision: ReadRevisionSchema.optional() }).strict(), response: StoredScoredLesionSchema },
  /** Several lesions saved all or none, in one transaction; `revisions` by lesion id as in lesions.save (a lesion not named is not checked). */
  'lesions.saveAll': {
    request: z.object({ lesions: z.array(StoredLesionSchema).min(1).max(10_000), revisions: z.record(z.uuid(), ReadRevisionSchema).optional() }).strict(),
    response: z.array(StoredScoredLesionSchema),
  },
  'lesions.delete': { request: z.object({ id: z.uuid(), revision: LesionRevisionSchema.optional() }).strict(), response: z.object({ deleted: z.literal(true) }) },
  /** Restores the reader's own lesions and drawings from an SR this app wrote (a file the user names, confined to the roots). */
  'lesions.importSr': {
    request: z.object({ path: z.string().min(1).max(4096), replace: z.boolean().optional() }).strict(),
    response: z.object({ studyInstanceUid: DicomUidSchema, lesions: z.number().int().nonnegative(), annotations: z.number().int().nonnegative() }),
  },
  'lesions.score': { request: z.object({ lesions: z.array(StoredLesionSchema).max(10_000) }).strict(), response: z.array(LesionScoresSchema) },
  'annotations.list': {
    request: z.object({ studyInstanceUid: DicomUidSchema, allReaders: z.boolean().optional() }).strict(),
    response: z.array(AnnotationSchema),
  },
  'annotations.save': { request: z.object({ annotation: AnnotationToSaveSchema }).strict(), response: AnnotationSchema },
  'annotations.delete': { request: z.object({ id: z.uuid() }).strict(), response: z.object({ deleted: z.literal(true) }) },
  'worklist.get': { request: WorklistQuerySchema, response: WorklistSchema },
  'worklist.markVisited': { request: NoArguments, response: z.object({ lastVisit: z.string() }) },
  'worklist.readers': { request: NoArguments, response: z.array(WorklistReaderSchema) },
  'reviews.list': { request: z.object({ lesionId: z.uuid() }).strict(), response: z.array(ListedReviewSchema) },
  /** `lesionRevision`: what the lesion was read at when decided on; refused ('stale') when it was saved since. Absent: not checked. */
  'reviews.save': { request: z.object({ review: ReviewRequestSchema, lesionRevision: LesionRevisionSchema.optional() }).strict(), response: ReviewSchema },
  'audit.trail': { request: z.object({ entityId: z.string().min(1).max(100) }).strict(), response: z.array(AuditEntrySchema) },
  'export.start': { request: ExportJobRequestSchema, response: z.object({ jobId: z.string() }) },
  'export.status': { request: JobStatusRequestSchema, response: ExportJobStatusSchema },
  'export.cancel': { request: JobIdSchema, response: ExportJobStatusSchema },
  'export.pickFolder': { request: NoArguments, response: z.object({ path: z.string().nullable() }) },
  'pacs.get': { request: NoArguments, response: PacsSettingsSchema.nullable() },
  'pacs.set': { request: PacsSettingsInputSchema, response: PacsSettingsSchema },
  'pacs.clear': { request: NoArguments, response: z.object({ cleared: z.boolean() }) },
  'pacs.test': { request: PacsTestRequestSchema, response: PacsTestResultSchema },
  /** One page of the configured PACS's studies matching the study browser's filters (QIDO-RS). */
  'pacs.search': { request: PacsStudyQuerySchema, response: PacsSearchPageSchema },
  'pacs.series': { request: z.object({ studyInstanceUid: DicomUidSchema }).strict(), response: z.array(PacsSeriesRowSchema) },
  /** Retrieves a study or series into the workstation's cache (WADO-RS), indexed as it arrives. */
  'pacs.retrieve': { request: RetrieveRequestSchema, response: z.object({ jobId: z.string() }) },
  'pacs.retrieveStatus': { request: RetrieveStatusRequestSchema, response: RetrieveStatusSchema },
  'pacs.retrieveCancel': { request: JobIdSchema, response: RetrieveStatusSchema },
  'pacs.retrieveShown': { request: JobIdSchema, response: RetrieveStatusSchema },
  'pacs.cache': { request: NoArguments, response: PacsCacheSchema },
  /** Sets the cache's size limit, evicting least recently opened studies at once to fit it. */
  'pacs.setCacheLimit': { request: PacsCacheLimitSchema, response: PacsCacheSchema },
  /** Sync now: every waiting publication sent (backoff or not), then the team's new publications fetched. */
  'pacs.sync': { request: NoArguments, response: SyncReportSchema },
  /** What waits to be sent to the PACS, and why. */
  'pacs.outbox': { request: NoArguments, response: OutboxStatusSchema },
  /** Versions of records (a lesion and its drawings) received from elsewhere that differ from the ones kept here. */
  'pacs.conflicts': { request: z.object({ entityIds: z.array(z.string().min(1).max(100)).min(1).max(1000) }).strict(), response: z.array(RecordConflictSchema) },
  'analysis.start': { request: BoneAnalysisRequestSchema, response: z.object({ jobId: z.string() }) },
  'analysis.status': { request: JobStatusRequestSchema, response: AnalysisJobStatusSchema },
  'analysis.cancel': { request: JobIdSchema, response: AnalysisJobStatusSchema },
} as const;

export type Contract = typeof contract;
export type Channel = keyof Contract;
export type RequestOf<C extends Channel> = z.input<Contract[C]['request']>;
export type ParsedRequestOf<C extends Channel> = z.output<Contract[C]['request']>;
export type ResponseOf<C extends Channel> = z.output<Contract[C]['response']>;

/** The channel names, for allow-lists in the preload and the host. */
export const channels = Object.keys(contract) as Channel[];

/** True when a string names a channel of the contract. */
export function isChannel(name: string): name is Channel {
  return Object.prototype.hasOwnProperty.call(contract, name);
}

/** The implementation of every channel: what core provides and every door calls. */
export type Handlers = { [C in Channel]: (request: ParsedRequestOf<C>) => Promise<ResponseOf<C>> };
