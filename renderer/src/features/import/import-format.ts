/** Ends of paths that the host stores uploads under: <dataDir>/uploads/<uuid>/<name>. */
const UPLOAD_PREFIX = /^.*[\\/]uploads[\\/][0-9a-f-]{36}[\\/]/;

/**
 * A reported file's path as the report shows it: uploaded files by their name, others in full.
 * @param path - the path the host reported
 */
export function displayPath(path: string): string {
  return path.replace(UPLOAD_PREFIX, '');
}

/** An import source as history shows it: a folder's path, or "uploaded files" for a drop. */
export function displaySource(source: string): string {
  return /[\\/]uploads[\\/][0-9a-f-]{36}[\\/]?$/.test(source) ? 'uploaded files' : source;
}

/** A rate such as "123 files/s", or an empty string before there is one. */
export function formatRate(filesPerSecond: number): string {
  if (!(filesPerSecond > 0)) return '';
  return `${filesPerSecond >= 100 ? Math.round(filesPerSecond) : filesPerSecond.toFixed(1)} files/s`;
}
