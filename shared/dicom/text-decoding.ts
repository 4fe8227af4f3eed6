import { decodeIso2022, initialCodeState, isIso2022Term, isKnownIso2022Term } from './iso-2022';

/**
 * DICOM Specific Character Set (0008,0005) terms without code extensions, mapped to WHATWG
 * encodings (PS3.3 C.12.1.1.2). Unknown or absent terms fall back to latin1, which is what
 * ASCII-only files need. Terms with code extensions ("ISO 2022 IR ...") are read by ./iso-2022.
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
  'ISO_IR 203': 'iso-8859-15',
  'ISO_IR 166': 'windows-874',
  'ISO_IR 13': 'shift_jis',
  'ISO_IR 192': 'utf-8',
  GB18030: 'gb18030',
  GBK: 'gbk',
};

const decoders = new Map<string, TextDecoder>();

function decodeWith(encoding: string, bytes: Uint8Array): string {
  let decoder = decoders.get(encoding);
  if (!decoder) {
    decoder = new TextDecoder(encoding);
    decoders.set(encoding, decoder);
  }
  return decoder.decode(bytes);
}

/** Decodes the bytes of one text value of a data set; `personName` for a PN value. */
export type DicomTextDecoder = (bytes: Uint8Array, personName?: boolean) => string;

/**
 * The decoder for the text values of a data set with this Specific Character Set (possibly
 * multi-valued): one WHATWG encoding, or ISO 2022 code extensions switched by escape sequences.
 * Values are trimmed of DICOM padding (spaces and NULs). One decoder for the index, the exports
 * and any screen that reads a header itself.
 * @param specificCharacterSet - the value of (0008,0005), absent for the default repertoire
 */
export function dicomTextDecoder(specificCharacterSet: string | undefined): DicomTextDecoder {
  const terms = (specificCharacterSet ?? '').split('\\').map((term) => term.trim());
  if (terms.some((term) => term.startsWith('ISO 2022 '))) {
    const initial = initialCodeState(isIso2022Term(terms[0]!) ? terms[0]! : '');
    return (bytes, personName = false) => asciiText(bytes) ?? trimPadding(decodeIso2022(bytes, initial, personName, decodeWith));
  }
  const encoding = ENCODING_BY_TERM[terms.find((term) => ENCODING_BY_TERM[term]) ?? ''] ?? 'latin1';
  return (bytes) => asciiText(bytes) ?? trimPadding(decodeWith(encoding, bytes));
}

/**
 * The terms of a Specific Character Set value that no decoder here reads (PS3.3 C.12.1.1.2 defines
 * them all): where dicomTextDecoder would fall back to latin1, a caller that must not guess refuses.
 */
export function unknownCharacterSetTerms(specificCharacterSet: string): string[] {
  return specificCharacterSet
    .split('\\')
    .map((term) => term.trim())
    .filter((term) => term !== '' && !(term in ENCODING_BY_TERM) && !isKnownIso2022Term(term));
}

/** A text value without its DICOM padding: trailing spaces and NULs (some writers pad with NUL), leading spaces. */
export function trimPadding(text: string): string {
  return text.replace(/[\0 ]+$/u, '').replace(/^ +/u, '');
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
