/**
 * ISO/IEC 2022 code extensions as DICOM uses them (PS3.5 6.1.2.5, PS3.3 C.12.1.1.2, examples in
 * PS3.5 Annexes H and I): escape sequences switch the G0 set (bytes below 0x80) and the G1 set
 * (bytes from 0x80) within one value, and the sets of the first value of Specific Character Set
 * are back in force at each delimiter. Each stretch of bytes is handed to the WHATWG decoder of
 * its set, so that ESC bytes are never shown as text.
 */

/** What a G0 set is: one byte a character, or the two- and three-byte JIS sets (decoded as EUC-JP). */
type G0 = 'single' | 'jisx0208' | 'jisx0212';

/** The sets in force: G0's kind and G1's WHATWG encoding (null: none designated). */
export interface CodeState {
  g0: G0;
  g1: string | null;
}

/** The G1 set each first value of Specific Character Set puts in force (PS3.3 Table C.12-3). */
const INITIAL_G1: Record<string, string | null> = {
  '': null,
  'ISO 2022 IR 6': null,
  'ISO 2022 IR 100': 'latin1',
  'ISO 2022 IR 101': 'iso-8859-2',
  'ISO 2022 IR 109': 'iso-8859-3',
  'ISO 2022 IR 110': 'iso-8859-4',
  'ISO 2022 IR 144': 'iso-8859-5',
  'ISO 2022 IR 127': 'iso-8859-6',
  'ISO 2022 IR 126': 'iso-8859-7',
  'ISO 2022 IR 138': 'iso-8859-8',
  'ISO 2022 IR 148': 'windows-1254',
  'ISO 2022 IR 203': 'iso-8859-15',
  'ISO 2022 IR 166': 'windows-874',
  // JIS X 0201: Romaji in G0 (ASCII but for two symbols), half-width katakana in G1 (0xA1-0xDF of Shift JIS).
  'ISO 2022 IR 13': 'shift_jis',
  // Multi-byte sets may not be the first value, but a file that puts one there still reads.
  'ISO 2022 IR 149': 'euc-kr',
  'ISO 2022 IR 58': 'gb18030',
};

/** The escape sequences of PS3.3 Tables C.12-3 and C.12-4 (after ESC), and the set each designates. */
const DESIGNATIONS: Record<string, Partial<CodeState>> = {
  '(B': { g0: 'single' }, // ISO 2022 IR 6, ASCII
  '(J': { g0: 'single' }, // ISO 2022 IR 13, JIS X 0201 Romaji
  ')I': { g1: 'shift_jis' }, // ISO 2022 IR 13, JIS X 0201 Katakana
  '-A': { g1: 'latin1' },
  '-B': { g1: 'iso-8859-2' },
  '-C': { g1: 'iso-8859-3' },
  '-D': { g1: 'iso-8859-4' },
  '-L': { g1: 'iso-8859-5' },
  '-G': { g1: 'iso-8859-6' },
  '-F': { g1: 'iso-8859-7' },
  '-H': { g1: 'iso-8859-8' },
  '-M': { g1: 'windows-1254' },
  '-b': { g1: 'iso-8859-15' },
  '-T': { g1: 'windows-874' },
  '$B': { g0: 'jisx0208' }, // ISO 2022 IR 87, JIS X 0208 Kanji
  '$(D': { g0: 'jisx0212' }, // ISO 2022 IR 159, JIS X 0212 supplementary Kanji
  '$)C': { g1: 'euc-kr' }, // ISO 2022 IR 149, KS X 1001 Hangul and Hanja
  '$)A': { g1: 'gb18030' }, // ISO 2022 IR 58, GB 2312 (its EUC form is a subset of GB 18030)
};

const ESC = 0x1b;
/** Where the first value's sets come back: CR, LF, FF, TAB and the value delimiter "\" (PS3.5 6.1.2.5.3). */
const DELIMITERS = new Set([0x0d, 0x0a, 0x0c, 0x09, 0x5c]);
/** In a person name also its component and group delimiters "^" and "=". */
const PN_DELIMITERS = new Set([...DELIMITERS, 0x5e, 0x3d]);

/** The sets in force at the start of a value whose Specific Character Set starts with `firstTerm`. */
export function initialCodeState(firstTerm: string): CodeState {
  return { g0: 'single', g1: INITIAL_G1[firstTerm] ?? null };
}

/** Whether decodeIso2022 reads a term: one a first value may name, or a multi-byte set its escape sequences designate. */
export function isKnownIso2022Term(term: string): boolean {
  return term in INITIAL_G1 || term === 'ISO 2022 IR 87' || term === 'ISO 2022 IR 159';
}

/** Whether a Specific Character Set term uses code extensions. */
export function isIso2022Term(term: string): boolean {
  return term === '' || term.startsWith('ISO 2022 ');
}

/**
 * Decodes one text value with code extensions.
 * @param bytes - the value's bytes
 * @param initial - the sets in force at its start and after each delimiter
 * @param personName - a PN value, whose "^" and "=" are delimiters too
 * @param decode - the WHATWG decoder of an encoding
 */
export function decodeIso2022(bytes: Uint8Array, initial: CodeState, personName: boolean, decode: (encoding: string, bytes: Uint8Array) => string): string {
  const delimiters = personName ? PN_DELIMITERS : DELIMITERS;
  let state = { ...initial };
  let text = '';
  let run: number[] = [];
  let runEncoding = '';
  const emit = (encoding: string, ...values: number[]) => {
    if (encoding !== runEncoding && run.length > 0) {
      text += decode(runEncoding, Uint8Array.from(run));
      run = [];
    }
    runEncoding = encoding;
    run.push(...values);
  };
  // ASCII bytes go to G1's decoder when it can read them too (all of these can): one run, one call.
  const singleByteEncoding = () => state.g1 ?? 'latin1';

  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i]!;
    if (byte === ESC) {
      // ESC, intermediate bytes (0x20-0x2F), one final byte (0x30-0x7E): a designation, applied or, unknown, dropped.
      let end = i + 1;
      while (end < bytes.length && bytes[end]! >= 0x20 && bytes[end]! <= 0x2f) end++;
      const sequence = String.fromCharCode(...bytes.subarray(i + 1, Math.min(end + 1, bytes.length)));
      state = { ...state, ...DESIGNATIONS[sequence] };
      i = end;
      continue;
    }
    if (byte >= 0x80) {
      emit(state.g1 ?? 'latin1', byte);
      continue;
    }
    if (state.g0 !== 'single' && byte > 0x20 && byte < 0x7f && i + 1 < bytes.length && bytes[i + 1]! > 0x20 && bytes[i + 1]! < 0x7f) {
      // A two-byte JIS character, written as the EUC-JP form of the same code.
      const pair = [byte | 0x80, bytes[i + 1]! | 0x80];
      emit('euc-jp', ...(state.g0 === 'jisx0212' ? [0x8f, ...pair] : pair));
      i++;
      continue;
    }
    emit(state.g0 === 'single' ? singleByteEncoding() : 'euc-jp', byte);
    if (state.g0 === 'single' && delimiters.has(byte)) state = { ...initial };
  }
  if (run.length > 0) text += decode(runEncoding, Uint8Array.from(run));
  return text;
}
