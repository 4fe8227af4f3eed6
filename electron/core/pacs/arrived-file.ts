import { FIRST_READ_BYTES } from '../dicom/read-header';
import type { ArrivedFile } from './pacs-transport';

/** The bytes of an arrived file kept in one piece: what the importer reads first from a file on disk. */
export const PART_HEAD_BYTES = FIRST_READ_BYTES;

/**
 * A file from the pieces it arrived in (kept as they are, not copied), with its head in one
 * piece: a view into the first piece when that holds it, else a small copy.
 */
export function arrivedFile(chunks: readonly Uint8Array[]): ArrivedFile {
  let size = 0;
  for (const chunk of chunks) size += chunk.length;
  const headLength = Math.min(size, PART_HEAD_BYTES);
  const first = chunks[0];
  if (first && first.length >= headLength) return { chunks, size, head: first.subarray(0, headLength) };
  const head = new Uint8Array(headLength);
  let offset = 0;
  for (const chunk of chunks) {
    if (offset >= headLength) break;
    const piece = chunk.subarray(0, headLength - offset);
    head.set(piece, offset);
    offset += piece.length;
  }
  return { chunks, size, head };
}

/** The whole file in one piece (a copy, unless it arrived in one): for the rare header longer than the head. */
export function wholeFile(file: ArrivedFile): Uint8Array {
  if (file.chunks.length === 1) return file.chunks[0]!;
  return Buffer.concat(file.chunks);
}
