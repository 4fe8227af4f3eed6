import type { DenaturalizedDataset } from 'dcmjs';
import { AppError } from '@shared/errors';
import { denaturalize, encodePart10Dict, parsePart10 } from '../dicom/part10-io';
import { exportFileMeta } from '../dicom/export-file';
import { hasUnusedBits } from '@shared/dicom/stored-values';
import { keepStoredBits, storedBitsOf } from '../dicom/stored-bits';
import { DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN, EXPLICIT_VR_BIG_ENDIAN, EXPLICIT_VR_LITTLE_ENDIAN, IMPLICIT_VR_LITTLE_ENDIAN, isStandardUid } from '../dicom/uids';
import { burnedInReviewReason, burnedInWithheldReason } from './burned-in';
import { bytesMentionIdentity, identifyingTexts, uidMentionsIdentity } from './identity-mentions';
import { deidentifyDataset, type DeidentifyContext } from './deidentify-dataset';
import { compressedFramesWithoutText } from './compressed-stream-text';
import { compressedFramesWithoutUnusedBits } from './compressed-stored-bits';

/** One de-identified instance, ready to write. */
export interface DeidentifiedInstance {
  bytes: Buffer;
  sopInstanceUid: string;
  seriesInstanceUid: string;
  dataset: DenaturalizedDataset;
  /** Why its pixels need review for burned-in identity, or null. */
  burnedIn: string | null;
  /** Why it must not be exported at all (it says its pixels carry burned-in annotation), or null. */
  withheld: string | null;
}

/** Transfer syntaxes re-encoded as Explicit VR Little Endian (dcmjs decodes them fully). Others keep theirs. */
const REENCODED = new Set([IMPLICIT_VR_LITTLE_ENDIAN, EXPLICIT_VR_LITTLE_ENDIAN, DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN]);

/**
 * Replaces native pixel data by a copy without the bits outside Bits Stored (where a retired embedded
 * overlay keeps its text): the overlay's attributes are removed, its bitmap must go too.
 * @param littleEndian - false when the image stays Explicit VR Big Endian (its samples keep that order)
 */
function keepOnlyStoredBits(out: DenaturalizedDataset, littleEndian: boolean): void {
  const pixels = out['7FE00010'];
  const layout = storedBitsOf(out);
  const buffer = pixels?.Value?.[0];
  if (!pixels || !hasUnusedBits(layout) || !(buffer instanceof ArrayBuffer)) return;
  const copy = new Uint8Array(buffer.slice(0));
  keepStoredBits(copy, layout, littleEndian);
  out['7FE00010'] = { ...pixels, Value: [copy.buffer] };
}

/**
 * Cuts native pixel data to the bytes of its frames (and the one that pads them to even length,
 * zeroed): bytes after the last frame, which no reader shows, can hold any text.
 */
function keepOnlyFrameBytes(out: DenaturalizedDataset): void {
  const pixels = out['7FE00010'];
  const buffer = pixels?.Value?.[0];
  if (!pixels || !(buffer instanceof ArrayBuffer)) return;
  const count = (tag: string, fallback: number) => Number(out[tag]?.Value?.[0] ?? fallback) || fallback;
  const samples = count('00280010', 0) * count('00280011', 0) * count('00280002', 1) * count('00280008', 1);
  const length = Math.ceil((samples * count('00280100', 16)) / 8);
  if (samples === 0 || buffer.byteLength <= length + (length % 2)) {
    if (length % 2 === 1 && buffer.byteLength === length + 1) new Uint8Array(buffer)[length] = 0;
    return;
  }
  out['7FE00010'] = { ...pixels, Value: [buffer.slice(0, length + (length % 2))] };
  if (length % 2 === 1) new Uint8Array(out['7FE00010'].Value![0] as ArrayBuffer)[length] = 0;
}

/**
 * Extended Offset Table, its Lengths and Encapsulated Pixel Data Value Total Length: they describe
 * the source file's fragments. Kept, they would contradict the ones written (and carry any bytes).
 */
const SOURCE_ENCAPSULATION = ['7FE00001', '7FE00002', '7FE00003'];

/** What every exported image has: Rows, Columns and Pixel Data. */
const IMAGE_TAGS: readonly [string, string][] = [['00280010', 'Rows'], ['00280011', 'Columns'], ['7FE00010', 'Pixel Data']];

/**
 * Why an image's data set was not read whole, or null: a malformed element (a delimiter carrying
 * bytes) can throw the reading off, the rest of the file then read as one unknown element.
 */
function unreadReason(dict: DenaturalizedDataset): string | null {
  const missing = IMAGE_TAGS.filter(([tag]) => !dict[tag]).map(([, name]) => name);
  return missing.length === 0 ? null : `its data set could not be read whole (no ${missing.join(', ')} found), so it is not exported`;
}

/** Native (uncompressed) syntaxes: their pixel data are values, with no room for a comment. */
const NATIVE = new Set([...REENCODED, EXPLICIT_VR_BIG_ENDIAN]);

