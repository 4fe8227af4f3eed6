import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readManifest } from '../../support/manifest';
import { REPO_ROOT, SHARED_DICOM, temporaryFolder } from '../../support/paths';

// The whole shared DICOM set imported through the CLI, then checked file by file against its manifest.
const manifest = readManifest();
let dataDir: string;
let report: {
  filesSeen: number; indexed: number; duplicates: number; dicomdirs: number; reported: { path: string; reason: string }[]; unchanged: number;
  duplicateFiles: { path: string; sopInstanceUid: string; duplicateOf: string }[];
};
let db: Database.Database;
let secondRun: typeof report;

const cli = (args: string[]) =>
  JSON.parse(execFileSync(process.execPath, [path.join(REPO_ROOT, 'electron/cli/launch.mjs'), ...args], { encoding: 'utf8' }));

beforeAll(() => {
  dataDir = temporaryFolder('shared-set');
  report = cli(['import', SHARED_DICOM, '--data-dir', dataDir, '--json']);
  secondRun = cli(['import', SHARED_DICOM, '--data-dir', dataDir, '--json']);
  db = new Database(path.join(dataDir, 'bonemet.sqlite'), { readonly: true });
});
afterAll(() => {
  db.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const abs = (relative: string) => path.join(SHARED_DICOM, relative);
// An indexed file is remembered by its instance row; every other outcome by its scanned_files row.
const outcomeOf = (relative: string) =>
  (db.prepare("SELECT 'indexed' AS outcome, NULL AS reason, sop_instance_uid AS sop FROM instances WHERE file_path = ?").get(abs(relative)) ??
    db.prepare('SELECT outcome, reason, sop_instance_uid AS sop FROM scanned_files WHERE path = ?').get(abs(relative))) as
    | { outcome: string; reason: string | null; sop: string | null }
    | undefined;
const indexedPath = (sop: string) => db.prepare('SELECT file_path FROM instances WHERE sop_instance_uid = ?').pluck().get(sop) as string | undefined;

describe('importing ../shared/dicom through the CLI', () => {
  it('sees every file on disk once, and accounts for each', () => {
    const onDisk = fs.readdirSync(SHARED_DICOM, { recursive: true, withFileTypes: true }).filter((d) => d.isFile()).length;
    expect(report.filesSeen).toBe(onDisk);
    expect(report.indexed + report.duplicates + report.dicomdirs + report.reported.length).toBe(onDisk);
  });

  it.each(manifest.filter((r) => r.sop_class !== '' && r.series_uid !== ''))('indexes $path', (row) => {
    const outcome = outcomeOf(row.path);
    expect(outcome?.outcome, `${row.path}: ${outcome?.reason}`).toMatch(/^(indexed|duplicate)$/);
    // A duplicate is a second file with a SOP Instance UID already indexed from another file.
    const holder = indexedPath(outcome!.sop!);
    if (outcome!.outcome === 'indexed') expect(holder).toBe(abs(row.path));
    else expect(holder).not.toBe(abs(row.path));
  });

  it('lists every duplicate file it skipped, with the SOP Instance UID it shares and the file that holds it', () => {
    expect(report.duplicates).toBeGreaterThan(0);
    expect(report.duplicateFiles).toHaveLength(report.duplicates);
    for (const duplicate of report.duplicateFiles) {
      expect(outcomeOf(path.relative(SHARED_DICOM, duplicate.path))).toMatchObject({ outcome: 'duplicate', sop: duplicate.sopInstanceUid });
      expect(indexedPath(duplicate.sopInstanceUid)).toBe(duplicate.duplicateOf);
      expect(duplicate.duplicateOf).not.toBe(duplicate.path);
    }
    // Seen again unchanged, they are counted as unchanged, not listed as skipped again.
    expect(secondRun.duplicateFiles).toEqual([]);
  });

  it('reports non-DICOM files with what they are', () => {
    const reasons = new Map(report.reported.map((r) => [path.relative(SHARED_DICOM, r.path), r.reason]));
    expect(reasons.get('pydicom/zipMR.gz')).toMatch(/gzip/);
    expect(reasons.get('highdicom/frame_rgb.jpeg')).toMatch(/JPEG image/);
    expect(reasons.get('manifest.csv')).toMatch(/text/);
    expect(reasons.get('pydicom/no_meta.dcm')).toMatch(/DICM/);
    for (const row of manifest.filter((r) => r.category === 'non-dicom')) expect(reasons.has(row.path)).toBe(true);
  });

  it('follows DICOMDIRs rather than counting them as images', () => {
    const dicomdirs = manifest.filter((r) => path.basename(r.path).startsWith('DICOMDIR'));
    expect(dicomdirs.length).toBeGreaterThan(5);
    for (const row of dicomdirs) {
      const outcome = outcomeOf(row.path)!;
      expect(outcome.outcome === 'dicomdir' || /DICOMDIR could not be read/.test(outcome.reason ?? ''), row.path).toBe(true);
      expect(db.prepare('SELECT count(*) FROM instances WHERE file_path = ?').pluck().get(abs(row.path))).toBe(0);
    }
    expect(report.dicomdirs).toBeGreaterThanOrEqual(dicomdirs.length - 1);
  });

  it('indexes every series of the manifest whole', () => {
    const bySeries = new Map<string, string[]>();
    for (const row of manifest.filter((r) => r.series_uid)) bySeries.set(row.series_uid, [...(bySeries.get(row.series_uid) ?? []), row.path]);
    for (const [seriesUid, files] of bySeries) {
      const distinctSops = new Set(files.map((f) => outcomeOf(f)?.sop).filter(Boolean));
      const inIndex = db.prepare('SELECT count(*) FROM instances i JOIN series s ON s.id = i.series_ref WHERE s.series_uid = ?').pluck().get(seriesUid);
      expect(inIndex, seriesUid).toBe(distinctSops.size);
    }
    const ct = manifest.find((r) => r.category === 'ct-series')!;
    expect(db.prepare('SELECT count(*) FROM instances i JOIN series s ON s.id = i.series_ref WHERE s.series_uid = ?').pluck().get(ct.series_uid)).toBe(72);
  });

  it('skips every unchanged file on a second import', () => {
    expect(secondRun.unchanged).toBe(report.filesSeen);
    expect(secondRun.indexed).toBe(0);
    expect(secondRun.reported.length).toBe(report.reported.length);
  });
});
