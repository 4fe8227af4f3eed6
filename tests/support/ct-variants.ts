import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import { readStowFile } from '../../electron/core/pacs/dicomweb/stow-rs';
import { SHARED_DICOM } from './paths';
import { runPython } from './python-runner';

const CT_SMALL = path.join(SHARED_DICOM, 'pydicom/CT_small.dcm');

/** Runs a pydicom script on CT_small (argv[1]) with more arguments; fails the test with its error. */
function pydicom(script: string, ...args: string[]): void {
  const made = runPython(['-c', script, CT_SMALL, ...args]);
  expect(made.status, made.stderr).toBe(0);
}

/** CT_small with a 20 KB private element before its Series Instance UID: a header longer than the 16 KiB read first. */
export function ctWithLongHeader(folder: string): Buffer {
  const out = path.join(folder, 'long-header.dcm');
  pydicom(
    `import pydicom, sys
ds = pydicom.dcmread(sys.argv[1])
ds.private_block(0x0009, 'BONEMET TEST', create=True).add_new(0x01, 'OB', bytes(20000))
ds.save_as(sys.argv[2])`,
    out,
  );
  return fs.readFileSync(out);
}

/** CT_small as another instance of another series of the same study (as a second series of the study on the PACS). */
export function ctOfSecondSeries(folder: string, seriesUid: string, sopUid: string): Buffer {
  const out = path.join(folder, 'second-series.dcm');
  pydicom(
    `import pydicom, sys
ds = pydicom.dcmread(sys.argv[1])
ds.SeriesInstanceUID = sys.argv[3]
ds.SOPInstanceUID = sys.argv[4]
ds.file_meta.MediaStorageSOPInstanceUID = sys.argv[4]
ds.SeriesNumber = 99
ds.save_as(sys.argv[2])`,
    out,
    seriesUid,
    sopUid,
  );
  return fs.readFileSync(out);
}

/** CT_small as `count` instances (SOP `${seriesUid}.n`, numbered n from 1) of another series of the same study, in one Python run. */
export function ctSeries(folder: string, seriesUid: string, count: number): { sop: string; bytes: Buffer }[] {
  const out = path.join(folder, 'series');
  fs.mkdirSync(out, { recursive: true });
  pydicom(
    `import pydicom, sys, os
for i in range(int(sys.argv[4])):
    ds = pydicom.dcmread(sys.argv[1])
    sop = sys.argv[3] + '.' + str(i + 1)
    ds.SeriesInstanceUID = sys.argv[3]
    ds.SOPInstanceUID = sop
    ds.file_meta.MediaStorageSOPInstanceUID = sop
    ds.SeriesNumber = 2
    ds.InstanceNumber = i + 1
    ds.save_as(os.path.join(sys.argv[2], sop + '.dcm'))`,
    out,
    seriesUid,
    String(count),
  );
  return Array.from({ length: count }, (_, i) => `${seriesUid}.${i + 1}`).map((sop) => ({ sop, bytes: fs.readFileSync(path.join(out, `${sop}.dcm`)) }));
}

/**
 * CT_small under another SOP Instance UID (as long) whose Transfer Syntax UID is not a UID: its
 * identity reads, the importer refuses it.
 */
export function ctTheIndexRefuses(): { sop: string; bytes: Buffer } {
  const ct = readStowFile(CT_SMALL);
  const sop = `${ct.sopInstanceUid.slice(0, -1)}9`;
  const bytes = Buffer.from(ct.bytes);
  for (const [from, to] of [[ct.sopInstanceUid, sop], ['1.2.840.10008.1.2.1\0', '1.2.840.10008.1.2.1x']] as const) {
    for (let at = bytes.indexOf(from, 0, 'latin1'); at >= 0; at = bytes.indexOf(from, at + 1, 'latin1')) bytes.write(to, at, 'latin1');
  }
  return { sop, bytes };
}
