import fs from 'node:fs';
import { DicomUidSchema } from '@shared/dicom/uid';
import { AppError } from '@shared/errors';
import { cachedInstancePath } from '../cache/cache-folder';
import type { ArrivedFile, RemoteInstance } from '../pacs-transport';
import { arrivedIdentity } from '../part10-identity';
import type { CachedFile } from './cache-indexer';

const isUid = (uid: string) => DicomUidSchema.safeParse(uid).success;

/**
 * Writes one retrieved file into the cache whole: under a temporary name, renamed once written,
 * so that an interrupted write never leaves a partial file where an instance is expected. A file
 * that is not the instance asked for is refused at once, before anything is written.
 */
export function writeCachedFile(root: string, requested: RemoteInstance, file: ArrivedFile, url: string): Promise<CachedFile> {
  const found = arrivedIdentity(file);
  const sop = found.sopInstanceUid;
  if (sop !== requested.sopInstanceUid) {
    return Promise.reject(new AppError('io_error', `Retrieving from the PACS failed: ${url} sent ${sop ? `instance ${sop}` : 'a file without a SOP Instance UID'} when instance ${requested.sopInstanceUid} was asked for. Nothing of it was kept.`));
  }
  if (found.studyInstanceUid !== requested.studyInstanceUid || found.seriesInstanceUid !== requested.seriesInstanceUid) {
    return Promise.reject(new AppError('io_error', `Retrieving from the PACS failed: ${url} sent instance ${sop} of series ${found.seriesInstanceUid || '(none)'} in study ${found.studyInstanceUid || '(none)'} when series ${requested.seriesInstanceUid} of study ${requested.studyInstanceUid} was asked for. Nothing of it was kept.`));
  }
  // The UIDs name folders and files: digits and dots, 64 at most, whatever a server listed or sent
  // (a longer one is no UID, and a name the file system may not hold).
  if (![requested.studyInstanceUid, requested.seriesInstanceUid, sop].every(isUid)) {
    return Promise.reject(new AppError('io_error', `Retrieving from the PACS failed: ${url} listed or sent an instance whose UIDs are not DICOM UIDs (digits and dots, 64 at most). Nothing of it was kept.`));
  }
  const target = cachedInstancePath(root, requested.studyInstanceUid, requested.seriesInstanceUid, sop);
  const cached: CachedFile = { path: target, sopInstanceUid: sop, seriesInstanceUid: requested.seriesInstanceUid, bytes: file.size, head: file.head };
  return writeWhole(target, file).then(() => cached);
}

/**
 * The pieces of a file in one gathering write to `${target}.part`, then renamed to `target`: four
 * calls on libuv's threads, through the callback API (each promise-API step costs more than the write
 * of a 0.5 MB slice), while the main thread goes on reading the PACS.
 */
function writeWhole(target: string, file: ArrivedFile): Promise<void> {
  const temporary = `${target}.part`;
  return new Promise((resolve, reject) => {
    const fail = (error: NodeJS.ErrnoException) =>
      fs.rm(temporary, { force: true }, () =>
        reject(new AppError('io_error', `Writing a retrieved instance to the cache failed (${error.code ?? error.message}): free disk space in the data folder, then retrieve again.`, { cause: error })),
      );
    fs.open(temporary, 'w', (opened, fd) => {
      if (opened) return fail(opened);
      fs.writev(fd, file.chunks as Uint8Array[], (wrote, written) => {
        fs.close(fd, (closed) => {
          const error = wrote ?? closed ?? (written !== file.size ? new Error(`${written} of ${file.size} bytes written`) : null);
          if (error) return fail(error);
          fs.rename(temporary, target, (renamed) => (renamed ? fail(renamed) : resolve()));
        });
      });
    });
  });
}
