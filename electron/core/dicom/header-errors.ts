/**
 * Words for why a DICOM header could not be read, from what was thrown while reading it.
 *
 * dicom-parser throws bare strings that name its internals ("littleEndianByteArrayParser.readUint16:
 * attempt to read past end of buffer", "invalid value for parameter 'maxP osition'"), Errors, and
 * `{ exception, dataSet }` wrappers; on some malformed input it fails with an engine error
 * ("Cannot read properties of undefined", "Maximum call stack size exceeded"); a deflated data
 * set fails in zlib. An import report must instead say what is wrong with the file, so that a
 * user knows to re-copy or re-export it. The cases come from tests/unit/fuzz/import-fuzz.test.ts.
 */

/** The words for a Part 10 file whose meta information reaches (or runs past) its last byte. */
export const NO_DATA_SET = 'the file ends after its file meta information: it has no data set (truncated?)';
const TRUNCATED = 'the file ends inside a data element: it is truncated, or a length in its header is corrupt';
const CORRUPT_LENGTH = 'a length in its header is corrupt';
const MALFORMED = 'the header is malformed (the file is corrupt)';
/** The words for sequences nested past what a parser (or the element count) follows. */
export const NESTED_TOO_DEEPLY = 'its sequences are nested too deeply to read (the header is corrupt)';

/** A problem this app finds in a header itself, thrown with the report's words as its message. */
export class UnreadableHeader extends Error {
  override name = 'UnreadableHeader';
}

/** What dicom-parser (or zlib) says, matched to what it means for the file; the first match wins. */
const RULES: [RegExp, (match: RegExpExecArray) => string][] = [
  // A data set stream cannot start at the end of the bytes: the meta header was all there was.
  [/'position' cannot be greater than or equal to 'byteArray' length/, () => NO_DATA_SET],
  [/attempt to read past end of buffer|buffer overrun|buffer overread|invalid value for parameter 'maxP ?osition'/, () => TRUNCATED],
  [/length cannot be less than 0|cannot seek to position < 0|position cannot be less than 0/, () => CORRUPT_LENGTH],
  [/Maximum call stack size exceeded/, () => NESTED_TOO_DEEPLY],
  [/missing required meta header attribute 0002,0010/, () => 'its file meta information has no Transfer Syntax UID (0002,0010): the file is truncated or corrupt'],
  [/item tag \(FFFE,E000\) not found at offset (\d+)/, (m) => `a sequence is malformed: no item where one must start (byte ${m[1]}); the header is corrupt`],
  [/basic offset table not found/, () => 'an embedded image has malformed encapsulated pixel data (the header is corrupt)'],
  [/DICM prefix not found/, () => 'no "DICM" marker at byte 128'],
];

/** zlib's messages for a deflate stream it cannot inflate. */
const ZLIB_ERROR = /^Z_|invalid (stored block lengths|block type|distance|code|literal|bit length)|incorrect (header|data) check|unexpected end of file|too many length or distance symbols/;

/**
 * Describes what was thrown while parsing a header as a cause a user can act on.
 * @param error - anything thrown by dicom-parser, zlib or the engine while reading a header
 * @returns a lower-case clause such as "the file ends inside a data element: ..."
 */
export function describeHeaderError(error: unknown): string {
  const thrown = typeof error === 'object' && error !== null && 'exception' in error ? (error as { exception: unknown }).exception : error;
  if (thrown instanceof UnreadableHeader) return thrown.message;
  const message = messageOf(thrown);
  for (const [pattern, describe] of RULES) {
    const match = pattern.exec(message);
    if (match) return describe(match);
  }
  const code = typeof thrown === 'object' && thrown !== null ? (thrown as { code?: unknown }).code : undefined;
  if ((typeof code === 'string' && code.startsWith('Z_')) || ZLIB_ERROR.test(message)) {
    return `its deflated data set could not be inflated (${message.slice(0, 80)}): the file is truncated or corrupt`;
  }
  // An engine error (TypeError, RangeError, ...) is the parser tripping over bytes it did not expect.
  if (thrown instanceof Error && thrown.name !== 'Error') return MALFORMED;
  // A parser message not known above: its text without the function name it starts with.
  const text = message.replace(/^[A-Za-z.]+(?:\.prototype\.[A-Za-z]+)?\s*[:-]\s*/, '').trim();
  return text && !/^\[object /.test(text) ? `the header is malformed (${text.slice(0, 120)})` : MALFORMED;
}

function messageOf(thrown: unknown): string {
  if (typeof thrown === 'string') return thrown;
  if (thrown instanceof Error) return thrown.message;
  if (typeof thrown === 'object' && thrown !== null && typeof (thrown as { message?: unknown }).message === 'string') {
    return (thrown as { message: string }).message;
  }
  return '';
}
