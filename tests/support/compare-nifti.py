"""Checks a NIfTI-1 file against another one, or against the DICOM it was made from, voxel by voxel
in world space, reading NIfTI with numpy and struct only (no nibabel) and DICOM with pydicom.

Usage: python3 compare-nifti.py OURS.nii[.gz] THEIRS.nii[.gz]
       python3 compare-nifti.py OURS.nii[.gz] --dicom DIR
Prints JSON on stdout: each file's header (dims, datatype, scl, sform/qform codes and matrices) and
the largest distance between its qform and sform; then, for every voxel of OURS (or every pixel of
every DICOM image in DIR), the voxel of the other at the same world point (RAS by each NIfTI's
sform; DICOM's LPS with x and y negated), how far that point is from the other's voxel centre, and
whether the real values (after scl_slope/scl_inter, or DICOM's rescale) agree.
"""
import gzip
import json
import struct
import sys

import numpy as np

DTYPES = {2: np.uint8, 4: np.int16, 8: np.int32, 16: np.float32, 64: np.float64, 256: np.int8, 512: np.uint16, 768: np.uint32}


def read(path):
    raw = open(path, "rb").read()
    if raw[:2] == b"\x1f\x8b":
        raw = gzip.decompress(raw)
    if struct.unpack_from("<i", raw, 0)[0] != 348:
        raise SystemExit(f"{path}: not a little-endian NIfTI-1 file")
    dim = struct.unpack_from("<8h", raw, 40)
    datatype, bitpix = struct.unpack_from("<2h", raw, 70)
    pixdim = struct.unpack_from("<8f", raw, 76)
    vox_offset, scl_slope, scl_inter = struct.unpack_from("<3f", raw, 108)
    xyzt_units = raw[123]
    intent_code = struct.unpack_from("<h", raw, 68)[0]
    qform_code, sform_code = struct.unpack_from("<2h", raw, 252)
    b, c, d, qx, qy, qz = struct.unpack_from("<6f", raw, 256)
    srow = np.array(struct.unpack_from("<12f", raw, 280), dtype=float).reshape(3, 4)
    magic = raw[344:348]
    n = dim[0]
    shape = tuple(dim[1 : n + 1])
    count = int(np.prod(shape))
    data = np.frombuffer(raw, dtype=np.dtype(DTYPES[datatype]).newbyteorder("<"), count=count, offset=int(vox_offset))
    data = data.reshape(shape[::-1]).transpose()  # x fastest on disk
    if data.ndim > 3:
        data = data.reshape(shape[:3]) if all(s == 1 for s in shape[3:]) else data
    real = data.astype(float) * (scl_slope if scl_slope != 0 else 1.0) + (scl_inter if scl_slope != 0 else 0.0)
    # nifti1_io.c nifti_quatern_to_mat44
    a2 = 1.0 - (b * b + c * c + d * d)
    a = 0.0 if a2 < 1e-7 else np.sqrt(a2)
    if a2 < 1e-7:
        norm = 1.0 / np.sqrt(b * b + c * c + d * d)
        b, c, d = b * norm, c * norm, d * norm
    qfac = -1.0 if pixdim[0] < 0 else 1.0
    rot = np.array([
        [a * a + b * b - c * c - d * d, 2 * b * c - 2 * a * d, 2 * b * d + 2 * a * c],
        [2 * b * c + 2 * a * d, a * a + c * c - b * b - d * d, 2 * c * d - 2 * a * b],
        [2 * b * d - 2 * a * c, 2 * c * d + 2 * a * b, a * a + d * d - c * c - b * b],
    ])
    scale = np.array([pixdim[1], pixdim[2], qfac * pixdim[3]])
    qmat = np.hstack([rot * scale, [[qx], [qy], [qz]]])
    return {
        "path": path, "magic": magic.decode("latin1"), "dims": list(shape), "datatype": datatype, "bitpix": bitpix,
        "pixdim": [float(p) for p in pixdim[:4]], "scl": [float(scl_slope), float(scl_inter)],
        "qform_code": qform_code, "sform_code": sform_code, "xyzt_units": xyzt_units, "intent_code": intent_code, "sform": srow, "qform": qmat, "real": real,
    }


def corners(shape):
    return np.array([[i, j, k] for i in (0, shape[0] - 1) for j in (0, shape[1] - 1) for k in (0, shape[2] - 1)], dtype=float)


def header(f):
    """What the report says of one NIfTI file's header."""
    pts = corners(f["dims"])
    world_s = pts @ f["sform"][:, :3].T + f["sform"][:, 3]
    world_q = pts @ f["qform"][:, :3].T + f["qform"][:, 3]
    out = {k: f[k] for k in ("magic", "dims", "datatype", "bitpix", "pixdim", "scl", "qform_code", "sform_code", "xyzt_units")}
    out["sform"] = f["sform"].round(4).tolist()
    out["qformMinusSformMm"] = float(np.max(np.linalg.norm(world_s - world_q, axis=1))) if f["qform_code"] > 0 else None
    return out


