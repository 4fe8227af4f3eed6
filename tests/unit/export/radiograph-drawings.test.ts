import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANNOTATION_SCHEMA_VERSION, type Annotation, type AnnotationTool, type WorldPoint } from '@shared/annotation/annotation';
import { uuidToUid } from '@shared/dicom/uid';
import { encodeDataset } from '../../../electron/core/export/dicom/export-file';
import { naturalize, parsePart10 } from '../../../electron/core/export/dicom/part10-io';
import { annotationItems } from '../../../electron/core/export/sr/annotation-items';
import { viewerPixelPlane } from '../../../electron/core/export/sr/image-pixel-plane';
import { exportMeasurementReports } from '../../../electron/core/export/sr/export-measurement-reports';
import { readMeasurementReport, restoreMeasurementReport } from '../../../electron/core/export/sr/read-measurement-report';
import { studyInstances } from '../../../electron/core/index/instance-queries';
import { findingsDocument } from '../../../electron/core/pacs/findings-document';
import { readTeamPublication } from '../../../electron/core/pacs/read-team-publication';
import { publicationStudyContext } from '../../../electron/core/pacs/team-study-context';
import { saveAttachedDrawing } from '../../support/attach-drawing';
import { runExportCommand } from '../../support/cli-in-process';
import { CR_RADIOGRAPH, DX_RADIOGRAPH, DX_SPACING, fileRadiographInStudy } from '../../support/radiograph-in-study';
import { PHANTOM_IDENTITY, phantomFixture, type PhantomFixture } from './dicom-export-fixture';
import { dciodvfy, dsrdump } from './dicom-tools';

// Real radiographs filed in the phantom CT's study, with drawings on them beside the CT's:
// highdicom's DX (169 rows x 211 columns, Pixel Spacing 1.2\1.2012, no Frame of Reference, no Image
// Position or Orientation) and pydicom's 16 x 16 CR (Imager Pixel Spacing 0.1 only: no Pixel
// Spacing). The viewer (Cornerstone) places such an image with the centre of its top left pixel at
// the origin, columns along +x and rows along +y, the spacing rule's spacing apart (measurementSpacing:
// the DX's Pixel Spacing, the CR's Imager Pixel Spacing, both at the detector): a drawing's world
// point [x, y, 0] on the DX is DICOM image coordinate column x / 1.2012 + 0.5, row y / 1.2 + 0.5.

const [ROW_MM, COLUMN_MM] = [DX_SPACING.rowMm, DX_SPACING.columnMm];

/** The world point the viewer gives the DICOM image coordinate column\row of the radiograph. */
const onRadiograph = (column: number, row: number): WorldPoint => [(column - 0.5) * COLUMN_MM, (row - 0.5) * ROW_MM, 0];

let fixture: PhantomFixture;
let radiograph: { sopInstanceUid: string; seriesInstanceUid: string };
let drawings: Annotation[];
/** A Length across the CR, 10 pixels long: the viewer measured it with Imager Pixel Spacing, 1 mm at the detector. */
let onCr: Annotation;
/** The image coordinates each drawing was drawn at (column, row), by drawing id. */
const drawnAt = new Map<string, [number, number][]>();
let file: string;

