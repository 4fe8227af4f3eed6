import path from 'node:path';
import type { DataSet } from 'dicom-parser';

const MEDIA_STORAGE_DIRECTORY = '1.2.840.10008.1.3.10';
/**
 * A File ID component: PS3.10 8.2 allows 8 upper-case letters, digits and underscores; real
 * media also use lower case, dots and hyphens, which are tolerated, but never "." or "..".
 */
const FILE_ID_COMPONENT = /^(?!\.+$)[A-Za-z0-9_.-]{1,64}$/;

/** True when a dataset is a DICOMDIR (Media Storage Directory), not an instance. */
export function isDicomdir(dataSet: DataSet): boolean {
  return (dataSet.string('x00020002') ?? '').trim() === MEDIA_STORAGE_DIRECTORY || Boolean(dataSet.elements.x00041220);
}

/**
 * The files a DICOMDIR's directory records point at, as absolute paths under the DICOMDIR's
 * folder. Referenced File IDs are path components separated by backslashes (PS3.10 8.5); a
 * component that is not a plain name (a slash, "..", a drive) is refused, so that a crafted
 * DICOMDIR cannot send the import outside its own folder.
 */
export function dicomdirReferencedFiles(dataSet: DataSet, dicomdirPath: string): string[] {
  const records = dataSet.elements.x00041220?.items ?? [];
  const base = path.dirname(dicomdirPath);
  const files = new Set<string>();
  for (const record of records) {
    const fileId = record.dataSet?.string('x00041500');
    if (!fileId) continue;
    const parts = fileId.split('\\').map((part) => part.trim()).filter(Boolean);
    if (parts.length === 0 || !parts.every((part) => FILE_ID_COMPONENT.test(part))) continue;
    const target = path.join(base, ...parts);
    if (target.startsWith(base + path.sep)) files.add(target);
  }
  return [...files];
}
