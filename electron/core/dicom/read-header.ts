import fs from 'node:fs';
import path from 'node:path';
import type { DataSet } from 'dicom-parser';
import dicomParser from './dicom-parser';
import { inflateAtMost, INFLATES_TOO_FAR, type BoundedInflation } from './bounded-inflate';
import { truncationOf } from './data-set-truncation';
import { describeNonDicom } from './file-sniffing';
import { describeHeaderError, NO_DATA_SET, UnreadableHeader } from './header-errors';
import { refuseElementFlood, refuseInflatedElementFlood } from './element-flood';
import { hasPart10Prefix } from './part10-prefix';

/** How many bytes are read first: enough for the header of most image files. */
export const FIRST_READ_BYTES = 16 * 1024;
const PIXEL_DATA = 'x7fe00010';
const EXPLICIT_VRS = new Set(
  'AE AS AT CS DA DS DT FD FL IS LO LT OB OD OF OL OV OW PN SH SL SQ SS ST SV TM UC UI UL UN UR US UT UV'.split(' '),
);

export type HeaderReadResult =
  | { kind: 'dataset'; dataSet: DataSet; hasPreamble: boolean }
  | { kind: 'not-dicom'; reason: string };

/**
 * The buffer every first read of this thread goes into: a fresh 16 KiB buffer per file made
 * most of an import's garbage, and the header is read out of it before the next file is.
 */
const firstReadBuffer = Buffer.allocUnsafe(FIRST_READ_BYTES);

/**
 * Reads a file's DICOM header, stopping before the pixel data: the first 16 KiB, and the whole
 * file only when the header runs past them. `firstBytes`, when the caller holds them already (a
 * file it has just written), stand for the first read: its first min(size, 16 KiB) bytes. Files without a preamble get their syntax guessed.
 * The data set may view a buffer that the next call on this thread reuses: read what you need
 * from it before reading another file.
 */
export function readDicomHeader(filePath: string, fileSize: number, firstBytes?: Uint8Array): HeaderReadResult {
  if (fileSize === 0) return { kind: 'not-dicom', reason: 'empty file (0 bytes)' };
  const first = firstBytes ?? readBytes(filePath, Math.min(fileSize, FIRST_READ_BYTES), firstReadBuffer);
  const hasPreamble = hasPart10Prefix(first);
  const rawSyntax = hasPreamble ? undefined : guessRawTransferSyntax(first);
  if (!hasPreamble && !rawSyntax) return { kind: 'not-dicom', reason: describeNonDicom(first, path.basename(filePath)) };

  const partial = first.length < fileSize;
  try {
    const dataSet = parse(first, rawSyntax);
    if (dataSet.elements[PIXEL_DATA]) return { kind: 'dataset', dataSet, hasPreamble };
    if (!partial) return whole(dataSet, hasPreamble);
  } catch (error) {
    if (!partial) return { kind: 'not-dicom', reason: headerProblem(describeHeaderError(error), first) };
  }
  // The header ran past the first read (large private blocks, or no pixel data at all): read it all.
  try {
    return whole(parse(readBytes(filePath, fileSize), rawSyntax), hasPreamble);
  } catch (error) {
    return { kind: 'not-dicom', reason: headerProblem(describeHeaderError(error), first) };
  }
}

/** A data set parsed from the whole file, unless it shows the file to end early (see truncationOf). */
function whole(dataSet: DataSet, hasPreamble: boolean): HeaderReadResult {
  const truncation = truncationOf(dataSet, PIXEL_DATA);
  return truncation ? { kind: 'not-dicom', reason: headerProblem(truncation, dataSet.byteArray) } : { kind: 'dataset', dataSet, hasPreamble };
}

/**
 * The header (up to the Pixel Data) of a whole file's bytes already read, a bare data set's syntax
 * guessed. Throws what dicom-parser throws for bytes that are not DICOM.
 */
export function parseHeaderBytes(bytes: Uint8Array): DataSet {
  return parse(bytes, hasPart10Prefix(bytes) ? undefined : guessRawTransferSyntax(bytes));
}

/**
 * Parses up to the pixel data. A deflated data set is inflated only so far (inflateAtMost): its
 * header must lie within that, or the file is reported rather than held whole in memory.
 */
