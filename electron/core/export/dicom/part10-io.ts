import dcmjs from 'dcmjs';
import type { DenaturalizedDataset, DicomDictInstance, NaturalizedDataset } from 'dcmjs';
import { AppError } from '@shared/errors';
import { restoreEmptyItems } from './empty-items';
import { resolveImplicitVrs } from './implicit-vrs';
import { relabelUnknownVrs, restoreUnknownVrs } from './unknown-vrs';
import { overlongValueError, type OverlongValues } from './overlong-values';
import { resolveRelayedVrs, withExplicitUnSequences } from './un-sequences';
import { restoreEmptyNumbers } from './empty-numbers';
import { decodeSequenceTexts, decodeTextValues, withoutCodeExtensions } from './code-extensions';
import { findItemCharacterSets } from './item-character-sets';
import { hasPart10Prefix, part10PrefixFor } from '../../dicom/part10-prefix';
import dicomParser from '../../dicom/dicom-parser';
import { guessRawTransferSyntax, inflateDeflatedDataSet } from '../../dicom/read-header';
import { DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN, IMPLICIT_VR_LITTLE_ENDIAN } from './uids';

/**
 * The parts of dcmjs 0.52 the exports use beyond what ../../phantom/dcmjs.d.ts declares: reading
 * Part 10 and naturalizing. Declared here (one typed view of `dcmjs.data`) rather than by editing
 * the phantom's declaration, which another module owns.
 */
interface DcmjsIo {
  DicomMessage: {
    readFile(buffer: ArrayBuffer, options?: { ignoreErrors?: boolean; untilTag?: string | null; includeUntilTagValue?: boolean; noCopy?: boolean }): DicomDictInstance;
  };
  DicomMetaDictionary: {
    /** PS3.6 by 'GGGGEEEE' (repeating groups too): undefined for a tag it does not know. */
    dictionary: Record<string, { vr: string; name?: string } | undefined>;
    denaturalizeDataset(dataset: NaturalizedDataset): DenaturalizedDataset;
    naturalizeDataset(dataset: DenaturalizedDataset): NaturalizedDataset;
  };
  DicomDict: new (meta: DenaturalizedDataset) => DicomDictInstance;
}

const io = dcmjs.data as unknown as DcmjsIo;

// dcmjs logs, for every Implicit VR file, the ambiguous Pixel Data VR that it then resolves itself
// (OW): one line per image would drown an export's output. Its other loggers are left alone.
(dcmjs as unknown as { log: { getLogger(name: string): { setLevel(level: string): void } } }).log.getLogger('validation.dcmjs').setLevel('silent');

/** A Part 10 file in memory: its File Meta Information and its dataset, both tag-keyed. */
export interface Part10 {
  meta: DenaturalizedDataset;
  dict: DenaturalizedDataset;
}

/** Options of parsePart10. */
export interface ParseOptions {
  /**
   * Where to stop: 'header' before the top-level Pixel Data, 'pixel-data' just after it. Either way
   * bytes a file carries after its pixels (which viewers and dcmtk ignore) cannot make a read fail;
   * the whole file is read by default.
   */
  until?: 'header' | 'pixel-data';
}

const PIXEL_DATA = '7FE00010';

/**
 * The bytes as Part 10: a bare data set (ACR-NEMA style, no preamble nor File Meta), which the import
 * indexes by the syntax its first element shows, gets the prefix the viewer's reader gets too.
 */
function asPart10(bytes: Uint8Array): Uint8Array {
  const syntax = hasPart10Prefix(bytes) ? undefined : guessRawTransferSyntax(bytes);
  return syntax ? Buffer.concat([part10PrefixFor(syntax), bytes]) : bytes;
}

/**
 * Parses Part 10 bytes (or a bare data set) with dcmjs (Implicit/Explicit VR, big endian and deflated syntaxes).
 * @param source - a label for error messages (the file path)
 */
