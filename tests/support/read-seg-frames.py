"""Reads a DICOM SEG and its source images with pydicom alone; prints each frame as JSON.

Usage: python3 read-seg-frames.py SEG_FILE SOURCE_DIR
For every frame: its segment, the source image it names, whether the frame's Image Position
(Patient) is that image's, and the patient point (LPS mm) of the centroid of its pixels, placed by
the source image's own position, orientation and pixel spacing; the frame's pixel count too.
"""
import json
import os
import sys

import numpy as np
import pydicom

seg = pydicom.dcmread(sys.argv[1])
sources = {}
for name in os.listdir(sys.argv[2]):
    ds = pydicom.dcmread(os.path.join(sys.argv[2], name), stop_before_pixels=True)
    sources[ds.SOPInstanceUID] = ds
frames = seg.pixel_array.reshape(int(seg.NumberOfFrames), seg.Rows, seg.Columns)
shared = seg.SharedFunctionalGroupsSequence[0]
out = []
for i, f in enumerate(seg.PerFrameFunctionalGroupsSequence):
    sop = f.DerivationImageSequence[0].SourceImageSequence[0].ReferencedSOPInstanceUID
    src = sources[sop]
    rows, cols = np.nonzero(frames[i])
    iop = np.array(src.ImageOrientationPatient, dtype=float)
    row_spacing, col_spacing = (float(v) for v in src.PixelSpacing)
    centroid = np.array(src.ImagePositionPatient, dtype=float) + cols.mean() * col_spacing * iop[:3] + rows.mean() * row_spacing * iop[3:]
    out.append({
        "segment": int(f.SegmentIdentificationSequence[0].ReferencedSegmentNumber),
        "sop": sop,
        "positionMatches": bool(np.allclose([float(v) for v in f.PlanePositionSequence[0].ImagePositionPatient], [float(v) for v in src.ImagePositionPatient], atol=1e-3)),
        "orientationMatches": bool(np.allclose([float(v) for v in shared.PlaneOrientationSequence[0].ImageOrientationPatient], iop, atol=1e-4)),
        "spacingMatches": bool(np.allclose([float(v) for v in shared.PixelMeasuresSequence[0].PixelSpacing], [row_spacing, col_spacing], atol=1e-6)),
        "centroid": [float(v) for v in centroid],
        "pixels": int(frames[i].sum()),
    })
print(json.dumps(out))
