import path from 'node:path';

/** The folder of the data folder that holds what is retrieved from the PACS. */
export const CACHE_FOLDER = 'pacs-cache';

/** The cache's root folder in a data folder. */
export function cacheRoot(dataDir: string): string {
  return path.join(dataDir, CACHE_FOLDER);
}

/** The folder of one cached study: every file of it lies below, and nothing else does. */
export function cachedStudyFolder(root: string, studyInstanceUid: string): string {
  return path.join(root, studyInstanceUid);
}

/** Where one retrieved instance is kept: study/series/SOP Instance UID.dcm (UIDs are digits and dots only). */
export function cachedInstancePath(root: string, studyInstanceUid: string, seriesInstanceUid: string, sopInstanceUid: string): string {
  return path.join(root, studyInstanceUid, seriesInstanceUid, `${sopInstanceUid}.dcm`);
}
