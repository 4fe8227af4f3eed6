import type Database from 'better-sqlite3';
import { AppError } from '@shared/errors';
import type { AppInfo, Handlers } from '@shared/ipc/contract';
import { AnalysisJobs } from './analysis/jobs/analysis-jobs';
import { workerAnalysisRunner, type AnalysisRunner } from './analysis/jobs/analysis-runners';
import { startAutomaticBackups } from './db/automatic-backups';
import { openDatabase } from './db/open-database';
import { refreshLesionSummaries } from './lesions/lesion-rows';
import { auditChainProblem, checkAuditChain } from './lesions/audit-chain';
import { loadDemoStudy } from './demo/demo-study';
import { ExportJobs } from './export/jobs/export-jobs';
import { analysisHandlers } from './handlers/analysis-handlers';
import { dicomIndexHandlers } from './handlers/dicom-index-handlers';
import { exportHandlers } from './handlers/export-handlers';
import { importHandlers } from './handlers/import-handlers';
import { lesionHandlers } from './handlers/lesion-handlers';
import { backupHandlers } from './handlers/backup-handlers';
import { markingOpenedStudies, pacsHandlers } from './handlers/pacs-handlers';
import { pacsSyncHandlers } from './handlers/pacs-sync-handlers';
import { openIndexedFile, type IndexedFileAnswer } from './index/indexed-file';
import { worklistHandlers } from './handlers/worklist-handlers';
import { indexIsEmpty } from './index/study-queries';
import { ImportJobs } from './importer/import-jobs';
import type { ImportRunner } from './importer/import-runners';
import { cacheRoot } from './pacs/cache/cache-folder';
import { configuredTransport } from './pacs/configured-transport';
import { RetrieveJobs } from './pacs/retrieve/retrieve-jobs';
import { TeamSync } from './pacs/team-sync';

/** How the core is opened: by which door, on which data folder, with which import runner and dialogs. */
export interface CoreOptions {
  dataDir: string;
  door: AppInfo['door'];
  version: string;
  roots: readonly string[];
  importRunner: ImportRunner;
  /** Where bone analyses run: a worker thread per job by default (Electron passes its bundle's worker factory). */
  analysisRunner?: AnalysisRunner;
  pickPaths?: (kind: 'folder' | 'files') => Promise<string[]>;
  /** Daily rotating backups while the app runs (the app doors; a one-shot CLI command needs none). */
  automaticBackups?: boolean;
  /** The team's sync on a timer while the app runs (the app doors; a one-shot command syncs on `sync`). */
  teamSync?: boolean;
}

/**
 * The app's core as the doors see it: the handler of every channel, and the one thing that travels
 * outside the contract, an instance's file for the pixel schemes. Its database stays inside.
 */
export interface AppCore {
  handlers: Handlers;
  /** The file behind an indexed instance, if it is still the one imported (the pixel doors serve it). */
  instanceFile(instanceId: number): IndexedFileAnswer;
  close(): void;
}

/** The parts behind the handlers, for tests and benchmarks that look at what the handlers did; no door reads them (lint). */
export interface CoreInternals {
  db: Database.Database;
  importJobs: ImportJobs;
  analysisJobs: AnalysisJobs;
  /** The retrieves from the PACS of this session. */
  pacsRetrieves: RetrieveJobs;
  /** Publishing to and fetching from the team's PACS. */
  teamSync: TeamSync;
}

const INTERNALS = new WeakMap<AppCore, CoreInternals>();

/** The database and job managers behind a core, for tests and benchmarks only. */
export function coreInternals(core: AppCore): CoreInternals {
  const internals = INTERNALS.get(core);
  if (!internals) throw new Error('not a core made by createAppCore');
  return internals;
}

/**
 * Why the audit log does not chain, as the user is told at start, or null. Never fatal: the app
 * starts and works; only the trail of what was saved is in doubt.
 */