/** What became of a compressed image's pixels: why it may not leave (or null), and whether they left it uncompressed. */
interface CompressedPixels {
  withheld: string | null;
  native: boolean;
}

/**
 * Puts into `out` the compressed image's frames without any byte that is not image data (comments,
 * application segments, JP2 boxes, padding), or uncompressed when its samples hold bits outside
 * Bits Stored (an overlay), and says why the image may not leave: its stream cannot be walked or its
 * samples checked, or what remains still holds an identifier of the source as text.
 */
function cleanCompressedPixels(out: DenaturalizedDataset, source: DenaturalizedDataset, syntax: string): CompressedPixels {
  const cleaned = compressedFramesWithoutText(syntax, source);
  if ('reason' in cleaned) return { withheld: `its compressed pixel data cannot be cleaned of the text a stream can carry (${cleaned.reason}), so it is not exported`, native: false };
  const frames = cleaned.frames.map((f) => new Uint8Array(f));
  const bits = compressedFramesWithoutUnusedBits(syntax, frames, source);
  if ('reason' in bits) return { withheld: `${bits.reason}, so it is not exported`, native: false };
  if (!out['7FE00010']) return { withheld: null, native: false };
  if (bits.native) {
    out['7FE00010'] = { vr: out['00280100']?.Value?.[0] === 8 ? 'OB' : 'OW', Value: [bits.native] };
    return { withheld: null, native: true };
  }
  out['7FE00010'] = { ...out['7FE00010'], Value: cleaned.frames };
  const mentions = bytesMentionIdentity(frames, identifyingTexts(source));
  return { withheld: mentions ? 'its compressed pixel data hold the text of a name, ID or UID of the source (in the image data itself), so it is not exported' : null, native: false };
}

/**
 * Why an image of a private SOP class may not leave, or null: its class UID, which the copy keeps
 * (replaced, the file would no longer say what it is; and SEG and SR name it), holds a date or ID.
 */
function privateClassReason(sopClass: string, source: DenaturalizedDataset): string | null {
  if (isStandardUid(sopClass) || !uidMentionsIdentity(sopClass, identifyingTexts(source))) return null;
  return 'its private SOP Class UID holds a date or an ID of the source, and a copy cannot replace it (the file would no longer say what it is), so it is not exported';
}

/**
 * Reads a Part 10 file, applies the confidentiality profile and encodes it again with a fresh
 * File Meta (new instance UID, this app's implementation UID, no source AE title). Pixel values are
 * kept: native ones without the bits outside Bits Stored, compressed ones in their transfer syntax,
 * their streams without comments, application segments or padding (compressed-stream-text.ts), or
 * uncompressed when their samples hold bits outside Bits Stored (compressed-stored-bits.ts).
 * @param source - the file's path, for messages
 */
export function deidentifyFile(bytes: Uint8Array, source: string, ctx: DeidentifyContext): DeidentifiedInstance {
  // Whatever follows the pixels (trailing padding, a signature, bytes no reader parses) is not exported.
  const { meta, dict } = parsePart10(bytes, source, { until: 'pixel-data' });
  const syntax = String(meta['00020010']?.Value?.[0] ?? '');
  const sopClass = String(dict['00080016']?.Value?.[0] ?? meta['00020002']?.Value?.[0] ?? '');
  const out = deidentifyDataset(dict, ctx);
  // The source's encapsulation, which the writer does not keep (it fragments each frame itself).
  for (const tag of SOURCE_ENCAPSULATION) delete out[tag];
  const unread = unreadReason(dict);
  const compressed = NATIVE.has(syntax) || unread ? { withheld: null, native: false } : cleanCompressedPixels(out, dict, syntax);
  const withheld = unread ?? burnedInWithheldReason(dict) ?? compressed.withheld ?? privateClassReason(sopClass, dict);
  const sopInstanceUid = String(out['00080018']?.Value?.[0] ?? '');
  if (!sopClass || !sopInstanceUid) throw new AppError('unsupported', `${source} has no SOP Class or Instance UID: it cannot be exported.`);
  const target = REENCODED.has(syntax) || compressed.native ? EXPLICIT_VR_LITTLE_ENDIAN : syntax;
  if (NATIVE.has(syntax)) {
    keepOnlyFrameBytes(out);
    keepOnlyStoredBits(out, syntax !== EXPLICIT_VR_BIG_ENDIAN);
  }
  return {
    // A value longer than its VR allows (an Instance Number of 20 digits) is the source's: the copy keeps it as read.
    bytes: encodePart10Dict(denaturalize(exportFileMeta(sopClass, sopInstanceUid, target)), out, 'as-read'),
    sopInstanceUid,
    seriesInstanceUid: String(out['0020000E']?.Value?.[0] ?? ''),
    dataset: out,
    burnedIn: burnedInReviewReason(dict),
    withheld,
  };
}