beforeAll(async () => {
  fixture = await phantomFixture({
    dress: (imagesDir, truth) => {
      const study = { studyInstanceUid: truth.studyInstanceUid, ...PHANTOM_IDENTITY };
      fileRadiographInStudy(DX_RADIOGRAPH, imagesDir, study);
      fileRadiographInStudy(CR_RADIOGRAPH, imagesDir, study);
    },
  });
  const instances = studyInstances(fixture.db, fixture.truth.studyInstanceUid);
  const dx = instances.find((i) => i.modality === 'DX')!;
  const cr = instances.find((i) => i.modality === 'CR')!;
  radiograph = { sopInstanceUid: dx.sopInstanceUid, seriesInstanceUid: dx.seriesInstanceUid };
  let n = 0;
  const drawing = (tool: AnnotationTool, pixels: [number, number][], measurements: Record<string, number>, text: string | null = null): Annotation => {
    const id = `e0000000-0000-4000-8000-${String(++n).padStart(12, '0')}`;
    drawnAt.set(id, pixels);
    return {
      schemaVersion: ANNOTATION_SCHEMA_VERSION, id, lesionId: null, studyInstanceUid: fixture.truth.studyInstanceUid, ...radiograph,
      frameOfReferenceUid: null, frameNumber: 1, viewPlaneNormal: null, viewUp: null, tool, points: pixels.map(([c, r]) => onRadiograph(c, r)), text, measurements,
      reader: 'AB', createdAt: '2026-02-01T10:00:00.000Z', updatedAt: '2026-02-01T10:05:00.000Z',
    };
  };
  const lesion = fixture.lesions[0]!;
  drawings = [
    drawing('Length', [[20.5, 30.5], [180.25, 150.75]], { length: 245.3217 }),
    drawing('PlanarFreehandROI', [[50, 40], [90, 42.5], [95, 100], [48, 97]], { area: 3217.5, perimeter: 230.1 }),
    drawing('EllipticalROI', [[100, 60], [100, 120], [70, 90], [130, 90]], { area: 4071.5, mean: 1234.5 }),
    drawing('Probe', [[210.5, 168.5]], { value: 512 }),
    drawing('ArrowAnnotate', [[10, 10], [40, 25]], {}, 'Lytic lesion, proximal femur'),
  ].map((d) => saveAttachedDrawing(fixture.db, d, lesion.id, 'AB'));
  const crLength = drawing('Length', [[2.5, 3.5], [12.5, 3.5]], { length: 1 });
  onCr = saveAttachedDrawing(fixture.db, { ...crLength, seriesInstanceUid: cr.seriesInstanceUid, sopInstanceUid: cr.sopInstanceUid, points: [[0.2, 0.3, 0], [1.2, 0.3, 0]] }, lesion.id, 'AB');
  const written = exportMeasurementReports(fixture.db, fixture.truth.studyInstanceUid, path.join(fixture.dataDir, 'sr'), { appVersion: '0.1.0' });
  expect(written).toHaveLength(1);
  file = written[0]!.file;
});
afterAll(() => fixture.cleanup());

type Node = Record<string, unknown>;
/** Every content item of the report, depth first. */
function contentItems(node: Node): Node[] {
  const children = (node.ContentSequence as Node[] | undefined) ?? [];
  return children.flatMap((c) => [c, ...contentItems(c)]);
}
const annotationUidOf = (item: Node) => contentItems(item).find((c) => c.ValueType === 'UIDREF' && (c.ConceptNameCodeSequence as Node[])[0]!.CodeValue === 'BM-ANN-UID')?.UID as string;