function startupAuditProblem(db: Database.Database): string | null {
  let problem: string | null;
  try {
    problem = auditChainProblem(checkAuditChain(db), 'this database');
  } catch (error) {
    problem = `The audit log of this database could not be checked: ${(error as Error).message}.`;
  }
  if (problem === null) return null;
  const told = `${problem} The app goes on working and recording, but backups are refused until the log chains again: restore the newest backup whose log chains (npm run bonemet -- backup --list, then restore <file>, with the app closed).`;
  console.error(told);
  return told;
}

/** A failed automatic backup as the user is told: why, that nothing saved is harmed, and what to do. */
function automaticBackupProblem(error: unknown, dataDir: string): string {
  const reason = (error as Error).message.replace(/\.$/, '');
  // A refusal of the database itself (an audit log that does not chain) already says what to do.
  const advice = error instanceof AppError && error.code === 'database_error' ? '' : `: free disk space or check the data folder ${dataDir}`;
  return `The automatic backup of the database failed: ${reason}. What is saved is unharmed, but has no fresh backup${advice}.`;
}

/** Opens the data folder and assembles every channel's handler; each door calls this once. */
export function createAppCore(options: CoreOptions): AppCore {
  const db = openDatabase(options.dataDir);
  // Lesions stored under an older rule set (or before summaries were stored) are scored again once, here.
  refreshLesionSummaries(db);
  // Told to the user through app.info: in the desktop app nobody reads the console.
  let backupProblem: string | null = null;
  // The app checks its audit log at start; a one-shot command does not pay for it (backup does).
  const auditProblem = options.door === 'cli' ? null : startupAuditProblem(db);
  const jobs = new ImportJobs(options.dataDir, options.importRunner);
  const analysisJobs = new AnalysisJobs(db, options.analysisRunner ?? workerAnalysisRunner());
  const teamSync = new TeamSync(db, options.version);
  const pacsCacheRoot = cacheRoot(options.dataDir);
  const pacsRetrieves: RetrieveJobs = new RetrieveJobs(() => ({ db, cacheRoot: pacsCacheRoot, transport: configuredTransport(db), busyStudies: () => pacsRetrieves.runningStudies() }));
  const indexHandlers = dicomIndexHandlers(db);
  const handlers: Handlers = {
    'app.info': async () => ({
      version: options.version,
      door: options.door,
      dataDir: options.dataDir,
      nativePicker: Boolean(options.pickPaths),
      indexIsEmpty: indexIsEmpty(db),
      backupProblem,
      auditProblem,
    }),
    ...indexHandlers,
    'studies.get': markingOpenedStudies(db, indexHandlers['studies.get']),
    ...lesionHandlers(db, options.roots),
    ...backupHandlers(db, options.dataDir),
    ...worklistHandlers(db),
    ...exportHandlers(
      db,
      new ExportJobs({ db, dataDir: options.dataDir, roots: options.roots, appVersion: options.version }),
      options.pickPaths && (() => options.pickPaths!('folder')),
    ),
    ...importHandlers({ db, dataDir: options.dataDir, jobs, roots: options.roots, pickPaths: options.pickPaths }),
    'demo.load': async () => ({ jobId: jobs.start([await loadDemoStudy(options.dataDir)]) }),
    ...analysisHandlers(analysisJobs),
    ...pacsSyncHandlers(db, teamSync),
    ...pacsHandlers({ db, cacheRoot: pacsCacheRoot, retrieves: pacsRetrieves }),
  };
  if (options.teamSync) teamSync.start();
  const stopBackups = options.automaticBackups
    ? startAutomaticBackups(db, options.dataDir, (error) => {
        backupProblem = error ? automaticBackupProblem(error, options.dataDir) : null;
        if (error) console.error(backupProblem);
      })
    : () => {};
  const core: AppCore = {
    handlers,
    instanceFile: (instanceId) => openIndexedFile(db, instanceId),
    close: () => {
      teamSync.stop();
      stopBackups();
      db.close();
    },
  };
  INTERNALS.set(core, { db, importJobs: jobs, analysisJobs, pacsRetrieves, teamSync });
  return core;
}