export function parsePart10(bytes: Uint8Array, source: string, options: ParseOptions = {}): Part10 {
  const prefixed = asPart10(bytes);
  refuseDeflateBomb(prefixed, source);
  // A sequence relayed as UN of undefined length is read as the SQ it is.
  const relayed = withExplicitUnSequences(prefixed, dictionaryVr);
  const part10 = relayed?.bytes ?? prefixed;
  // A file with ISO 2022 code extensions (Japanese, Korean), or sequence items declaring their own
  // character set, is read with the app's own decoder.
  const extended = withoutCodeExtensions(part10);
  const items = findItemCharacterSets(extended?.readable ?? part10);
  const readable = items?.readable ?? extended?.readable ?? part10;
  const buffer = readable.buffer.slice(readable.byteOffset, readable.byteOffset + readable.byteLength) as ArrayBuffer;
  try {
    const parsed = io.DicomMessage.readFile(buffer, options.until ? { untilTag: PIXEL_DATA, includeUntilTagValue: options.until === 'pixel-data' } : undefined);
    // Stopping before it, dcmjs leaves an empty entry for the tag it stopped at.
    if (options.until === 'header') delete parsed.dict[PIXEL_DATA];
    const syntax = parsed.meta['00020010']?.Value?.[0] as string | undefined;
    restoreEmptyItems(parsed.dict, part10, syntax);
    if (syntax === IMPLICIT_VR_LITTLE_ENDIAN) resolveImplicitVrs(parsed.dict, dictionaryVr);
    if (relayed) resolveRelayedVrs(parsed.dict, relayed.sequences, dictionaryVr);
    restoreUnknownVrs(parsed.dict, dictionaryVr);
    restoreEmptyNumbers(parsed.dict, part10, (tag) => dictionaryVr(tag) === 'SQ');
    if (extended) decodeTextValues(parsed.dict, extended.specificCharacterSet, items, source);
    else decodeSequenceTexts(parsed.dict, items, source);
    return { meta: parsed.meta, dict: parsed.dict };
  } catch (error) {
    // A character set refused by name says so itself.
    if (error instanceof AppError) throw error;
    throw new AppError('unsupported', `${source} could not be read as DICOM Part 10: ${(error as Error).message}`, { cause: error });
  }
}

/**
 * Throws for a deflated data set that inflates past the app's limit (bounded-inflate.ts): dcmjs
 * inflates it whole, so a few megabytes of zeros after the header, in the pixel data say, held
 * gigabytes. Inflated within the limit here first, at the cost of inflating a rare syntax twice.
 */
function refuseDeflateBomb(part10: Uint8Array, source: string): void {
  let meta: ReturnType<typeof dicomParser.readPart10Header>;
  try {
    meta = dicomParser.readPart10Header(part10);
  } catch {
    return; // not Part 10: the parse says so in its own words
  }
  if (meta.string('x00020010')?.replace(/\0/g, '').trim() !== DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN) return;
  try {
    inflateDeflatedDataSet(part10, (meta as unknown as { position: number }).position);
  } catch (error) {
    throw new AppError('unsupported', `${source} could not be read as DICOM Part 10: ${(error as Error).message}`, { cause: error });
  }
}

/**
 * Encodes a tag-keyed meta header and dataset as Part 10 bytes, in the meta's transfer syntax.
 * Each compressed frame is one fragment: dcmjs would cut it into 20 KB pieces, which PS3.5 A.4.2
 * forbids for RLE and which GDCM cannot decode for a 12-bit progressive JPEG. SV, OV and OL
 * elements, which dcmjs writes as UN, are given their VR back (unknown-vrs.ts). A value longer than
 * its VR allows is refused with an AppError naming it, or with `overlong` 'as-read' written as it is.
 */
export function encodePart10Dict(meta: DenaturalizedDataset, dict: DenaturalizedDataset, overlong: OverlongValues = 'refuse'): Buffer {
  const file = new io.DicomDict(meta);
  file.dict = dict;
  let written: ArrayBuffer;
  try {
    written = file.write({ fragmentMultiframe: false, allowInvalidVRLength: overlong === 'as-read' });
  } catch (error) {
    throw overlongValueError(error, dict, (tag) => io.DicomMetaDictionary.dictionary[tag]?.name) ?? error;
  }
  const bytes = Buffer.from(written);
  relabelUnknownVrs(bytes, dict);
  return bytes;
}

/** Keyword-keyed view of a tag-keyed dataset (sequences included). */
export function naturalize(dict: DenaturalizedDataset): NaturalizedDataset {
  return io.DicomMetaDictionary.naturalizeDataset(dict);
}

/** Tag-keyed dataset from a keyword-keyed one; `_vrMap` names ambiguous VRs. */
export function denaturalize(dataset: NaturalizedDataset): DenaturalizedDataset {
  return io.DicomMetaDictionary.denaturalizeDataset(dataset);
}

/**
 * The VR PS3.6 gives a standard tag (8 upper-case hex digits), in dcmjs' codes ('xs' US or SS, 'ox'
 * OB or OW, 'lt' US, SS or OW, 'up' UL); undefined for a tag the dictionary does not know.
 */
export function dictionaryVr(tag: string): string | undefined {
  return io.DicomMetaDictionary.dictionary[tag]?.vr;
}
