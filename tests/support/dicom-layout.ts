import type { DataSet, Element } from 'dicom-parser';
import { FOUR_BYTE_LENGTH_VRS as LONG_VRS } from '@shared/dicom/long-length-vrs';
import dicomParser from '../../electron/core/dicom/dicom-parser';

const BIG_ENDIAN = '1.2.840.10008.1.2.2';
const IMPLICIT = '1.2.840.10008.1.2';
const DEFLATED = '1.2.840.10008.1.2.1.99';
const UNDEFINED_LENGTH = 0xffffffff;

/** Where one element (or sequence item) of a file sits, in the file's own bytes. */
export interface ElementSpan {
  tag: string;
  /** 0 for the top-level data set, 1 inside a sequence item, ... */
  depth: number;
  /** The first byte of its tag. */
  headerOffset: number;
  dataOffset: number;
  /** The value length as parsed (the real extent for an undefined-length element). */
  length: number;
  lengthField: { offset: number; size: 2 | 4; littleEndian: boolean };
  undefinedLength: boolean;
  isSequence: boolean;
  isItem: boolean;
}

/** What the mutators need to know of an unmutated DICOM file. */
export interface DicomLayout {
  transferSyntaxUid: string;
  /** The first byte after the file meta header. */
  metaEnd: number;
  transferSyntax: { valueOffset: number; valueLength: number; lengthFieldOffset: number } | null;
  groupLength: { valueOffset: number; value: number } | null;
  /** Every element and item whose bytes are the file's bytes (only the meta header for a deflated data set). */
  elements: ElementSpan[];
  pixelData: { headerOffset: number; dataOffset: number; end: number } | null;
  /** Where the pixel data starts, or the file size: the bytes a header reader looks at. */
  headerEnd: number;
}

/**
 * Maps a Part 10 file's elements with dicom-parser, checking every length field it computes
 * against the bytes, so a mutator that "overwrites the length of element X" really does.
 * @param bytes - the whole unmutated file; it must have the preamble and "DICM"
 */
export function mapDicomLayout(bytes: Uint8Array): DicomLayout {
  // A Buffer, since dicom-parser inflates a deflated data set with Buffer methods.
  const dataSet = dicomParser.parseDicom(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  const syntax = (dataSet.string('x00020010') ?? '').replace(/\0/g, '').trim();
  const littleEndian = syntax !== BIG_ENDIAN;
  const explicit = syntax !== IMPLICIT;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const elements: ElementSpan[] = [];

  const spanOf = (element: Element, depth: number, meta: boolean): ElementSpan => {
    const le = meta || littleEndian;
    const isItem = element.tag === 'xfffee000';
    let lengthField: ElementSpan['lengthField'];
    let headerOffset: number;
    if (isItem || (!meta && !explicit)) {
      lengthField = { offset: element.dataOffset - 4, size: 4, littleEndian: le };
      headerOffset = element.dataOffset - 8;
    } else if (LONG_VRS.has(element.vr ?? '')) {
      lengthField = { offset: element.dataOffset - 4, size: 4, littleEndian: le };
      headerOffset = element.dataOffset - 12;
    } else {
      lengthField = { offset: element.dataOffset - 2, size: 2, littleEndian: le };
      headerOffset = element.dataOffset - 8;
    }
    return {
      tag: element.tag,
      depth,
      headerOffset,
      dataOffset: element.dataOffset,
      length: element.length,
      lengthField,
      undefinedLength: Boolean(element.hadUndefinedLength),
      isSequence: Boolean(element.items) && !isItem,
      isItem,
    };
  };
  const fieldValue = (span: ElementSpan) =>
    span.lengthField.size === 2 ? view.getUint16(span.lengthField.offset, span.lengthField.littleEndian) : view.getUint32(span.lengthField.offset, span.lengthField.littleEndian);

  const visit = (set: DataSet, depth: number) => {
    for (const element of Object.values(set.elements)) {
      const meta = element.tag.startsWith('x0002');
      if (syntax === DEFLATED && !meta) continue; // its offsets are in the inflated bytes
      if (element.dataOffset === undefined || element.dataOffset < 8) continue;
      const span = spanOf(element, depth, meta);
      const expected = span.undefinedLength ? (span.lengthField.size === 2 ? 0xffff : UNDEFINED_LENGTH) : span.length;
      if (span.headerOffset >= 0 && fieldValue(span) === expected) elements.push(span);
      for (const item of element.items ?? []) {
        const itemSpan = spanOf(item, depth + 1, false);
        const itemExpected = itemSpan.undefinedLength ? UNDEFINED_LENGTH : itemSpan.length;
        if (fieldValue(itemSpan) === itemExpected) elements.push(itemSpan);
        if (item.dataSet) visit(item.dataSet, depth + 1);
      }
    }
  };
  visit(dataSet, 0);
  elements.sort((a, b) => a.headerOffset - b.headerOffset);

  const metaEnd = (dicomParser.readPart10Header(bytes) as DataSet & { position: number }).position;
  const ts = dataSet.elements.x00020010;
  const gl = dataSet.elements.x00020000;
  const pixel = syntax === DEFLATED ? undefined : dataSet.elements.x7fe00010;
  const pixelSpan = pixel ? spanOf(pixel, 0, false) : null;
  return {
    transferSyntaxUid: syntax,
    metaEnd,
    transferSyntax: ts ? { valueOffset: ts.dataOffset, valueLength: ts.length, lengthFieldOffset: ts.dataOffset - 2 } : null,
    groupLength: gl && gl.length === 4 ? { valueOffset: gl.dataOffset, value: view.getUint32(gl.dataOffset, true) } : null,
    elements,
    pixelData: pixel && pixelSpan ? { headerOffset: pixelSpan.headerOffset, dataOffset: pixel.dataOffset, end: Math.min(bytes.length, pixel.dataOffset + pixel.length) } : null,
    headerEnd: pixelSpan ? pixelSpan.headerOffset : bytes.length,
  };
}
