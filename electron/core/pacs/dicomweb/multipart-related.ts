import { randomBytes } from 'node:crypto';

/** A multipart/related body (RFC 2387) of DICOM Part 10 files, and its Content-Type header. */
export interface MultipartBody {
  contentType: string;
  body: Buffer<ArrayBuffer>;
}

/**
 * Builds the STOW-RS request body: one application/dicom part per file, CRLF line ends, a
 * random boundary that occurs in none of the files (checked, not assumed).
 */
export function multipartRelated(files: readonly Uint8Array[]): MultipartBody {
  let boundary: string;
  do boundary = `bonemet-${randomBytes(16).toString('hex')}`;
  while (files.some((f) => Buffer.from(f.buffer, f.byteOffset, f.byteLength).includes(boundary)));
  const parts: Buffer[] = [];
  for (const file of files) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Type: application/dicom\r\nContent-Length: ${file.byteLength}\r\n\r\n`, 'latin1'));
    parts.push(Buffer.from(file.buffer, file.byteOffset, file.byteLength));
    parts.push(Buffer.from('\r\n', 'latin1'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`, 'latin1'));
  return { contentType: `multipart/related; type="application/dicom"; boundary=${boundary}`, body: Buffer.concat(parts) };
}