describe('drawings on a radiograph (no frame of reference) in the SR', () => {
  it('exports one SR of the study holding the CT drawings in 3D and the radiograph drawings in its pixels, valid for dciodvfy and dsrdump', () => {
    expect(fs.readdirSync(path.dirname(file))).toHaveLength(1);
    expect(dciodvfy(file).errors).toEqual([]);
    const dump = dsrdump(file);
    expect(dump.code, dump.stderr).toBe(0);
    const lines = dump.stdout.split('\n');
    // The CT's seven drawings stay SCOORD3D; the radiograph's five are SCOORD selected from the DX image.
    expect(lines.filter((l) => l.includes('<inferred from SCOORD3D:(111030,DCM,"Image Region")=('))).toHaveLength(7);
    const regions = lines.flatMap((l, i) => (l.includes('<inferred from SCOORD:(111030,DCM,"Image Region")=(') ? [[l, lines[i + 1]!]] : []));
    expect(regions).toHaveLength(6);
    // Each region's one child: the radiograph it was selected from.
    expect(regions.map(([, child]) => /<selected from IMAGE:=\((\w+) image,\)>$/.exec(child ?? '')?.[1])).toEqual(['DX', 'DX', 'DX', 'DX', 'DX', 'CR']);
    expect(regions[0]![0]).toContain('=(POLYLINE,20.5/30.5,180.25/150.75)>');
    // The CR's Length, 0.1 mm per pixel (Imager Pixel Spacing): its points' centres plus a half.
    expect(regions[5]![0]).toContain('=(POLYLINE,2.5/3.5,12.5/3.5)>');
    const dataset = naturalize(parsePart10(fs.readFileSync(file), file).dict) as Node;
    const evidence = ((dataset.CurrentRequestedProcedureEvidenceSequence as Node[])[0]!.ReferencedSeriesSequence as Node[]).map((s) => s.SeriesInstanceUID);
    expect(evidence).toContain(radiograph.seriesInstanceUid);
    expect(evidence).toContain(fixture.truth.seriesInstanceUid);
  });

  it('writes each radiograph drawing at the image columns and rows it was drawn on (within 0.01 px), a closed contour as a closed POLYLINE', () => {
    const dataset = naturalize(parsePart10(fs.readFileSync(file), file).dict) as Node;
    const annotations = contentItems(dataset).filter((c) => (c.ConceptNameCodeSequence as Node[] | undefined)?.[0]?.CodeValue === 'BM-ANN');
    for (const d of drawings) {
      const item = annotations.find((a) => annotationUidOf(a) === uuidToUid(d.id))!;
      const region = (item.ContentSequence as Node[]).find((c) => c.ValueType === 'SCOORD')!;
      const expected = drawnAt.get(d.id)!;
      const written = region.GraphicType === 'POLYLINE' && d.tool === 'PlanarFreehandROI' ? [...expected, expected[0]!] : expected;
      const data = (region.GraphicData as number[]).map(Number);
      expect(data).toHaveLength(written.length * 2);
      written.forEach(([c, r], i) => {
        expect(Math.abs(data[2 * i]! - c), `${d.tool} column ${i}`).toBeLessThan(0.01);
        expect(Math.abs(data[2 * i + 1]! - r), `${d.tool} row ${i}`).toBeLessThan(0.01);
      });
    }
    const types = Object.fromEntries(drawings.map((d) => [d.tool, (contentItems(dataset).find((c) => c.ValueType === 'SCOORD' && annotations.some((a) => annotationUidOf(a) === uuidToUid(d.id) && (a.ContentSequence as Node[]).includes(c))) as Node).GraphicType]));
    expect(types).toEqual({ Length: 'POLYLINE', PlanarFreehandROI: 'POLYLINE', EllipticalROI: 'ELLIPSE', Probe: 'POINT', ArrowAnnotate: 'POLYLINE' });
  });

  it('keeps the radiograph drawings\' figures with their units: mm at the detector on the DX and on the CR with Imager Pixel Spacing alone', () => {
    const dump = dsrdump(file).stdout.split('\n');
    const unitsOf = (key: string) => [...new Set(dump.filter((l) => l.includes(`(BM-MEAS-${key},`)).map((l) => /="([^"]+)" \(([^,]+),UCUM,"([^"]+)"\)>$/.exec(l)!.slice(1).join(' ')))];
    expect({ length: unitsOf('length'), area: unitsOf('area'), perimeter: unitsOf('perimeter') }).toEqual({
      length: ['245.3217 mm millimeter', '1 mm millimeter'],
      area: ['3217.5 mm2 square millimeter', '4071.5 mm2 square millimeter'],
      perimeter: ['230.1 mm millimeter'],
    });
  });

  it('tells the SR reader that each radiograph drawing\'s mm lie at the detector, not corrected for magnification; the CT drawings say nothing of it', () => {
    const dataset = naturalize(parsePart10(fs.readFileSync(file), file).dict) as Node;
    const annotations = contentItems(dataset).filter((c) => (c.ConceptNameCodeSequence as Node[] | undefined)?.[0]?.CodeValue === 'BM-ANN');
    const planeOf = (a: Node) => ((a.ContentSequence as Node[]).find((c) => (c.ConceptNameCodeSequence as Node[])[0]!.CodeValue === 'BM-SPACING-PLANE')?.TextValue as string | undefined) ?? null;
    const onRadiographs = new Set([...drawings, onCr].filter((d) => Object.keys(d.measurements).some((k) => k !== 'value' && k !== 'mean')).map((d) => uuidToUid(d.id)));
    const notes = annotations.map((a) => [onRadiographs.has(annotationUidOf(a)), planeOf(a)] as const);
    expect(notes.filter(([radiograph]) => radiograph).map(([, note]) => note)).toEqual(Array(onRadiographs.size).fill('detector: measured at the detector plane, not corrected for radiographic magnification: the patient\'s size is this divided by 1.0 to 1.3'));
    expect(notes.filter(([radiograph, note]) => !radiograph && note !== null)).toEqual([]);
  });

  it('restores every radiograph drawing equal through import-sr\'s reading, on the same image', () => {
    const restored = readMeasurementReport(file);
    for (const d of [...drawings, onCr]) expect(restored.annotations.find((a) => a.id === d.id)).toEqual(d);
    // The CT drawings come back too: one report restores the study's whole findings.
    expect(restored.annotations).toHaveLength(fixture.annotations.length + drawings.length + 1);
  });

  it('restores the same drawings from the standard content alone (no JSON record): points within 0.01 px, on the same image, tool and figures equal', () => {
    const withoutRecord = (node: Node): Node => ({
      ...node,
      ...(node.ContentSequence ? { ContentSequence: (node.ContentSequence as Node[]).filter((c) => (c.ConceptNameCodeSequence as Node[] | undefined)?.[0]?.CodeValue !== 'BM-RECORD').map(withoutRecord) } : {}),
    });
    const dataset = withoutRecord(naturalize(parsePart10(fs.readFileSync(file), file).dict) as Node);
    expect(JSON.stringify(dataset)).not.toContain('BM-RECORD');
    const restored = restoreMeasurementReport(dataset, file).annotations;
    for (const d of drawings) {
      const back = restored.find((a) => a.id === d.id)!;
      expect({ ...back, points: null }).toEqual({ ...d, points: null });
      expect(back.points).toHaveLength(d.points.length);
      back.points.forEach((p, i) => {
        const [column, row] = drawnAt.get(d.id)![i]!;
        expect(Math.abs(p[0] / COLUMN_MM + 0.5 - column), `${d.tool} column ${i}`).toBeLessThan(0.01);
        expect(Math.abs(p[1] / ROW_MM + 0.5 - row), `${d.tool} row ${i}`).toBeLessThan(0.01);
        expect(p[2]).toBe(0);
      });
    }
  });

  it('export sr on the command line writes the study\'s one SR with them, and the de-identified research dataset\'s SR holds them too', async () => {
    const srOut = path.join(fixture.dataDir, 'cli-sr');
    await runExportCommand(['export', 'sr', '--study', fixture.truth.studyInstanceUid, '--out', srOut, '--no-pacs'], fixture.dataDir);
    const [cliFile, ...more] = fs.readdirSync(srOut);
    expect(more).toEqual([]);
    const scoords = (dump: string) => dump.split('\n').filter((l) => l.includes('<inferred from SCOORD:(111030,DCM,"Image Region")=(')).length;
    expect(scoords(dsrdump(path.join(srOut, cliFile!)).stdout)).toBe(6);
    const datasetOut = path.join(fixture.dataDir, 'dataset');
    await runExportCommand(['export', 'dataset', '--study', fixture.truth.studyInstanceUid, '--out', datasetOut, '--json'], fixture.dataDir);
    const srFiles = fs.readdirSync(datasetOut, { recursive: true, encoding: 'utf8' }).filter((f) => /SR.*\.dcm$/.test(path.basename(f)));
    expect(srFiles).toHaveLength(1);
    const deidentified = path.join(datasetOut, srFiles[0]!);
    expect(dciodvfy(deidentified).errors).toEqual([]);
    expect(scoords(dsrdump(deidentified).stdout)).toBe(6);
  });

  it('refuses, saying what to do, only a drawing on an image whose Pixel Spacing is not positive (0\\0, as RG1_J2KI has)', () => {
    const plane = viewerPixelPlane({ pixelSpacing: [0, 0], measurementSpacing: { spacing: null, plane: 'none' }, imagePositionPatient: null, imageOrientationPatient: null });
    expect(plane).toBeNull();
    const options = { sopClassUid: '1.2.840.10008.5.1.4.1.1.1', multiFrame: false, deidentified: false, pixelPlane: plane, spacingPlane: 'none' as const };
    expect(() => annotationItems(drawings[0]!, options)).toThrow(/has no frame of reference and a Pixel Spacing that is not positive: .* Remove the drawing from the lesion, or delete it, then export\./);
  });

  it('carries the radiograph drawings in the team publication, read back equal by another workstation', () => {
    const lesion = { ...fixture.lesions[0]!, attachedAnnotationIds: [...fixture.lesions[0]!.attachedAnnotationIds, ...drawings.map((d) => d.id), onCr.id] };
    const annotations = [...fixture.annotations.filter((a) => a.lesionId === lesion.id), ...drawings, onCr];
    const study = publicationStudyContext(fixture.db, fixture.truth.studyInstanceUid, [lesion]);
    const document = findingsDocument(
      {
        kind: 'findings', studyInstanceUid: fixture.truth.studyInstanceUid, reader: { initials: 'AB', name: 'Anna Berg' },
        workstation: { id: '0f000000-0000-4000-8000-000000000001', name: 'ws-radiology' }, version: 1, instanceNumber: 1,
        seriesInstanceUid: '2.25.4242', sopInstanceUid: '2.25.4243', at: '2026-02-01T11:00:00.000Z', predecessor: null, lesions: [lesion], annotations, withdrawn: [],
      },
      study,
      '0.1.0',
    );
    const bytes = encodeDataset(document);
    const published = path.join(fixture.dataDir, 'publication.dcm');
    fs.writeFileSync(published, bytes);
    expect(dciodvfy(published).errors).toEqual([]);
    const received = readTeamPublication(bytes, '2.25.4243');
    expect(received.kind).toBe('findings');
    for (const d of [...drawings, onCr]) expect(received.kind === 'findings' && received.annotations.find((a) => a.id === d.id)).toEqual(d);
  });
});