function parse(bytes: Uint8Array, rawSyntax: string | undefined): DataSet {
  let cut = false;
  const inflater = (data: Uint8Array, position: number): Uint8Array => {
    const inflated = inflatedDataSet(data, position);
    cut = inflated.cut;
    refuseInflatedElementFlood(inflated.bytes, position);
    return inflated.bytes;
  };
  refuseElementFlood(bytes, rawSyntax);
  let dataSet: DataSet;
  try {
    dataSet = dicomParser.parseDicom(bytes, {
      untilTag: PIXEL_DATA,
      ...(rawSyntax ? { TransferSyntaxUID: rawSyntax } : {}),
      inflater,
    } as dicomParser.ParseDicomOptions);
  } catch (error) {
    throw cut ? new UnreadableHeader(INFLATES_TOO_FAR) : error;
  }
  if (cut && !dataSet.elements[PIXEL_DATA]) throw new UnreadableHeader(INFLATES_TOO_FAR);
  return dataSet;
}

/** Inflates a Deflated Explicit VR data set whole, refusing one that inflates past INFLATED_DATA_SET_LIMIT. */
export function inflateDeflatedDataSet(bytes: Uint8Array, position: number): Uint8Array {
  const inflated = inflatedDataSet(bytes, position);
  if (inflated.cut) throw new UnreadableHeader(INFLATES_TOO_FAR);
  return inflated.bytes;
}

/** The bytes up to `position` followed by the deflated rest inflated (see inflateAtMost); a sync flush lets a partial read inflate as far as it goes. */
function inflatedDataSet(bytes: Uint8Array, position: number): BoundedInflation {
  // `position` is where the meta information ends by its own lengths: in a cut file, at or past the last byte.
  // dicom-parser throws for that in every other syntax; here it would pad the gap with zeros and find no data set
  // but the meta information, whose Media Storage SOP Instance UID would then be indexed as an image.
  if (position >= bytes.length) throw new UnreadableHeader(NO_DATA_SET);
  const inflated = inflateAtMost(bytes.subarray(position));
  const whole = Buffer.allocUnsafeSlow(position + inflated.bytes.length);
  whole.set(bytes.subarray(0, position), 0);
  whole.set(inflated.bytes, position);
  return { bytes: whole, cut: inflated.cut };
}

/** For a file with no preamble (ACR-NEMA style), guesses the syntax from its first element. */
export function guessRawTransferSyntax(head: Uint8Array): string | undefined {
  if (head.length < 8) return undefined;
  const groupLE = head[0]! | (head[1]! << 8);
  const groupBE = (head[0]! << 8) | head[1]!;
  const vr = String.fromCharCode(head[4]!, head[5]!);
  const plausibleGroup = (group: number) => group % 2 === 0 && group >= 0x0002 && group <= 0x0028;
  if (plausibleGroup(groupLE) && head[1] === 0) {
    return EXPLICIT_VRS.has(vr) ? '1.2.840.10008.1.2.1' : '1.2.840.10008.1.2';
  }
  if (plausibleGroup(groupBE) && head[0] === 0 && EXPLICIT_VRS.has(vr)) return '1.2.840.10008.1.2.2';
  return undefined;
}

function readBytes(filePath: string, length: number, into?: Buffer): Buffer {
  const buffer = into ?? Buffer.allocUnsafe(length);
  const fd = fs.openSync(filePath, 'r');
  try {
    let offset = 0;
    while (offset < length) {
      const read = fs.readSync(fd, buffer, offset, length - offset, offset);
      if (read === 0) break;
      offset += read;
    }
    return offset === buffer.length ? buffer : buffer.subarray(0, offset);
  } finally {
    fs.closeSync(fd);
  }
}

/** The report's reason for a header that could not be read, `problem` being why in plain words. */
function headerProblem(problem: string, bytes: Uint8Array): string {
  if (mediaStorageClass(bytes) === '1.2.840.10008.1.3.10') {
    return `DICOMDIR could not be read (${problem}); the files in its folder are still imported by the folder walk`;
  }
  return `DICOM header could not be read: ${problem}`;
}

/** The Media Storage SOP Class of a Part 10 file's meta header, when it can be read. */
function mediaStorageClass(bytes: Uint8Array): string | undefined {
  try {
    return dicomParser.readPart10Header(bytes).string('x00020002')?.trim();
  } catch {
    return undefined;
  }
}
