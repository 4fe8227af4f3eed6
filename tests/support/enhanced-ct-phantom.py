"""Rewrites a folder of single-frame CT slices as one Enhanced CT Image Storage object (a series of its own).

Usage: python3 enhanced-ct-phantom.py SOURCE_DIR OUT_FILE SPEC_JSON

The frames hold the slices' pixels, placed in the per-frame functional groups (Plane Position,
and Frame Content with Stack ID, In-Stack Position and Dimension Index Values); Plane Orientation,
Pixel Measures and Pixel Value Transformation go in the shared functional groups ("macros":
"shared") or in every frame's own ("per-frame"). No position, orientation, spacing or rescale is
left at the top level. SPEC keys:
  order: "normal" (frame k is the k-th slice along the normal), "reverse" or "shuffle"
  rescaleStep: each frame k (in file order) gets intercept -1024 - k * rescaleStep (per-frame
    rescale; its stored values moved to keep every HU exact)
  stacks: frames alternate between this many Stack IDs
  tiltFrame: this frame (1-based, file order) gets another orientation
  compress: "rle" for RLE Lossless; bot: false to leave the Basic Offset Table empty
"""
import copy
import json
import os
import random
import sys

import numpy as np
import pydicom
from pydicom.dataset import Dataset
from pydicom.encaps import encapsulate
from pydicom.sequence import Sequence
from pydicom.uid import RLELossless, generate_uid

source, out, spec = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
slices = [pydicom.dcmread(os.path.join(source, name)) for name in sorted(os.listdir(source))]
first = slices[0]
normal = np.cross(np.array(first.ImageOrientationPatient[:3], float), np.array(first.ImageOrientationPatient[3:], float))
slices.sort(key=lambda s: float(np.dot(np.array(s.ImagePositionPatient, float), normal)))
spatial = {s.SOPInstanceUID: k + 1 for k, s in enumerate(slices)}
order = spec.get("order", "normal")
if order == "reverse":
    slices.reverse()
elif order == "shuffle":
    random.Random(7).shuffle(slices)
per_frame_macros = spec.get("macros", "shared") == "per-frame"
step = float(spec.get("rescaleStep", 0))
stacks = int(spec.get("stacks", 1))
tilt = spec.get("tiltFrame")


def item(**sequences):
    ds = Dataset()
    for name, value in sequences.items():
        setattr(ds, name, Sequence([value]))
    return ds


def dataset(**values):
    ds = Dataset()
    for name, value in values.items():
        setattr(ds, name, value)
    return ds


def orientation_of(s, k):
    iop = [float(v) for v in s.ImageOrientationPatient]
    if tilt is not None and k + 1 == int(tilt):
        iop = [iop[3], iop[4], iop[5], iop[0], iop[1], iop[2]]
    return dataset(ImageOrientationPatient=iop)


def measures_of(s):
    return dataset(PixelSpacing=s.PixelSpacing, SliceThickness=s.get("SliceThickness", "1.25"))


frames, per_frame = [], []
for k, s in enumerate(slices):
    slope, intercept = float(s.RescaleSlope), float(s.RescaleIntercept)
    stored = s.pixel_array.astype(np.int64)
    new_intercept = intercept - k * step
    # HU = stored * slope + intercept = (stored + k * step / slope) * slope + new_intercept
    shifted = stored + int(round(k * step / slope))
    frames.append(shifted.astype(s.pixel_array.dtype))
    group = Dataset()
    group.PlanePositionSequence = Sequence([dataset(ImagePositionPatient=s.ImagePositionPatient)])
    stack = str(k % stacks + 1)
    group.FrameContentSequence = Sequence([dataset(StackID=stack, InStackPositionNumber=spatial[s.SOPInstanceUID], DimensionIndexValues=[int(stack), spatial[s.SOPInstanceUID]])])
    if per_frame_macros or tilt is not None:
        group.PlaneOrientationSequence = Sequence([orientation_of(s, k)])
    if per_frame_macros:
        group.PixelMeasuresSequence = Sequence([measures_of(s)])
    if per_frame_macros or step:
        group.PixelValueTransformationSequence = Sequence([dataset(RescaleSlope=f"{slope:g}", RescaleIntercept=f"{new_intercept:g}", RescaleType="HU")])
    per_frame.append(group)

ds = copy.deepcopy(first)

for name in ("ImagePositionPatient", "ImageOrientationPatient", "PixelSpacing", "SliceThickness", "RescaleSlope", "RescaleIntercept", "RescaleType", "SliceLocation", "InstanceNumber"):
    if name in ds:
        delattr(ds, name)
ds.SOPClassUID = "1.2.840.10008.5.1.4.1.1.2.1"
ds.file_meta.MediaStorageSOPClassUID = ds.SOPClassUID
ds.SOPInstanceUID = generate_uid(entropy_srcs=[out, json.dumps(spec)])
ds.file_meta.MediaStorageSOPInstanceUID = ds.SOPInstanceUID
ds.SeriesInstanceUID = generate_uid(entropy_srcs=[out, json.dumps(spec), "series"])
ds.InstanceNumber = 1
ds.ImageType = ["ORIGINAL", "PRIMARY", "AXIAL"]
ds.NumberOfFrames = len(frames)
shared = Dataset()
if not per_frame_macros:
    if tilt is None:
        shared.PlaneOrientationSequence = Sequence([orientation_of(first, -1)])
    shared.PixelMeasuresSequence = Sequence([measures_of(first)])
    if not step:
        shared.PixelValueTransformationSequence = Sequence([dataset(RescaleSlope=first.RescaleSlope, RescaleIntercept=first.RescaleIntercept, RescaleType="HU")])
ds.SharedFunctionalGroupsSequence = Sequence([shared])
ds.PerFrameFunctionalGroupsSequence = Sequence(per_frame)
organization = generate_uid(entropy_srcs=[out, "dimensions"])
ds.DimensionOrganizationSequence = Sequence([dataset(DimensionOrganizationUID=organization)])
ds.DimensionIndexSequence = Sequence([
    dataset(DimensionOrganizationUID=organization, DimensionIndexPointer=0x00209056, FunctionalGroupPointer=0x00209111),
    dataset(DimensionOrganizationUID=organization, DimensionIndexPointer=0x00209057, FunctionalGroupPointer=0x00209111),
])
pixels = np.stack(frames)
ds.PixelData = pixels.tobytes()
if spec.get("compress") == "rle":
    ds.compress(RLELossless, pixels)
    if spec.get("bot") is False:
        from pydicom.encaps import generate_pixel_data_frame
        encoded = list(generate_pixel_data_frame(ds.PixelData, len(frames)))
        ds.PixelData = encapsulate(encoded, has_bot=False)
        ds["PixelData"].is_undefined_length = True
os.makedirs(os.path.dirname(out), exist_ok=True)
ds.save_as(out, write_like_original=False)
print(json.dumps({"seriesInstanceUid": ds.SeriesInstanceUID, "sopInstanceUid": ds.SOPInstanceUID, "frames": len(frames), "fileOrder": [spatial[s.SOPInstanceUID] for s in slices]}))
