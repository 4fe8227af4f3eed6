import type Database from 'better-sqlite3';
import { AppError } from '@shared/errors';
import { awaitStatus } from '../jobs/await-status';
import type { Handlers } from '@shared/ipc/contract';
import { parseDicomWebTarget } from '../pacs/dicomweb/dicomweb-target';
import { testPacsConnection } from '../pacs/dicomweb/test-connection';
import type { ExportJobs } from '../export/jobs/export-jobs';
import { enqueueChangedFindings } from '../pacs/publication-snapshot';
import { enqueueForNewPacs, enqueueUnpublished } from '../pacs/publication-triggers';
import { clearPacsSettings, pacsSettings, savedAuthHeaderFor, savedCertificateFor, savePacsSettings } from '../settings/pacs-settings-store';
import { writeTransaction } from '../db/write-transaction';

type ExportHandlers = Pick<Handlers, 'export.start' | 'export.status' | 'export.cancel' | 'export.pickFolder' | 'pacs.get' | 'pacs.set' | 'pacs.clear' | 'pacs.test'>;

/**
 * The export job channels and the PACS settings channels.
 * @param pickFolder - the system's own folder dialog, where the door has one (Electron)
 */
export function exportHandlers(db: Database.Database, jobs: ExportJobs, pickFolder?: () => Promise<string[]>): ExportHandlers {
  return {
    'export.start': async (request) => ({ jobId: jobs.start(request) }),
    'export.status': async ({ jobId, waitMs }) => awaitStatus(jobs, jobId, waitMs),
    'export.cancel': async ({ jobId }) => jobs.cancel(jobId),
    'export.pickFolder': async () => {
      if (!pickFolder) throw new AppError('unsupported', 'This window has no system folder dialog: use Browse… to choose the export folder.');
      const [folder] = await pickFolder();
      if (folder) jobs.allowPicked(folder);
      return { path: folder ?? null };
    },
    'pacs.get': async () => pacsSettings(db),
    'pacs.set': async (settings) =>
      // Work recorded before a PACS was set, or changed while none was, is queued for the team with it, all or none;
      // so is what another PACS holds from here, when this one is new.
      writeTransaction(db, () => {
        const saved = savePacsSettings(db, settings);
        enqueueForNewPacs(db, saved.url);
        enqueueUnpublished(db);
        enqueueChangedFindings(db);
        return saved;
      }),
    'pacs.clear': async () => ({ cleared: clearPacsSettings(db) }),
    'pacs.test': async ({ url, authHeader }) => {
      const target = url ?? pacsSettings(db)?.url;
      if (!target) throw new AppError('invalid_request', 'Give the DICOMweb URL to test: no PACS is configured yet.');
      // A header left out means the saved one, but only for the saved server: never send a credential elsewhere.
      const header = authHeader === undefined ? savedAuthHeaderFor(db, target) : authHeader;
      // Likewise the certificate trusted for the saved server only.
      const certificate = savedCertificateFor(db, target);
      return testPacsConnection(parseDicomWebTarget({ url: target, ...(header ? { authorization: header } : {}), ...(certificate ? { trustedCertificate: certificate } : {}) }));
    },
  };
}
