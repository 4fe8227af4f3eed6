"""A CT series of one cylindrical long bone with a lytic defect, on any scanner geometry.

Usage: python3 cylinder-bone-phantom.py SPEC_JSON OUT_DIR; prints the truth as JSON on stdout.

The bone is a straight tube (cortex between innerRadius and outerRadius, marrow inside) in a
cylinder of muscle and fat, its axis through `axisPoint` along `axisDirection` (patient LPS mm).
The lesion turns into tumour every point with theta in [arcStart, arcStart + arcSweep], t in
[axialStart, axialStart + axialLength] and r in [innerRadius - marrowDepth, outerRadius], theta
measured about the axis from patient +x projected off it. Voxels are the mean of supersampled
points over their box (partial volume). The slices are written on the grid the spec names:
Image Orientation (Patient), Pixel Spacing (row, column), slice offsets along the normal (gaps,
uneven steps), rescale, signed or unsigned storage in 8, 16 or 32 bits, MONOCHROME1, Patient Position, and files
in reverse or shuffled order. `positionDecimals` writes Image Position (Patient) rounded as many
scanners do (the truth keeps each slice's exact place); `localizer` adds one sagittal scout image
(ImageType LOCALIZER, instance number 1) of another size to the series; `shear` shifts each
slice along its rows (mm per mm along the normal), as a gantry tilt does. `bitsStored` and
`highBit` (8- or 16-bit samples) put each value, clipped to Bits Stored, in the bits ending at High
Bit, with an embedded overlay (every unused bit set) in the top-left quarter. `fovRadius` (mm) leaves
only a circle about the image centre reconstructed, as a scanner does: every pixel outside holds
`padding.stored`, declared as Pixel Padding Value with `padding.vr` (US or SS; None: not declared),
written in `padding.bits` bits (16 unless given: a 12-bit signed image's -1024 in 12 bits is US 3072).
`bands` draws, over the body, slabs of one HU (a metal streak's undershoot, an air pocket): each
the points within `halfWidth` mm (in x and y) of the segment `from`-`to` (patient x, y), z in `z`.
`duplicate` writes a second image (another SOP Instance UID) at the position of each slice listed;
`spacingBetweenSlices` writes that tag whatever the positions say.
"""
import copy
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
    "centre": [0, 0, 0], "gridCentre": None, "axisDirection": None, "outerRadius": 11.0, "innerRadius": 6.5,
    "muscleRadius": 38.0, "fatRadius": 45.0,
    "hu": {"air": -1000, "fat": -100, "muscle": 50, "marrow": 20, "cortex": 1500, "tumour": 40},
    "lesion": {"arcStart": 30.0, "arcSweep": 180.0, "axialStart": -10.0, "axialLength": 20.0, "marrowDepth": 2.0},
    "slope": 1.0, "intercept": -1024.0, "signed": False, "bitsAllocated": 16, "photometric": "MONOCHROME2",
    "patientPosition": "HFS", "contralateralOffset": 0, "order": "normal", "drop": [], "supersampling": 2, "noise": 0.0, "seed": 1,
    "uidRoot": "2.25.4242", "positionDecimals": None, "localizer": False, "shear": 0.0,
    "bitsStored": None, "highBit": None,
    "fovRadius": None, "padding": None, "duplicate": [], "spacingBetweenSlices": None, "bands": [],
}


def unit(v):
    v = np.asarray(v, dtype=float)
    return v / np.linalg.norm(v)


def polar(points, axis_point, d, u, v, angle=True):
    """Distance along the axis, from it, and the angle about it (degrees; None unless `angle`) of patient points."""
    w = points - axis_point
    t = w @ d
    # q = w - t d a component at a time: the same products and differences as broadcasting t[..., None] * d, four times faster.
    q = np.empty_like(w)
    for j in range(3):
        np.subtract(w[..., j], t * d[j], out=q[..., j])
    # |q| summed in the order np.linalg.norm(q, axis=-1) sums it, ((x² + y²) + z²): the same values.
    r = np.sqrt((q[..., 0] * q[..., 0] + q[..., 1] * q[..., 1]) + q[..., 2] * q[..., 2])
    if not angle:
        return t, r, None
    theta = np.degrees(np.arctan2(q @ v, q @ u))
    # theta % 360 for theta in [-180, 180], as numpy computes it (fmod is exact there): one addition below 0.
    return t, r, np.where(theta < 0, theta + 360, theta)


