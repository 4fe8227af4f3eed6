import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import dicomParser, { type DataSet } from 'dicom-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generatePhantomStudy, writeSyntheticCorpus, PhantomGroundTruthSchema, type PhantomGroundTruth } from '../../electron/core/phantom';
import { temporaryFolder } from '../support/paths';

// Everything below is read back from the files with dicom-parser and computed here from the
// DICOM header, not from the generator's own helpers, so a drawing bug cannot hide itself.

interface Slice {
  dataSet: DataSet;
  /** HU at the pixel whose centre is nearest to patient (x, y). */
  huAt(x: number, y: number): number;
  /** HU of pixel (row, column). */
  hu(row: number, column: number): number;
  /** Patient (x, y) of the centre of pixel (row, column). */
  world(row: number, column: number): [number, number];
  rows: number;
  columns: number;
  z: number;
}

function readSlice(file: string): Slice {
  const bytes = fs.readFileSync(file);
  const dataSet = dicomParser.parseDicom(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  const rows = dataSet.uint16('x00280010') ?? 0;
  const columns = dataSet.uint16('x00280011') ?? 0;
  const [x0, y0, z] = [0, 1, 2].map((i) => dataSet.floatString('x00200032', i) ?? NaN) as [number, number, number];
  const rowSpacing = dataSet.floatString('x00280030', 0) ?? NaN;
  const columnSpacing = dataSet.floatString('x00280030', 1) ?? NaN;
  const slope = dataSet.floatString('x00281053') ?? NaN;
  const intercept = dataSet.floatString('x00281052') ?? NaN;
  const element = dataSet.elements.x7fe00010!;
  const stored = new Uint16Array(bytes.buffer.slice(bytes.byteOffset + element.dataOffset, bytes.byteOffset + element.dataOffset + element.length));
  const hu = (row: number, column: number) => (stored[row * columns + column] ?? NaN) * slope + intercept;
  // IOP 1\0\0\0\1\0: columns run along +x, rows along +y.
  return {
    dataSet,
    rows,
    columns,
    z,
    hu,
    huAt: (x, y) => hu(Math.round((y - y0) / rowSpacing), Math.round((x - x0) / columnSpacing)),
    world: (row, column) => [x0 + column * columnSpacing, y0 + row * rowSpacing],
  };
}

function inArcIndependent(x: number, y: number, cx: number, cy: number, start: number, end: number): boolean {
  // The documented convention: theta = atan2(y - cy, x - cx) in LPS, arc from start increasing to end (end may exceed 360).
  let theta = (Math.atan2(y - cy, x - cx) * 180) / Math.PI;
  while (theta < start) theta += 360;
  return theta <= end;
}

function dciodvfy(file: string): string {
  const result = spawnSync('/usr/bin/dciodvfy', [file], { encoding: 'utf8' });
  return `${result.stdout ?? ''}${result.stderr ?? ''}${result.error ? String(result.error) : ''}`;
}

const folders: string[] = [];
function folder(prefix: string): string {
  const made = temporaryFolder(prefix);
  folders.push(made);
  return made;
}
afterAll(() => folders.forEach((f) => fs.rmSync(f, { recursive: true, force: true })));

describe('generatePhantomStudy', () => {
  let dir: string;
  let truth: PhantomGroundTruth;
  let slices: Slice[];
  const options = { rows: 256, columns: 256, sliceCount: 40, sliceSpacingMm: 2.5, seed: 42 };

  beforeAll(async () => {
    dir = folder('phantom');
    truth = await generatePhantomStudy({ outDir: dir, ...options });
    slices = truth.slices.map((s) => readSlice(path.join(dir, s.fileName)));
  });

  const lesion = (id: string) => truth.lesions.find((l) => l.id === id)!;
  const femur = (side: 'left' | 'right') => truth.femora.find((f) => f.side === side)!;
  /** Patient (x, y) at mid-cortex, at the middle angle of a lesion's arc. */
  const midArcPoint = (id: string): [number, number] => {
    const l = lesion(id);
    const f = femur(l.side);
    const angle = (((l.arcStartDeg + l.arcEndDeg) / 2) * Math.PI) / 180;
    const r = (f.innerRadiusMm + f.outerRadiusMm) / 2;
    return [f.centreXMm + r * Math.cos(angle), f.centreYMm + r * Math.sin(angle)];
  };

  it('writes one file per slice and a ground truth that parses and matches the return value', () => {
    const files = fs.readdirSync(dir);
    expect(files.filter((f) => f.endsWith('.dcm'))).toHaveLength(40);
    expect(files).toContain('ground-truth.json');
    const onDisk = PhantomGroundTruthSchema.parse(JSON.parse(fs.readFileSync(path.join(dir, 'ground-truth.json'), 'utf8')));
    expect(onDisk).toEqual(truth);
  });

  it('writes the UIDs, identity and positions the ground truth lists', () => {
    truth.slices.forEach((s, i) => {
      const ds = slices[i]!.dataSet;
      expect(ds.string('x00020010')).toBe('1.2.840.10008.1.2.1');
      expect(ds.string('x00080016')).toBe('1.2.840.10008.5.1.4.1.1.2');
      expect(ds.string('x00020003')).toBe(s.sopInstanceUid);
      expect(ds.string('x00080018')).toBe(s.sopInstanceUid);
      expect(ds.string('x0020000d')).toBe(truth.studyInstanceUid);
      expect(ds.string('x0020000e')).toBe(truth.seriesInstanceUid);
      expect(ds.string('x00200052')).toBe(truth.frameOfReferenceUid);
      expect(ds.intString('x00200013')).toBe(i + 1);
      expect(slices[i]!.z).toBeCloseTo(truth.geometry.firstSliceZMm + i * 2.5, 6);
      expect(slices[i]!.z).toBeCloseTo(s.zMm, 6);
    });
    const first = slices[0]!.dataSet;
    expect(first.string('x00100010')).toBe('DEMO^PHANTOM');
    expect(first.string('x00100020')).toBe('BONEMET-DEMO-001');
    expect(first.string('x00080008')).toBe('DERIVED\\SECONDARY\\AXIAL');
    expect(first.string('x00200037')).toBe('1\\0\\0\\0\\1\\0');
    expect(new Set(truth.slices.map((s) => s.sopInstanceUid)).size).toBe(40);
  });

  it('draws cortex, marrow, muscle, fat and air at their nominal HU', () => {
    const unaffected = slices[0]!;
    const [x, y] = midArcPoint('L1');
    expect(unaffected.huAt(x, y)).toBeGreaterThan(1450);
    expect(unaffected.huAt(x, y)).toBeLessThan(1550);
    const left = femur('left');
    expect(Math.abs(unaffected.huAt(left.centreXMm, left.centreYMm) - truth.tissues.marrow)).toBeLessThan(40);
    expect(Math.abs(unaffected.huAt(left.centreXMm + 40, left.centreYMm) - truth.tissues.muscle)).toBeLessThan(40);
    // 72 mm from the thigh centre (x = 90) lies in the fat ring between 66 and 78 mm.
    expect(Math.abs(unaffected.huAt(90 + 72, 0) - truth.tissues.fat)).toBeLessThan(40);
    expect(Math.abs(unaffected.hu(0, 0) - -1000)).toBeLessThan(40);
    expect(Math.abs(unaffected.huAt(0, 0) - -1000)).toBeLessThan(40);
  });

  it('replaces the cortex by tumour inside the arc on involved slices', () => {
    for (const id of ['L1', 'R1']) {
      const l = lesion(id);
      const [x, y] = midArcPoint(id);
      const involved = slices[l.involvedSliceIndices.first]!;
      expect(Math.abs(involved.huAt(x, y) - truth.tissues.tumour)).toBeLessThan(40);
    }
  });

  it('matches the ground-truth arc fraction counted from the pixels of the cortical ring', () => {
    for (const id of ['L1', 'R1']) {
      const l = lesion(id);
      const f = femur(l.side);
      const slice = slices[Math.round((l.involvedSliceIndices.first + l.involvedSliceIndices.last) / 2)]!;
      let ring = 0;
      let destroyed = 0;
      let disagreements = 0;
      for (let row = 0; row < slice.rows; row++) {
        for (let column = 0; column < slice.columns; column++) {
          const [x, y] = slice.world(row, column);
          const r = Math.hypot(x - f.centreXMm, y - f.centreYMm);
          if (r < f.innerRadiusMm || r > f.outerRadiusMm) continue;
          ring++;
          const lost = slice.hu(row, column) < 700;
          if (lost) destroyed++;
          if (lost !== inArcIndependent(x, y, f.centreXMm, f.centreYMm, l.arcStartDeg, l.arcEndDeg)) disagreements++;
        }
      }
      expect(ring).toBeGreaterThan(150);
      expect(Math.abs(destroyed / ring - l.circumferentialFraction)).toBeLessThan(0.02);
      // Pixel by pixel, the drawing follows the documented angle convention.
      expect(disagreements).toBe(0);
    }
    expect(lesion('L1').circumferentialFraction).toBeCloseTo(0.6, 6);
    expect(lesion('R1').circumferentialFraction).toBeCloseTo(0.25, 6);
  });

  it('replaces adjacent marrow by tumour (mean HU of the marrow part of the lesion)', () => {
    const l = lesion('L1');
    const f = femur('left');
    const slice = slices[l.involvedSliceIndices.first + 2]!;
    const inside: number[] = [];
    const outside: number[] = [];
    for (let row = 0; row < slice.rows; row++) {
      for (let column = 0; column < slice.columns; column++) {
        const [x, y] = slice.world(row, column);
        const r = Math.hypot(x - f.centreXMm, y - f.centreYMm);
        if (r >= f.innerRadiusMm) continue;
        const tumour = r >= l.tumourInnerRadiusMm && inArcIndependent(x, y, f.centreXMm, f.centreYMm, l.arcStartDeg, l.arcEndDeg);
        (tumour ? inside : outside).push(slice.hu(row, column));
      }
    }
    const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
    expect(inside.length).toBeGreaterThan(20);
    expect(Math.abs(mean(inside) - truth.tissues.tumour)).toBeLessThan(4);
    expect(Math.abs(mean(outside) - truth.tissues.marrow)).toBeLessThan(4);
  });

  it('matches the ground-truth axial extent counted from the slices', () => {
    for (const id of ['L1', 'R1']) {
      const l = lesion(id);
      const [x, y] = midArcPoint(id);
      const involved = slices.map((s, i) => ({ i, z: s.z, lost: s.huAt(x, y) < 700 })).filter((s) => s.lost);
      // One contiguous run of slices.
      expect(involved.at(-1)!.i - involved[0]!.i + 1).toBe(involved.length);
      expect(involved.length * 2.5).toBeCloseTo(l.axialExtentMm, 6);
      expect(involved[0]!.z - 1.25).toBeCloseTo(l.zStartMm, 6);
      expect(involved.at(-1)!.z + 1.25).toBeCloseTo(l.zEndMm, 6);
      expect(l.zEndMm - l.zStartMm).toBeCloseTo(l.axialExtentMm, 6);
    }
    // Van der Linden: the large lesion is positive on both criteria, the small one on neither.
    expect(lesion('L1').axialExtentMm).toBeGreaterThan(30);
    expect(lesion('L1').circumferentialFraction).toBeGreaterThan(0.5);
    expect(lesion('R1').axialExtentMm).toBeLessThan(30);
    expect(lesion('R1').circumferentialFraction).toBeLessThan(0.5);
    expect(lesion('L1').side).toBe('left');
    expect(femur('left').centreXMm).toBeGreaterThan(0); // patient left is +x in LPS
  });

  it('passes dciodvfy without errors', () => {
    const output = dciodvfy(path.join(dir, truth.slices[0]!.fileName));
    expect(output, output).toContain('CTImage');
    expect(output.split('\n').filter((line) => line.startsWith('Error')), output).toEqual([]);
  });

  it('is deterministic in the seed', async () => {
    const small = { rows: 64, columns: 64, sliceCount: 4, sliceSpacingMm: 5 };
    const [dirA, dirB, dirC] = [folder('phantom-a'), folder('phantom-b'), folder('phantom-c')];
    const a = await generatePhantomStudy({ outDir: dirA, ...small, seed: 7 });
    const b = await generatePhantomStudy({ outDir: dirB, ...small, seed: 7 });
    const c = await generatePhantomStudy({ outDir: dirC, ...small, seed: 8 });
    expect(b.slices.map((s) => s.sopInstanceUid)).toEqual(a.slices.map((s) => s.sopInstanceUid));
    expect(b.studyInstanceUid).toBe(a.studyInstanceUid);
    const read = (dir: string, truth: PhantomGroundTruth) => readSlice(path.join(dir, truth.slices[0]!.fileName));
    expect(read(dirB, b).dataSet.string('x00080018')).toBe(read(dirA, a).dataSet.string('x00080018'));
    // Same seed: byte-identical files, noise included.
    const bytes = (dir: string, truth: PhantomGroundTruth) => fs.readFileSync(path.join(dir, truth.slices[0]!.fileName));
    expect(bytes(dirB, b).equals(bytes(dirA, a))).toBe(true);
    expect(bytes(dirC, c).equals(bytes(dirA, a))).toBe(false);
    expect(c.studyInstanceUid).not.toBe(a.studyInstanceUid);
    expect(c.seriesInstanceUid).not.toBe(a.seriesInstanceUid);
    const cUids = new Set(c.slices.map((s) => s.sopInstanceUid));
    expect(a.slices.some((s) => cUids.has(s.sopInstanceUid))).toBe(false);
  });
});

describe('writeSyntheticCorpus', () => {
  it('writes valid CT files in folders per series with distinct UIDs and correct positions', async () => {
    const dir = folder('corpus');
    const summary = await writeSyntheticCorpus({ outDir: dir, fileCount: 25, seriesSize: 10, rows: 64, columns: 64, seed: 3, seriesPerStudy: 2 });
    expect(summary.fileCount).toBe(25);
    expect(summary.series.map((s) => s.fileCount)).toEqual([10, 10, 5]);
    expect(summary.studyCount).toBe(2);
    const sopUids = new Set<string>();
    for (const series of summary.series) {
      const files = fs.readdirSync(series.directory).sort();
      expect(files).toHaveLength(series.fileCount);
      files.forEach((file, i) => {
        const slice = readSlice(path.join(series.directory, file));
        const ds = slice.dataSet;
        const uid = ds.string('x00080018')!;
        expect(uid).toMatch(/^2\.25\.[1-9][0-9]{37}$/);
        expect(ds.string('x00020003')).toBe(uid);
        sopUids.add(uid);
        expect(ds.string('x0020000e')).toBe(series.seriesInstanceUid);
        expect(ds.string('x0020000d')).toBe(series.studyInstanceUid);
        expect(ds.intString('x00200013')).toBe(i + 1);
        expect(slice.z).toBeCloseTo(i * 1.25, 6);
        expect(ds.floatString('x00201041')).toBeCloseTo(i * 1.25, 6);
        expect(ds.elements.x7fe00010!.length).toBe(64 * 64 * 2);
        expect(Math.abs(slice.hu(0, 0) - -1000)).toBeLessThan(40);
      });
    }
    expect(sopUids.size).toBe(25);
    const last = path.join(summary.series[2]!.directory, 'IM00005.dcm');
    const output = dciodvfy(last);
    expect(output.split('\n').filter((line) => line.startsWith('Error')), output).toEqual([]);
  });
});
