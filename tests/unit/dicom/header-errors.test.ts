import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { describeHeaderError } from '../../../electron/core/dicom/header-errors';

// What dicom-parser 1.8, zlib and the engine threw at the import fuzz test, and what the report says instead.
const TRUNCATED = 'the file ends inside a data element: it is truncated, or a length in its header is corrupt';

describe('describeHeaderError', () => {
  it.each([
    ['littleEndianByteArrayParser.readUint16: attempt to read past end of buffer', TRUNCATED],
    ['bigEndianByteArrayParser.readUint32: attempt to read past end of buffer', TRUNCATED],
    ['dicomParser:parseDicomDataSetExplicit: buffer overrun', TRUNCATED],
    ["dicomParser.parseDicomDataSetExplicit: invalid value for parameter 'maxP osition'", TRUNCATED],
    ["dicomParser.parseDicomDataSetImplicit: invalid value for parameter 'maxPosition'", TRUNCATED],
    ['dicomParser.readFixedString: attempt to read past end of buffer', TRUNCATED],
    ['dicomParser.ByteStream.prototype.readByteStream: readByteStream - buffer overread', TRUNCATED],
    ["dicomParser.ByteStream: parameter 'position' cannot be greater than or equal to 'byteArray' length", 'the file ends after its file meta information: it has no data set (truncated?)'],
    ['dicomParser.readFixedString - length cannot be less than 0', 'a length in its header is corrupt'],
    ['dicomParser.readSequenceItem: item tag (FFFE,E000) not found at offset 370', 'a sequence is malformed: no item where one must start (byte 370); the header is corrupt'],
    ['dicomParser.findEndOfEncapsulatedElement: basic offset table not found', 'an embedded image has malformed encapsulated pixel data (the header is corrupt)'],
    ['dicomParser.isPrivateTag: cannot parse last character of group', 'the header is malformed (cannot parse last character of group)'],
  ])('words dicom-parser\'s "%s"', (thrown, words) => {
    expect(describeHeaderError(thrown)).toBe(words);
    // parseDicom wraps what its data set parser throws.
    expect(describeHeaderError({ exception: thrown, dataSet: {} })).toBe(words);
  });

  it('words the Errors dicom-parser and the engine throw', () => {
    expect(describeHeaderError(new Error('dicomParser.parseDicom: missing required meta header attribute 0002,0010'))).toBe(
      'its file meta information has no Transfer Syntax UID (0002,0010): the file is truncated or corrupt',
    );
    expect(describeHeaderError({ exception: new RangeError('Maximum call stack size exceeded') })).toBe('its sequences are nested too deeply to read (the header is corrupt)');
    expect(describeHeaderError({ exception: new TypeError("Cannot read properties of undefined (reading 'push')") })).toBe('the header is malformed (the file is corrupt)');
  });

  it('words a deflate stream that zlib cannot inflate', () => {
    let thrown: unknown;
    try {
      zlib.inflateRawSync(Buffer.from([0x07, 0x00, 0x00]));
    } catch (error) {
      thrown = error;
    }
    expect(describeHeaderError(thrown)).toBe('its deflated data set could not be inflated (invalid block type): the file is truncated or corrupt');
  });

  it('never answers an empty reason or a stringified object, whatever was thrown', () => {
    for (const thrown of [undefined, null, 42, {}, { exception: {} }, [], '', new Error('')]) {
      expect(describeHeaderError(thrown)).toBe('the header is malformed (the file is corrupt)');
    }
  });
});