def tissue(spec, points, bones):
    """HU at patient points (..., 3); bones: (axis point, d, u, v), the lesion in the first."""
    hu = spec["hu"]
    # Only the lesion's bone needs angles (the costliest part of a point's coordinates).
    coords = [polar(points, *bone, angle=n == 0 and bool(spec["lesion"])) for n, bone in enumerate(bones)]
    nearest = np.min([r for _, r, _ in coords], axis=0)
    out = np.full(nearest.shape, float(hu["air"]))
    out[nearest <= spec["fatRadius"]] = hu["fat"]
    out[nearest <= spec["muscleRadius"]] = hu["muscle"]
    for _, r, _ in coords:
        out[r <= spec["outerRadius"]] = hu["cortex"]
        out[r < spec["innerRadius"]] = hu["marrow"]
    les = spec["lesion"]
    if les:
        t, r, theta = coords[0]
        rel = (theta - les["arcStart"]) % 360
        inside = (rel <= les["arcSweep"]) & (t >= les["axialStart"]) & (t <= les["axialStart"] + les["axialLength"])
        inside &= (r <= spec["outerRadius"]) & (r >= spec["innerRadius"] - les["marrowDepth"])
        out[inside] = hu["tumour"]
    for band in spec["bands"]:
        a, b = np.asarray(band["from"], dtype=float), np.asarray(band["to"], dtype=float)
        xy = points[..., :2] - a
        along = np.clip((xy @ (b - a)) / ((b - a) @ (b - a)), 0, 1)
        off = np.linalg.norm(xy - along[..., None] * (b - a), axis=-1)
        z = points[..., 2]
        out[(off <= band["halfWidth"]) & (z >= band["z"][0]) & (z <= band["z"][1])] = band["hu"]
    return out


def modulus(hu):
    """E (MPa) by the analysis' default laws (Dragomir-Daescu 2011)."""
    rho = -0.009 + 0.0007 * np.asarray(hu, dtype=float)
    return np.where(rho > 0, 14664 * np.clip(rho, 0, None) ** 1.49, 0.0)


def rigidity_ratios(spec):
    """EA, EI-min and GJ through the lesion over an intact section, integrated on a 0.05 mm grid over r <= outerRadius."""
    les, hu = spec["lesion"], spec["hu"]
    step = 0.05
    axis = np.arange(-spec["outerRadius"], spec["outerRadius"] + step, step)
    x, y = np.meshgrid(axis, axis)
    r = np.hypot(x, y)
    theta = np.degrees(np.arctan2(y, x)) % 360
    disc = r <= spec["outerRadius"]
    intact = np.where(r >= spec["innerRadius"], hu["cortex"], hu["marrow"]).astype(float)
    lesioned = intact.copy()
    rel = (theta - les["arcStart"]) % 360
    lesioned[(rel <= les["arcSweep"]) & (r >= spec["innerRadius"] - les["marrowDepth"])] = hu["tumour"]

    def rigidities(values):
        e = modulus(values) * disc * step * step
        ea = e.sum()
        cx, cy = (e * x).sum() / ea, (e * y).sum() / ea
        ixx, iyy, ixy = (e * (y - cy) ** 2).sum(), (e * (x - cx) ** 2).sum(), (e * (x - cx) * (y - cy)).sum()
        ei_min = (ixx + iyy) / 2 - np.sqrt(((ixx - iyy) / 2) ** 2 + ixy ** 2)
        return np.array([ea, ei_min, (ixx + iyy) / (2 * 1.3)])

    return list(rigidities(lesioned) / rigidities(intact))


