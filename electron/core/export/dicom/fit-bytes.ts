/**
 * The longest prefix of `text`, in whole characters (never half a surrogate pair), of at most
 * `bytes` UTF-8 bytes: what a DICOM string of limited length (LO 64, SH 16, a PN group 64)
 * holds when written in ISO_IR 192, counted as dciodvfy counts it.
 */
export function fitUtf8Bytes(text: string, bytes: number): string {
  let out = '';
  let used = 0;
  for (const char of text) {
    used += Buffer.byteLength(char, 'utf8');
    if (used > bytes) break;
    out += char;
  }
  return out;
}
