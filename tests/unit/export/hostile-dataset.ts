import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { openDatabase } from '../../../electron/core/db/open-database';
import { saveAnnotation } from '../../../electron/core/lesions/annotation-store';
import { REPO_ROOT, SHARED_DICOM } from '../../support/paths';
import type { Lesion } from '@shared/lesion/lesion';
import { filesUnder } from './export-files';
import { runPython } from '../../support/python-runner';

// What the hostile-dataset tests share: the command line run against one data folder, areas drawn
// for a lesion, and the search of a dataset's bytes for the values a planting script printed.

/** A planted value and every byte form (hex) it may take in an output file. */
export interface Needle {
  value: string;
  bytes: string[];
}

/** What one run of the command line gave. */
export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the command line (`bonemet ...`) on a data folder. */
export function runCli(dataDir: string, ...args: string[]): CliRun {
  const result = spawnSync(process.execPath, [path.join(REPO_ROOT, 'electron/cli/launch.mjs'), ...args, '--data-dir', dataDir], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/**
 * Runs a planting script of this folder (hostile-*.py) with the shared DICOM data, writing into
 * <dataDir>/incoming, then imports what it wrote, and any other folders given, through the command
 * line. Throws with the script's or the import's error output when either fails.
 * @returns the plan the script printed (what it planted), and the import's run
 */
export function plantAndImport<Plan>(dataDir: string, script: string, scriptArgs: readonly string[] = [], alsoImport: readonly string[] = []): { plan: Plan; imported: CliRun } {
  const incoming = path.join(dataDir, 'incoming');
  fs.mkdirSync(incoming, { recursive: true });
  const planted = runPython([path.join(__dirname, script), SHARED_DICOM, incoming, ...scriptArgs], { cwd: dataDir });
  if (planted.status !== 0) throw new Error(`${script} failed: ${planted.stderr}`);
  const imported = runCli(dataDir, 'import', incoming, ...alsoImport, '--json');
  if (imported.code !== 0) throw new Error(`import failed: ${imported.stderr}`);
  return { plan: JSON.parse(planted.stdout) as Plan, imported };
}

/** Adds lesion records to a study of a data folder through the command line (`lesions add`); throws with its error output when it fails. */
export function addLesions(dataDir: string, studyInstanceUid: string, lesions: readonly Lesion[]): void {
  const records = path.join(dataDir, 'lesions.json');
  fs.writeFileSync(records, JSON.stringify(lesions));
  const added = runCli(dataDir, 'lesions', 'add', '--study', studyInstanceUid, '--in', records);
  if (added.code !== 0) throw new Error(`lesions add failed: ${added.stderr}`);
}

/** Every planted value found in the bytes, each as "<where>: <value>". */
export function leaksIn(needles: readonly Needle[], where: string, bytes: Buffer): string[] {
  return needles.filter((n) => n.bytes.some((hex) => bytes.includes(Buffer.from(hex, 'hex')))).map((n) => `${where}: ${n.value}`);
}

/** Every planted value found in a folder: in each file's path, its bytes and, gzipped, its unzipped bytes. */
export function leaksUnder(needles: readonly Needle[], folder: string): string[] {
  return filesUnder(folder).flatMap((file) => {
    const relative = path.relative(folder, file);
    const bytes = fs.readFileSync(file);
    return [
      ...leaksIn(needles, `${relative} (path)`, Buffer.from(relative)),
      ...leaksIn(needles, relative, bytes),
      ...(file.endsWith('.gz') ? leaksIn(needles, `${relative} (unzipped)`, gunzipSync(bytes)) : []),
    ];
  });
}

/** A square area drawn for a lesion on one slice of an LIDC CT series (0.78125 mm pixels). */
export interface SquareArea {
  id: string;
  lesionId: string;
  studyInstanceUid: string;
  seriesInstanceUid: string;
  /** The slice's place in the series by Instance Number, from 0. */
  slice: number;
  /** The area's label: free text that a de-identified dataset must not carry. */
  text: string;
  reader: string;
}

/** Saves square areas (30 x 30 pixels from column 200, row 240) into a data folder's database. */
export function drawSquareAreas(dataDir: string, areas: readonly SquareArea[]): void {
  const db = openDatabase(dataDir);
  try {
    for (const area of areas) {
      const slices = db.prepare(`SELECT i.sop_instance_uid AS sop, i.image_position AS ipp, se.frame_of_reference_uid AS frame FROM instances i
        JOIN series se ON se.id = i.series_ref WHERE se.series_uid = ? ORDER BY i.instance_number`).all(area.seriesInstanceUid) as { sop: string; ipp: string; frame: string }[];
      const slice = slices[area.slice]!;
      const [x, y, z] = JSON.parse(slice.ipp) as number[];
      const square = [[200, 240], [230, 240], [230, 270], [200, 270]].map(([c, r]) => [x! + c! * 0.78125, y! + r! * 0.78125, z!] as [number, number, number]);
      saveAnnotation(db, {
        schemaVersion: 2, id: area.id, lesionId: area.lesionId, studyInstanceUid: area.studyInstanceUid, seriesInstanceUid: area.seriesInstanceUid,
        sopInstanceUid: slice.sop, frameNumber: 1, frameOfReferenceUid: slice.frame, viewPlaneNormal: null, viewUp: null, tool: 'PlanarFreehandROI',
        points: square, text: area.text, measurements: { areaMm2: 549.3 }, reader: area.reader, createdAt: '2026-02-01T08:00:00Z', updatedAt: '2026-02-01T08:00:00Z',
      }, area.reader);
    }
  } finally {
    db.close();
  }
}
