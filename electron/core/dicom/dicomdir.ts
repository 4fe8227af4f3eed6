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

/** A Referenced File ID a DICOMDIR lists that the import does not follow, and why, in words for the report. */
export interface RefusedFileId {
  fileId: string;
  reason: string;
}

/**
 * The files a DICOMDIR's directory records point at, as absolute paths under the DICOMDIR's
 * folder, and the File IDs not followed. Referenced File IDs are path components separated by
 * backslashes (PS3.10 8.5); one with a component that is not a plain name (a slash, "..", a
 * drive) is refused, so that a crafted DICOMDIR cannot send the import outside its own folder,
 * and named in `refused`, so that the report accounts for every file the DICOMDIR lists.
 */
export function dicomdirReferencedFiles(dataSet: DataSet, dicomdirPath: string): { files: string[]; refused: RefusedFileId[] } {
  const records = dataSet.elements.x00041220?.items ?? [];
  const base = path.dirname(dicomdirPath);
  const files = new Set<string>();
  const refused: RefusedFileId[] = [];
  for (const record of records) {
    const fileId = record.dataSet?.string('x00041500');
    if (!fileId) continue;
    const parts = fileId.split('\\').map((part) => part.trim()).filter(Boolean);
    const shown = parts.join('\\') || fileId;
    if (parts.some((part) => /^\.+$/.test(part))) {
      refused.push({ fileId: shown, reason: `which would lead out of the DICOMDIR's folder ${base}: not followed (import that file or its folder itself)` });
      continue;
    }
    const target = parts.length > 0 && parts.every((part) => FILE_ID_COMPONENT.test(part)) ? path.join(base, ...parts) : null;
    if (target === null || !target.startsWith(base + path.sep)) {
      refused.push({ fileId: shown, reason: NOT_A_FILE_ID });
      continue;
    }
    files.add(target);
  }
  return { files: [...files], refused };
}

const NOT_A_FILE_ID =
  "which is not a valid File ID (PS3.10 8.2: letters, digits and underscores, separated by backslashes): not followed (import the DICOMDIR's folder to read every file in it)";
