import fs from 'node:fs';
import type { CtSliceFile } from '../../electron/core/analysis/volume/read-ct-slice';

/** A file as the analysis reads it: its path, syntax, size and modification time now (as an import would record them), a single frame. */
export function sliceFile(filePath: string, transferSyntaxUid: string): CtSliceFile {
  const stat = fs.statSync(filePath);
  return { path: filePath, transferSyntaxUid, size: stat.size, mtimeMs: stat.mtimeMs, frameNumber: 1, framesInFile: 1, rescale: null };
}
