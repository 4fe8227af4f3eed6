"""Reads the labels of a research dataset as an outside tool would: numpy for NIfTI, pydicom for SEG.

Usage: python3 read-labels.py nifti MASK.nii.gz IMAGE.nii.gz
       python3 read-labels.py seg SEG.dcm IMAGE_FOLDER
       python3 read-labels.py frames MULTIFRAME.dcm
Prints JSON. nifti: both headers (dims, sform, qform codes) and, per label value, each labelled
voxel's RAS world point (by the mask's sform) and the image's real value at the same voxel.
seg: per frame, the segment number, the referenced SOP Instance UID and frame number (1 when the
SEG names none), the frame's Image Position (Patient), that of the image it references (found in
IMAGE_FOLDER by SOP Instance UID, and for a multi-frame image placed by the referenced frame's
functional groups; or null), and the LPS point of every set pixel by the SEG's own plane position,
orientation and spacing.
frames: each frame of a multi-frame image, placed by its per-frame else shared functional groups.
"""
import importlib.util
import json
import os
import sys

import numpy as np

# compare-nifti.py's NIfTI reader (its file name is no module name).
_spec = importlib.util.spec_from_file_location("compare_nifti", os.path.join(os.path.dirname(os.path.abspath(__file__)), "compare-nifti.py"))
compare_nifti = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(compare_nifti)
read_nifti = compare_nifti.read


def nifti(mask_path, image_path):
    mask, image = read_nifti(mask_path), read_nifti(image_path)
    out = {}
    for name, f in (("mask", mask), ("image", image)):
        out[name] = {"dims": f["dims"], "datatype": f["datatype"], "sform": f["sform"].tolist(), "sform_code": f["sform_code"], "qform_code": f["qform_code"], "intent_code": f["intent_code"], "qform": f["qform"].tolist()}
    labels = {}
    values = mask["real"].reshape(mask["dims"][:3])
    for label in sorted(int(v) for v in np.unique(values) if v != 0):
        ijk = np.argwhere(values == label).astype(float)
        world = ijk @ mask["sform"][:, :3].T + mask["sform"][:, 3]
        under = image["real"].reshape(image["dims"][:3])[tuple(ijk.astype(int).T)]
        labels[str(label)] = {"voxels": ijk.astype(int).tolist(), "ras": world.round(4).tolist(), "image": under.tolist()}
    out["labels"] = labels
    print(json.dumps(out))


def grouped(ds, k, sequence, attribute):
    """An attribute of frame k's (0-based) functional group macro, per-frame else shared, else None."""
    groups = []
    if "PerFrameFunctionalGroupsSequence" in ds:
        groups.append(ds.PerFrameFunctionalGroupsSequence[k])
    if "SharedFunctionalGroupsSequence" in ds:
        groups.append(ds.SharedFunctionalGroupsSequence[0])
    for group in groups:
        if sequence in group and attribute in group[sequence][0]:
            return [float(v) for v in group[sequence][0][attribute].value]
    return None


def frame_planes(ds):
    """Each frame of a multi-frame image: its number, position, orientation and spacing."""
    return [{
        "frame": k + 1,
        "position": grouped(ds, k, "PlanePositionSequence", "ImagePositionPatient"),
        "orientation": grouped(ds, k, "PlaneOrientationSequence", "ImageOrientationPatient"),
        "spacing": grouped(ds, k, "PixelMeasuresSequence", "PixelSpacing"),
        "rows": int(ds.Rows), "columns": int(ds.Columns),
    } for k in range(int(ds.get("NumberOfFrames", 1)))]


def frames(path):
    import pydicom

    ds = pydicom.dcmread(path, stop_before_pixels=True)
    print(json.dumps({"sopInstanceUid": str(ds.SOPInstanceUID), "frames": frame_planes(ds)}))


def seg(seg_path, folder):
    import pydicom

    positions = {}
    for root, _, files in os.walk(folder):
        for name in files:
            try:
                ds = pydicom.dcmread(os.path.join(root, name), stop_before_pixels=True)
            except Exception:
                continue
            if int(ds.get("NumberOfFrames", 1) or 1) > 1:
                for f in frame_planes(ds):
                    positions[f"{ds.SOPInstanceUID}#{f['frame']}"] = f["position"]
            elif "ImagePositionPatient" in ds:
                positions[f"{ds.SOPInstanceUID}#1"] = [float(v) for v in ds.ImagePositionPatient]
    ds = pydicom.dcmread(seg_path)
    shared = ds.SharedFunctionalGroupsSequence[0]
    iop = np.array(shared.PlaneOrientationSequence[0].ImageOrientationPatient, dtype=float)
    row_spacing, col_spacing = (float(v) for v in shared.PixelMeasuresSequence[0].PixelSpacing)
    pixels = ds.pixel_array.reshape(int(ds.NumberOfFrames), ds.Rows, ds.Columns)
    frames = []
    for i, f in enumerate(ds.PerFrameFunctionalGroupsSequence):
        source = f.DerivationImageSequence[0].SourceImageSequence[0]
        sop = str(source.ReferencedSOPInstanceUID)
        frame = int(source.get("ReferencedFrameNumber", 1))
        ipp = np.array(f.PlanePositionSequence[0].ImagePositionPatient, dtype=float)
        rows, cols = np.nonzero(pixels[i])
        lps = ipp + (cols * col_spacing)[:, None] * iop[:3] + (rows * row_spacing)[:, None] * iop[3:]
        frames.append({
            "segment": int(f.SegmentIdentificationSequence[0].ReferencedSegmentNumber),
            "referencedSop": sop, "referencedFrame": frame, "position": ipp.tolist(), "referencedPosition": positions.get(f"{sop}#{frame}"),
            "lps": lps.round(4).tolist(),
        })
    print(json.dumps({"frames": frames, "segments": [str(s.SegmentLabel) for s in ds.SegmentSequence]}))


if sys.argv[1] == "nifti":
    nifti(sys.argv[2], sys.argv[3])
elif sys.argv[1] == "frames":
    frames(sys.argv[2])
else:
    seg(sys.argv[2], sys.argv[3])
