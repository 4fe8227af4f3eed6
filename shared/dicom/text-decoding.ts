/**
 * DICOM Specific Character Set (0008,0005) terms mapped to WHATWG encodings (PS3.3 C.12.1.1.2).
 * Unknown or absent terms fall back to latin1, which is what ASCII-only files need.
 */
const ENCODING_BY_TERM: Record<string, string> = {
  'ISO_IR 6': 'latin1',
  'ISO_IR 100': 'latin1',
  'ISO_IR 101': 'iso-8859-2',
  'ISO_IR 109': 'iso-8859-3',
  'ISO_IR 110': 'iso-8859-4',
  'ISO_IR 144': 'iso-8859-5',
  'ISO_IR 127': 'iso-8859-6',
  'ISO_IR 126': 'iso-8859-7',
  'ISO_IR 138': 'iso-8859-8',
  'ISO_IR 148': 'windows-1254',
  'ISO_IR 166': 'windows-874',
  'ISO_IR 13': 'shift_jis',
  'ISO_IR 192': 'utf-8',
  GB18030: 'gb18030',
  GBK: 'gbk',
  'ISO 2022 IR 6': 'latin1',
  'ISO 2022 IR 100': 'latin1',
  'ISO 2022 IR 101': 'iso-8859-2',
  'ISO 2022 IR 144': 'iso-8859-5',
  'ISO 2022 IR 127': 'iso-8859-6',
  'ISO 2022 IR 126': 'iso-8859-7',
  'ISO 2022 IR 138': 'iso-8859-8',
  'ISO 2022 IR 148': 'windows-1254',
  'ISO 2022 IR 13': 'shift_jis',
  'ISO 2022 IR 87': 'iso-2022-jp',
  'ISO 2022 IR 159': 'iso-2022-jp',
  'ISO 2022 IR 149': 'euc-kr',
  'ISO 2022 IR 58': 'gb18030',
};

const decoders = new Map<string, TextDecoder>();

function decoderFor(encoding: string): TextDecoder {
  let decoder = decoders.get(encoding);
  if (!decoder) {
    decoder = new TextDecoder(encoding);
    decoders.set(encoding, decoder);
  }
  return decoder;
}

/** Picks the text encoding for a Specific Character Set value (possibly multi-valued). */
export function encodingForCharacterSet(specificCharacterSet: string | undefined): string {
  if (!specificCharacterSet) return 'latin1';
  const terms = specificCharacterSet.split('\\').map((term) => term.trim());
  // With code extensions the first term is often empty (default repertoire); the next names the extension.
  for (const term of terms.length > 1 ? terms.slice(1) : terms) {
    const encoding = ENCODING_BY_TERM[term];
    if (encoding) return encoding;
  }
  return ENCODING_BY_TERM[terms[0] ?? ''] ?? 'latin1';
}

/** Decodes the bytes of a text element, trimming DICOM padding (spaces and NULs). */
export function decodeDicomText(bytes: Uint8Array, encoding: string): string {
  return asciiText(bytes) ?? decoderFor(encoding).decode(bytes).replace(/[\0 ]+$/u, '').replace(/^ +/u, '');
}

/**
 * The trimmed text of bytes that are all ASCII, which every encoding above decodes as ASCII
 * (ESC, SO and SI excepted: ISO 2022 switches code sets with them); null for any other byte.
 * Most values are plain ASCII, and a TextDecoder call costs more than the whole value.
 */
function asciiText(bytes: Uint8Array): string | null {
  let end = bytes.length;
  while (end > 0 && (bytes[end - 1] === 0x20 || bytes[end - 1] === 0)) end--;
  let start = 0;
  while (start < end && bytes[start] === 0x20) start++;
  let text = '';
  for (let i = start; i < end; i++) {
    const byte = bytes[i]!;
    if (byte >= 0x80 || byte === 0x1b || byte === 0x0e || byte === 0x0f) return null;
    text += String.fromCharCode(byte);
  }
  return text;
}
