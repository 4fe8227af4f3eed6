import { enhancedFrames, type EnhancedFrame } from '../dicom/enhanced-frames';
import { parseHeaderBytes } from '../dicom/read-header';
import { readIndexedFile, type IndexedFileRecord } from './indexed-file';

/**
 * The frames of indexed files as their functional groups place them (the index does not keep them),
 * each file's header read once however many steps ask: an export's NIfTI check, SEG plan and NIfTI
 * writer share one. Made per job and dropped with it: it holds the frames' geometry and rescale,
 * never a file's bytes nor anything that names the patient.
 */
export class IndexedFileFrames {
  private readonly byFile = new Map<string, EnhancedFrame[]>();

  /**
   * The first `count` frames of an indexed file, each from its own functional groups, else the
   * shared ones, else the top level (enhancedFrames).
   * @param bytes - reads the whole file, when the caller reads it anyway (default: readIndexedFile)
   */
  of(file: IndexedFileRecord, count: number, bytes: () => Uint8Array = () => readIndexedFile(file)): EnhancedFrame[] {
    const known = this.byFile.get(file.filePath);
    if (known?.length === count) return known;
    const frames = enhancedFrames(parseHeaderBytes(bytes()), count);
    this.byFile.set(file.filePath, frames);
    return frames;
  }
}
