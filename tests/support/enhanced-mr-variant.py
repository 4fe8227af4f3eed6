"""Writes an Enhanced MR with its pixel spacing where that IOD puts it: in the functional groups.

Usage: python3 enhanced-mr-variant.py SOURCE OUT PLACE ROW_SPACING COL_SPACING
SOURCE is pydicom-data's emri_small.dcm (10 frames, no spacing anywhere); PLACE is "shared" (the
Shared Functional Groups' Pixel Measures) or "per-frame" (every frame's own, all equal).
"""
import sys

import pydicom
from pydicom.dataset import Dataset
from pydicom.sequence import Sequence

source, out, place, row, col = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5]
ds = pydicom.dcmread(source)


def measures():
    item = Dataset()
    measure = Dataset()
    measure.PixelSpacing = [row, col]
    measure.SliceThickness = '1.2'
    item.PixelMeasuresSequence = Sequence([measure])
    return item


if place == 'shared':
    ds.SharedFunctionalGroupsSequence = Sequence([measures()])
else:
    ds.SharedFunctionalGroupsSequence = Sequence([Dataset()])
    ds.PerFrameFunctionalGroupsSequence = Sequence([measures() for _ in range(int(ds.NumberOfFrames))])
ds.SOPInstanceUID = pydicom.uid.generate_uid(entropy_srcs=[place, ds.SOPInstanceUID])
ds.file_meta.MediaStorageSOPInstanceUID = ds.SOPInstanceUID
ds.save_as(out)