def lookup(report, nifti, world, values, where):
    """Finds the voxels of `nifti` at RAS points `world` and compares their real values with `values`."""
    inverse = np.linalg.inv(np.vstack([nifti["sform"], [0, 0, 0, 1]]))
    ijk = world @ inverse[:3, :3].T + inverse[:3, 3]
    nearest = np.rint(ijk)
    report["worstGridOffsetVoxels"] = max(report.get("worstGridOffsetVoxels", 0.0), float(np.max(np.abs(ijk - nearest))))
    shape = nifti["dims"][:3]
    inside = np.all((nearest >= 0) & (nearest < np.array(shape)), axis=1)
    report["voxelsOutside"] = report.get("voxelsOutside", 0) + int(np.count_nonzero(~inside))
    idx = nearest[inside].astype(int)
    a = values[inside]
    b = nifti["real"].reshape(shape)[tuple(idx.T)]
    diff = np.abs(a - b)
    report["voxelsCompared"] = report.get("voxelsCompared", 0) + int(inside.sum())
    differing = int(np.count_nonzero(diff > 1e-3 * np.maximum(1, np.abs(b))))
    report["voxelsDiffering"] = report.get("voxelsDiffering", 0) + differing
    if diff.size:
        report["worstValueDifference"] = max(report.get("worstValueDifference", 0.0), float(diff.max()))
    if differing and "firstDifference" not in report:
        at = int(np.argmax(diff))
        report["firstDifference"] = {"at": where(at, inside), "voxel": idx[at].tolist(), "expected": float(a[at]), "nifti": float(b[at])}


# NIfTI-1 datatype of DICOM samples (Bits Allocated, Pixel Representation).
DICOM_TYPES = {(8, 0): 2, (8, 1): 256, (16, 0): 512, (16, 1): 4, (32, 0): 768, (32, 1): 8}


def stored_values(ds):
    """The pixel values of `ds` (PS3.5 8.1.1, PS3.3 C.7.6.3.1): the Bits Stored bits ending at High
    Bit, two's complement when Pixel Representation is 1. pydicom 2.3's pixel_array hands over the
    whole words, the other bits (an embedded overlay, say) included."""
    words = ds.pixel_array
    allocated = int(ds.BitsAllocated)
    stored = int(ds.get("BitsStored", allocated))
    high = int(ds.get("HighBit", stored - 1))
    if allocated not in (8, 16) or (stored == allocated and high == allocated - 1):
        return words
    unsigned = words.view(np.uint8 if allocated == 8 else np.uint16).astype(np.int64)
    values = (unsigned >> (high - stored + 1)) & ((1 << stored) - 1)
    if int(ds.PixelRepresentation) == 1:
        values = np.where(values >= 1 << (stored - 1), values - (1 << stored), values)
    return values


def against_dicom(nifti, folder):
    """Every pixel of every image in `folder` against the NIfTI voxel at its world point."""
    import os
    import pydicom

    report = {"ours": header(nifti), "images": 0}
    types = set()
    for name in sorted(os.listdir(folder)):
        try:
            ds = pydicom.dcmread(os.path.join(folder, name), force=True)
        except Exception:
            continue
        if "PixelData" not in ds or "ImagePositionPatient" not in ds:
            continue
        report["images"] += 1
        types.add(DICOM_TYPES.get((int(ds.BitsAllocated), int(ds.PixelRepresentation))))
        iop = np.array(ds.ImageOrientationPatient, dtype=float)
        ipp = np.array(ds.ImagePositionPatient, dtype=float)
        row_spacing, col_spacing = (float(v) for v in ds.PixelSpacing)
        pixels = stored_values(ds).astype(float) * float(ds.get("RescaleSlope", 1)) + float(ds.get("RescaleIntercept", 0))
        rows, cols = pixels.shape
        jj, ii = np.meshgrid(np.arange(rows), np.arange(cols), indexing="ij")
        lps = ipp + (ii * col_spacing)[..., None] * iop[:3] + (jj * row_spacing)[..., None] * iop[3:]
        ras = (lps * np.array([-1, -1, 1])).reshape(-1, 3)
        flat = np.stack([ii, jj], axis=-1).reshape(-1, 2)
        lookup(report, nifti, ras, pixels.reshape(-1), lambda at, inside, n=name, f=flat: {"file": n, "column,row": f[inside][at].tolist()})
    report["dicomDatatypes"] = sorted(t for t in types if t is not None)
    print(json.dumps(report))


def main():
    if len(sys.argv) == 4 and sys.argv[2] == "--dicom":
        return against_dicom(read(sys.argv[1]), sys.argv[3])
    ours, theirs = read(sys.argv[1]), read(sys.argv[2])
    report = {"ours": header(ours), "theirs": header(theirs)}
    shape = ours["dims"][:3]
    volume = ours["real"].reshape(shape)
    ii, jj = np.meshgrid(np.arange(shape[0]), np.arange(shape[1]), indexing="ij")
    for k in range(shape[2]):  # slice by slice: a 512 x 512 x 300 volume's points at once would take gigabytes
        ijk = np.stack([ii.ravel(), jj.ravel(), np.full(ii.size, k)], axis=-1).astype(float)
        world = ijk @ ours["sform"][:, :3].T + ours["sform"][:, 3]
        lookup(report, theirs, world, volume[:, :, k].ravel(), lambda at, inside, ijk=ijk: ijk[inside][at].tolist())
    print(json.dumps(report))


if __name__ == "__main__":
    main()
