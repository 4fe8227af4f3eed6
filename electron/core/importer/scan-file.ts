import type { InstanceHeader } from '../dicom/instance-header';
import { extractInstanceHeader } from '../dicom/instance-header';
import { dicomdirReferencedFiles, isDicomdir, type RefusedFileId } from '../dicom/dicomdir';
import { impossibleFrameCount } from '../dicom/frame-count';
import { describeHeaderError } from '../dicom/header-errors';
import { readDicomHeader } from '../dicom/read-header';
import type { FoundFile } from './file-walk';
import { errnoCode, foundFileUnreadable } from './found-file-errors';

/** What reading one file's header concluded: an instance, a DICOMDIR, or why neither. */
export type FileScan =
  | { kind: 'instance'; header: InstanceHeader }
  | { kind: 'dicomdir'; referenced: string[]; refused: RefusedFileId[] }
  | { kind: 'reported'; reason: string }
  /** The file could not be opened or read (gone, no permission): nothing is known of its content, so nothing of it is kept and the next import reads it again. */
  | { kind: 'unreadable'; reason: string };

/**
 * Reads one file's header and classifies it; never throws, since a bad file must not stop an import.
 * `firstBytes`: the file's first bytes when the caller holds them (see readDicomHeader).
 */
export function scanFile(file: FoundFile, firstBytes?: Uint8Array): FileScan {
  try {
    const read = readDicomHeader(file.path, file.size, firstBytes);
    if (read.kind === 'not-dicom') return { kind: 'reported', reason: read.reason };
    if (isDicomdir(read.dataSet)) {
      const { files, refused } = dicomdirReferencedFiles(read.dataSet, file.path);
      return { kind: 'dicomdir', referenced: files, refused };
    }
    const extraction = extractInstanceHeader(read.dataSet);
    if (!extraction.ok) return { kind: 'reported', reason: extraction.reason };
    const impossible = impossibleFrameCount(read.dataSet, extraction.header, file.size);
    return impossible ? { kind: 'reported', reason: impossible } : { kind: 'instance', header: extraction.header };
  } catch (error) {
    // A file system error has an errno code; anything else was thrown reading values out of a malformed header.
    if (errnoCode(error)) return { kind: 'unreadable', reason: foundFileUnreadable(error) };
    return { kind: 'reported', reason: `DICOM header could not be read: ${describeHeaderError(error)}` };
  }
}
