"""A CT series of one cylindrical long bone with a lytic defect, on any scanner geometry.

Usage: python3 cylinder-bone-phantom.py SPEC_JSON OUT_DIR; prints the truth as JSON on stdout.

The bone is a straight tube (cortex between innerRadius and outerRadius, marrow inside) in a
cylinder of muscle and fat, its axis through `axisPoint` along `axisDirection` (patient LPS mm).
The lesion turns into tumour every point with theta in [arcStart, arcStart + arcSweep], t in
[axialStart, axialStart + axialLength] and r in [innerRadius - marrowDepth, outerRadius], theta
measured about the axis from patient +x projected off it. Voxels are the mean of supersampled
points over their box (partial volume). The slices are written on the grid the spec names:
Image Orientation (Patient), Pixel Spacing (row, column), slice offsets along the normal (gaps,
uneven steps), rescale, signed or unsigned storage, MONOCHROME1, Patient Position, and files
in reverse or shuffled order.
"""
import json
import os
import random
import sys

import numpy as np
import pydicom
from pydicom.dataset import Dataset, FileDataset, FileMetaDataset
from pydicom.uid import ExplicitVRLittleEndian

DEFAULTS = {
    "rows": 160, "columns": 160, "pixelSpacing": [0.7, 0.7], "sliceOffsets": None,
    "sliceCount": 80, "sliceSpacing": 1.25, "rowDir": [1, 0, 0], "columnDir": [0, 1, 0],
    "centre": [0, 0, 0], "axisDirection": None, "outerRadius": 11.0, "innerRadius": 6.5,
    "muscleRadius": 38.0, "fatRadius": 45.0,
    "hu": {"air": -1000, "fat": -100, "muscle": 50, "marrow": 20, "cortex": 1500, "tumour": 40},
    "lesion": {"arcStart": 30.0, "arcSweep": 180.0, "axialStart": -10.0, "axialLength": 20.0, "marrowDepth": 2.0},
    "slope": 1.0, "intercept": -1024.0, "signed": False, "photometric": "MONOCHROME2",
    "patientPosition": "HFS", "order": "normal", "drop": [], "supersampling": 2, "noise": 0.0, "seed": 1,
    "uidRoot": "2.25.4242",
}


def unit(v):
    v = np.asarray(v, dtype=float)
    return v / np.linalg.norm(v)


def tissue(spec, points, axis_point, d, u, v):
    """HU at patient points (..., 3)."""
    hu = spec["hu"]
    w = points - axis_point
    t = w @ d
    q = w - t[..., None] * d
    r = np.linalg.norm(q, axis=-1)
    theta = np.degrees(np.arctan2(q @ v, q @ u)) % 360
    out = np.full(r.shape, float(hu["air"]))
    out[r <= spec["fatRadius"]] = hu["fat"]
    out[r <= spec["muscleRadius"]] = hu["muscle"]
    out[r <= spec["outerRadius"]] = hu["cortex"]
    out[r < spec["innerRadius"]] = hu["marrow"]
    les = spec["lesion"]
    if les:
        rel = (theta - les["arcStart"]) % 360
        inside = (rel <= les["arcSweep"]) & (t >= les["axialStart"]) & (t <= les["axialStart"] + les["axialLength"])
        inside &= (r <= spec["outerRadius"]) & (r >= spec["innerRadius"] - les["marrowDepth"])
        out[inside] = hu["tumour"]
    return out


