/**
 * Names what a file that is not DICOM most likely is, from its first bytes, so the import
 * report can say "JPEG image" or "gzip archive" instead of a bare parser error.
 */
export function describeNonDicom(head: Uint8Array, fileName: string): string {
  const startsWith = (...bytes: number[]) => bytes.every((b, i) => head[i] === b);
  if (head.length === 0) return 'empty file (0 bytes)';
  if (startsWith(0x1f, 0x8b)) return 'gzip-compressed file, not DICOM as it is: decompress it, then import the result';
  if (startsWith(0x50, 0x4b, 0x03, 0x04)) return 'ZIP archive, not DICOM: extract it, then import the folder';
  if (startsWith(0xff, 0xd8, 0xff)) return 'JPEG image, not DICOM';
  if (startsWith(0x89, 0x50, 0x4e, 0x47)) return 'PNG image, not DICOM';
  if (startsWith(0x25, 0x50, 0x44, 0x46)) return 'PDF document, not DICOM';
  if (looksLikeText(head)) {
    return /\.(md|txt|csv|json|html?)$/i.test(fileName) || /readme|licen[cs]e|copying/i.test(fileName)
      ? 'text document, not DICOM'
      : 'text file, not DICOM';
  }
  return 'not a DICOM file: no "DICM" marker at byte 128 and no DICOM data element at the start';
}

function looksLikeText(head: Uint8Array): boolean {
  const sample = head.subarray(0, 512);
  if (sample.length === 0) return false;
  let printable = 0;
  for (const byte of sample) {
    if (byte === 0x09 || byte === 0x0a || byte === 0x0d || (byte >= 0x20 && byte < 0x7f) || byte >= 0xc2) printable++;
    else if (byte === 0) return false;
  }
  return printable / sample.length > 0.95;
}
