import { AppError } from '@shared/errors';
import { hasFourByteLength } from '@shared/dicom/long-length-vrs';
import { fileMetaSyntax } from '../dicom/file-meta-syntax';

// How deep the sequences of a Part 10 file nest, read from its bytes before any parser sees them:
// dcmjs parses a nested sequence by recursing, and a file nesting thousands of sequences (a few
// hundred kilobytes) takes it seconds to minutes of one thread before it fails on the stack.

const EXPLICIT_VR_LITTLE_ENDIAN = '1.2.840.10008.1.2.1';
const UNDEFINED = 0xffffffff;

/** A sequence or item being read: where it ends (undefined: at its delimiter) and whether it is a sequence. */
interface Open {
  end: number | undefined;
  sequence: boolean;
}

/**
 * Refuses a publication whose sequences nest deeper than `max`, that is not in Explicit VR Little
 * Endian (what the team writes, and what WADO-RS answers unless asked otherwise), or whose sequences
 * and items do not close as they open: every element header is walked once, nothing is decoded.
 * @param label - what it is, for messages
 */
export function requireShallowNesting(bytes: Buffer, max: number, label: string): void {
  const refuse = (why: string) => new AppError('unsupported', `${label} ${why}, which nothing the team writes does: it was left aside.`);
  const syntax = fileMetaSyntax(bytes);
  if (!syntax) return; // Not Part 10: the parser says so.
  if (syntax.uid !== EXPLICIT_VR_LITTLE_ENDIAN) throw refuse(`is in transfer syntax ${syntax.uid.slice(0, 64)}, not Explicit VR Little Endian`);
  const open: Open[] = [];
  const close = (sequence: boolean) => {
    const top = open.pop();
    if (!top || top.sequence !== sequence || top.end !== undefined) throw refuse('holds a delimiter that closes nothing open');
  };
  let at = syntax.datasetAt;
  while (at + 8 <= bytes.length) {
    while (open.length > 0 && open.at(-1)!.end !== undefined && at >= open.at(-1)!.end!) open.pop();
    const inSequence = open.at(-1)?.sequence ?? false;
    const group = bytes.readUInt16LE(at);
    const element = bytes.readUInt16LE(at + 2);
    if (group === 0xfffe) {
      const length = bytes.readUInt32LE(at + 4);
      at += 8;
      if (element === 0xe000) {
        if (!inSequence) throw refuse('holds an item outside a sequence');
        open.push({ end: length === UNDEFINED ? undefined : at + length, sequence: false });
      } else close(element === 0xe0dd);
      continue;
    }
    if (inSequence) throw refuse('holds an element directly in a sequence');
    const vr = bytes.toString('latin1', at + 4, at + 6);
    // Framed as dcmjs frames it: a 2-byte length only for the VRs PS3.5 gives one; SV, UV and any VR
    // it does not know (read as UN) have a 4-byte one, whatever their reserved bytes say.
    const long = hasFourByteLength(vr);
    if (at + (long ? 12 : 8) > bytes.length) break;
    const length = long ? bytes.readUInt32LE(at + 8) : bytes.readUInt16LE(at + 6);
    at += long ? 12 : 8;
    if (vr === 'SQ') {
      open.push({ end: length === UNDEFINED ? undefined : at + length, sequence: true });
      if (open.filter((o) => o.sequence).length > max) throw refuse(`nests its sequences more than ${max} deep`);
    } else if (length === UNDEFINED) {
      throw refuse(`holds a ${vr} value of undefined length`);
    } else {
      at += length;
    }
  }
}