def main():
    spec = dict(DEFAULTS)
    spec.update(json.loads(sys.argv[1]))
    out_dir = sys.argv[2]
    os.makedirs(out_dir, exist_ok=True)
    row_dir, col_dir = unit(spec["rowDir"]), unit(spec["columnDir"])
    normal = np.cross(row_dir, col_dir)
    d = unit(spec["axisDirection"]) if spec["axisDirection"] else normal
    x = np.array([1.0, 0, 0])
    u = unit(x - (x @ d) * d) if abs(x @ d) < 0.99 else unit(np.array([0, 1.0, 0]) - d[1] * d)
    v = np.cross(d, u)
    centre = np.asarray(spec["centre"], dtype=float)
    rows, cols = spec["rows"], spec["columns"]
    ps_row, ps_col = spec["pixelSpacing"]  # DICOM: spacing between rows (along columnDir), between columns (along rowDir)
    offsets = spec["sliceOffsets"]
    if offsets is None:
        n = spec["sliceCount"]
        offsets = [(k - (n - 1) / 2) * spec["sliceSpacing"] for k in range(n)]
    steps = np.diff(offsets)
    thickness = float(np.median(np.abs(steps))) if len(steps) else spec["sliceSpacing"]
    origin0 = centre - (cols - 1) / 2 * ps_col * row_dir - (rows - 1) / 2 * ps_row * col_dir
    s = spec["supersampling"]
    sub = (np.arange(s) + 0.5) / s - 0.5
    jj, ii = np.meshgrid(np.arange(rows), np.arange(cols), indexing="ij")
    rng = np.random.default_rng(spec["seed"])
    root = spec["uidRoot"]
    study_uid, series_uid, frame_uid = f"{root}.1", f"{root}.2", f"{root}.3"
    files = []
    for k, offset in enumerate(offsets):
        if k in spec["drop"]:
            continue
        ipp = origin0 + offset * normal
        acc = np.zeros((rows, cols))
        for a in sub:
            for b in sub:
                for c in sub:
                    pts = (ipp + c * thickness * normal)[None, None, :] + ((ii + a) * ps_col)[..., None] * row_dir + ((jj + b) * ps_row)[..., None] * col_dir
                    acc += tissue(spec, pts, centre, d, u, v)
        hu = acc / s ** 3
        if spec["noise"]:
            hu = hu + rng.normal(0, spec["noise"], hu.shape)
        stored = np.round((hu - spec["intercept"]) / spec["slope"])
        if spec["signed"]:
            pixels = np.clip(stored, -32768, 32767).astype(np.int16)
        else:
            pixels = np.clip(stored, 0, 65535).astype(np.uint16)
        files.append((k, ipp, pixels))

    sop_class = "1.2.840.10008.5.1.4.1.1.2"
    written = []
    for n, (k, ipp, pixels) in enumerate(files):
        sop = f"{root}.4.{k + 1}"
        meta = FileMetaDataset()
        meta.MediaStorageSOPClassUID = sop_class
        meta.MediaStorageSOPInstanceUID = sop
        meta.TransferSyntaxUID = ExplicitVRLittleEndian
        ds = FileDataset(None, {}, file_meta=meta, preamble=b"\0" * 128)
        ds.SOPClassUID = sop_class
        ds.SOPInstanceUID = sop
        ds.StudyInstanceUID, ds.SeriesInstanceUID, ds.FrameOfReferenceUID = study_uid, series_uid, frame_uid
        ds.PatientName, ds.PatientID, ds.PatientBirthDate, ds.PatientSex = "CYLINDER^PHANTOM", "CYL-" + root.split(".")[-1], "19600101", "O"
        ds.StudyDate, ds.StudyTime, ds.StudyID, ds.AccessionNumber = "20240301", "101500", "1", "CYL1"
        ds.StudyDescription, ds.SeriesDescription = "Cylinder bone phantom", "Cylinder bone, unfamiliar geometry"
        ds.Modality, ds.SeriesNumber, ds.InstanceNumber = "CT", 1, k + 1
        ds.PatientPosition = spec["patientPosition"]
        ds.ImageOrientationPatient = [float(f"{x:.8f}") for x in list(row_dir) + list(col_dir)]
        ds.ImagePositionPatient = [float(f"{x:.6f}") for x in ipp]
        ds.SliceLocation = float(f"{ipp @ normal:.6f}")
        ds.SliceThickness = thickness
        ds.PixelSpacing = [ps_row, ps_col]
        ds.Rows, ds.Columns = rows, cols
        ds.SamplesPerPixel, ds.PhotometricInterpretation = 1, spec["photometric"]
        ds.BitsAllocated, ds.BitsStored, ds.HighBit = 16, 16, 15
        ds.PixelRepresentation = 1 if spec["signed"] else 0
        ds.RescaleSlope, ds.RescaleIntercept, ds.RescaleType = spec["slope"], spec["intercept"], "HU"
        ds.WindowCenter, ds.WindowWidth = 400, 1800
        ds.KVP = 120
        ds.PixelData = pixels.tobytes()
        ds.is_little_endian, ds.is_implicit_VR = True, False
        written.append((ds, sop))
    if spec["order"] == "reverse":
        written.reverse()
    elif spec["order"] == "shuffle":
        random.Random(spec["seed"]).shuffle(written)
    for n, (ds, sop) in enumerate(written):
        # File names in the written order: an importer must not trust them for position.
        ds.save_as(os.path.join(out_dir, f"IM{n:04d}.dcm"), write_like_original=False)

    les = spec["lesion"]
    truth = {
        "studyInstanceUid": study_uid, "seriesInstanceUid": series_uid,
        "circumferentialInvolvementPct": les["arcSweep"] / 3.6 if les else 0,
        "axialInvolvementMm": les["axialLength"] if les else 0,
        "lesionWidthMm": 2 * spec["outerRadius"] * np.sin(np.radians(min(les["arcSweep"], 180)) / 2) if les else 0,
        "boneDiameterMm": 2 * spec["outerRadius"],
        "axisDirection": list(d),
        "sliceNormal": list(normal),
    }
    if les:
        mid_t = les["axialStart"] + les["axialLength"] / 2
        mid_theta = np.radians(les["arcStart"] + les["arcSweep"] / 2)
        r = max(0.5, spec["innerRadius"] - 1)
        truth["click"] = list(centre + mid_t * d + r * (np.cos(mid_theta) * u + np.sin(mid_theta) * v))
    first = files[0]
    truth["firstVoxel"] = list(first[1])
    print(json.dumps(truth))


if __name__ == "__main__":
    main()
