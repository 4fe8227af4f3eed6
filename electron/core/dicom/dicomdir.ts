import path from 'node:path';
import type { DataSet } from 'dicom-parser';

const MEDIA_STORAGE_DIRECTORY = '1.2.840.10008.1.3.10';

/** True when a dataset is a DICOMDIR (Media Storage Directory), not an instance. */
export function isDicomdir(dataSet: DataSet): boolean {
  return (dataSet.string('x00020002') ?? '').trim() === MEDIA_STORAGE_DIRECTORY || Boolean(dataSet.elements.x00041220);
}

/**
 * The files a DICOMDIR's directory records point at, as absolute paths beside the DICOMDIR.
 * Referenced File IDs are path components separated by backslashes (PS3.10 8.5).
 */
export function dicomdirReferencedFiles(dataSet: DataSet, dicomdirPath: string): string[] {
  const records = dataSet.elements.x00041220?.items ?? [];
  const base = path.dirname(dicomdirPath);
  const files = new Set<string>();
  for (const record of records) {
    const fileId = record.dataSet?.string('x00041500');
    if (!fileId) continue;
    const parts = fileId.split('\\').map((part) => part.trim()).filter((part) => part && part !== '..' && part !== '.');
    if (parts.length > 0) files.add(path.join(base, ...parts));
  }
  return [...files];
}