def placed_in_stored_bits(spec, stored):
    """Samples whose value (clipped to Bits Stored) sits in the bits ending at High Bit (PS3.5 8.1.1),
    every other bit set in the top-left quarter, as an embedded overlay leaves it."""
    bits, stored_bits = spec["bitsAllocated"], spec["bitsStored"]
    high = spec["highBit"] if spec["highBit"] is not None else stored_bits - 1
    low = high - stored_bits + 1
    lo, hi = (-(1 << (stored_bits - 1)), (1 << (stored_bits - 1)) - 1) if spec["signed"] else (0, (1 << stored_bits) - 1)
    value_mask = (1 << stored_bits) - 1
    words = ((np.clip(stored, lo, hi).astype(np.int64) & value_mask) << low).astype(np.uint64)
    rows, cols = words.shape
    overlay = ((1 << bits) - 1) ^ (value_mask << low)
    words[: rows // 2, : cols // 2] |= np.uint64(overlay)
    unsigned = words.astype(np.uint8 if bits == 8 else np.uint16)
    return unsigned.view(np.int8 if bits == 8 else np.int16) if spec["signed"] else unsigned


def localizer_image(spec, like, centre):
    """A sagittal scout through the bone's centre, 64 x 96 pixels of 2 mm, in the axial series."""
    ds = copy.deepcopy(like)
    sop = f"{spec['uidRoot']}.5.1"
    ds.SOPInstanceUID = ds.file_meta.MediaStorageSOPInstanceUID = sop
    ds.InstanceNumber, ds.ImageType = 1, ["ORIGINAL", "PRIMARY", "LOCALIZER"]
    ds.Rows, ds.Columns, ds.PixelSpacing = 64, 96, [2.0, 2.0]
    ds.ImageOrientationPatient = [0.0, 1.0, 0.0, 0.0, 0.0, -1.0]
    ds.ImagePositionPatient = [float(centre[0]), float(centre[1]) - 95.0, float(centre[2]) + 63.0]
    ds.SliceLocation = float(centre[0])
    ds.PixelData = np.full((64, 96), int(-spec["intercept"]), dtype=np.uint16 if not spec["signed"] else np.int16).tobytes()
    return ds


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
    bones = [(centre, d, u, v)]
    if spec["contralateralOffset"]:
        # The same bone intact on the other side: the first mirrored across x = centre.x + offset / 2.
        mirror = np.array([-1.0, 1, 1])
        d2 = d * mirror
        u2 = unit(x - (x @ d2) * d2)
        bones.append((centre + np.array([spec["contralateralOffset"], 0, 0]), d2, u2, np.cross(d2, u2)))
    rows, cols = spec["rows"], spec["columns"]
    ps_row, ps_col = spec["pixelSpacing"]  # DICOM: spacing between rows (along columnDir), between columns (along rowDir)
    offsets = spec["sliceOffsets"]
    if offsets is None:
        n = spec["sliceCount"]
        offsets = [(k - (n - 1) / 2) * spec["sliceSpacing"] for k in range(n)]
    steps = np.diff(offsets)
    thickness = float(np.median(np.abs(steps))) if len(steps) else spec["sliceSpacing"]
    grid_centre = np.asarray(spec["gridCentre"], dtype=float) if spec["gridCentre"] else centre
    origin0 = grid_centre - (cols - 1) / 2 * ps_col * row_dir - (rows - 1) / 2 * ps_row * col_dir
    s = spec["supersampling"]
    sub = (np.arange(s) + 0.5) / s - 0.5
    jj, ii = np.meshgrid(np.arange(rows), np.arange(cols), indexing="ij")
    rng = np.random.default_rng(spec["seed"])
    root = spec["uidRoot"]
    study_uid, series_uid, frame_uid = f"{root}.1", f"{root}.2", f"{root}.3"
    # Each subsample's in-plane offsets, the same for every slice: computed once, added as before.
    along_rows = [((ii + a) * ps_col)[..., None] * row_dir for a in sub]
    along_columns = [((jj + b) * ps_row)[..., None] * col_dir for b in sub]
    files = []
    for k, offset in enumerate(offsets):
        if k in spec["drop"]:
            continue
        # A gantry tilt: each slice shifted along the rows by `shear` mm per mm along the normal.
        ipp = origin0 + offset * normal + offset * spec["shear"] * row_dir
        acc = np.zeros((rows, cols))
        for x_offsets in along_rows:
            for y_offsets in along_columns:
                for c in sub:
                    pts = (ipp + c * thickness * normal)[None, None, :] + x_offsets + y_offsets
                    acc += tissue(spec, pts, bones)
        hu = acc / s ** 3
        if spec["noise"]:
            hu = hu + rng.normal(0, spec["noise"], hu.shape)
        stored = np.round((hu - spec["intercept"]) / spec["slope"])
        if spec["fovRadius"] is not None:
            # Only the scanner's reconstruction circle holds values; the rest is padding.
            dx = (ii - (cols - 1) / 2) * ps_col
            dy = (jj - (rows - 1) / 2) * ps_row
            stored[np.hypot(dx, dy) > spec["fovRadius"]] = spec["padding"]["stored"]
        if spec["bitsStored"] is not None:
            pixels = placed_in_stored_bits(spec, stored)
        elif spec["bitsAllocated"] == 32:
            pixels = stored.astype(np.int32) if spec["signed"] else np.clip(stored, 0, None).astype(np.uint32)
        elif spec["bitsAllocated"] == 8:
            pixels = np.clip(stored, -128, 127).astype(np.int8) if spec["signed"] else np.clip(stored, 0, 255).astype(np.uint8)
        elif spec["signed"]:
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
        ds.Modality, ds.SeriesNumber, ds.InstanceNumber = "CT", 1, k + (2 if spec["localizer"] else 1)
        ds.ImageType = ["ORIGINAL", "PRIMARY", "AXIAL"]
        ds.PatientPosition = spec["patientPosition"]
        ds.ImageOrientationPatient = [float(f"{x:.8f}") for x in list(row_dir) + list(col_dir)]
        decimals = spec["positionDecimals"]
        ds.ImagePositionPatient = [f"{x:.{decimals}f}" if decimals is not None else float(f"{x:.6f}") for x in ipp]
        ds.SliceLocation = f"{ipp @ normal:.{decimals}f}" if decimals is not None else float(f"{ipp @ normal:.6f}")
        ds.SliceThickness = thickness
        ds.PixelSpacing = [ps_row, ps_col]
        ds.Rows, ds.Columns = rows, cols
        ds.SamplesPerPixel, ds.PhotometricInterpretation = 1, spec["photometric"]
        bits = spec["bitsAllocated"]
        ds.BitsAllocated, ds.BitsStored, ds.HighBit = bits, bits, bits - 1
        if spec["bitsStored"] is not None:
            ds.BitsStored = spec["bitsStored"]
            ds.HighBit = spec["highBit"] if spec["highBit"] is not None else spec["bitsStored"] - 1
        ds.PixelRepresentation = 1 if spec["signed"] else 0
        ds.RescaleSlope, ds.RescaleIntercept, ds.RescaleType = spec["slope"], spec["intercept"], "HU"
        ds.WindowCenter, ds.WindowWidth = 400, 1800
        ds.KVP = 120
        if spec["padding"] is not None and spec["padding"].get("vr"):
            # Written as 16 bits unless told: a signed image's -2000 as US reads 63536.
            vr, value = spec["padding"]["vr"], int(spec["padding"]["stored"])
            bits = spec["padding"].get("bits", 16)
            ds.add_new(0x00280120, vr, value & ((1 << bits) - 1) if vr == "US" else value)
        if spec["spacingBetweenSlices"] is not None:
            ds.SpacingBetweenSlices = spec["spacingBetweenSlices"]
        ds.PixelData = pixels.tobytes()
        ds.is_little_endian, ds.is_implicit_VR = True, False
        written.append((ds, sop))
        if k in spec["duplicate"]:
            twin = copy.deepcopy(ds)
            twin.SOPInstanceUID = twin.file_meta.MediaStorageSOPInstanceUID = f"{root}.6.{k + 1}"
            twin.InstanceNumber = 1000 + k
            written.append((twin, twin.SOPInstanceUID))
    if spec["localizer"]:
        written.append((localizer_image(spec, written[0][0], centre), f"{root}.5.1"))
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
        truth["eaRatio"], truth["eiMinRatio"], truth["gjRatio"] = rigidity_ratios(spec)
        truth["click"] = list(centre + mid_t * d + r * (np.cos(mid_theta) * u + np.sin(mid_theta) * v))
    first = files[0]
    truth["firstVoxel"] = list(first[1])
    truth["slices"] = [{"sopInstanceUid": f"{root}.4.{k + 1}", "position": list(ipp)} for k, ipp, _ in files]
    print(json.dumps(truth))


if __name__ == "__main__":
    main()
