import { gzipSync } from 'node:zlib';

// A NIfTI-1 single-file (.nii) writer, gzip-compressed: the 348-byte header of nifti1.h, a 4-byte
// empty extension, then the voxels, little endian. Only what an image/mask pair needs.

/** NIfTI-1 data types used here (nifti1.h DT_*). */
export const NIFTI_TYPES = {
  uint8: { code: 2, bitpix: 8 },
  int8: { code: 256, bitpix: 8 },
  int16: { code: 4, bitpix: 16 },
  int32: { code: 8, bitpix: 32 },
  uint32: { code: 768, bitpix: 32 },
  float32: { code: 16, bitpix: 32 },
  uint16: { code: 512, bitpix: 16 },
} as const;
export type NiftiType = keyof typeof NIFTI_TYPES;

/** A volume to write: dimensions x (columns), y (rows), z (slices), x fastest. */
export interface NiftiVolume {
  dims: [number, number, number];
  /** Voxel size (mm) along x, y, z. */
  pixdim: [number, number, number];
  type: NiftiType;
  data: Uint8Array | Int8Array | Int16Array | Uint16Array | Int32Array | Uint32Array | Float32Array;
  /** Rows of the 4x4 voxel-to-RAS (mm) affine; the last row is 0 0 0 1. */
  affine: [number[], number[], number[]];
  /** Stored value x slope + intercept = real value (HU); slope 0 means "none" in NIfTI. */
  scaleSlope?: number;
  scaleIntercept?: number;
  /** The quaternion form of the affine, when its rotation is proper (see affine.ts). */
  quaternion?: { b: number; c: number; d: number; qfac: number; offset: [number, number, number] } | null;
  description: string;
  /** 'label' marks a label map (NIFTI_INTENT_LABEL): its values index labels, not intensities. */
  intent?: 'label';
}

const HEADER_SIZE = 348;
const VOX_OFFSET = 352;

/** The .nii.gz bytes of a volume. */
export function encodeNiftiGz(volume: NiftiVolume): Buffer {
  const type = NIFTI_TYPES[volume.type];
  const header = Buffer.alloc(VOX_OFFSET);
  header.writeInt32LE(HEADER_SIZE, 0); // sizeof_hdr
  header.write('r', 38, 'latin1'); // regular: legacy field ANALYZE readers check
  const dim = [3, ...volume.dims, 1, 1, 1, 1];
  dim.forEach((d, i) => header.writeInt16LE(d, 40 + 2 * i));
  if (volume.intent === 'label') header.writeInt16LE(1002, 68); // intent_code: NIFTI_INTENT_LABEL
  header.writeInt16LE(type.code, 70); // datatype
  header.writeInt16LE(type.bitpix, 72); // bitpix
  const q = volume.quaternion ?? null;
  const pixdim = [q?.qfac ?? 1, ...volume.pixdim, 0, 0, 0, 0];
  pixdim.forEach((p, i) => header.writeFloatLE(p, 76 + 4 * i));
  header.writeFloatLE(VOX_OFFSET, 108); // vox_offset
  header.writeFloatLE(volume.scaleSlope ?? 0, 112); // scl_slope
  header.writeFloatLE(volume.scaleIntercept ?? 0, 116); // scl_inter
  header.writeUInt8(2 | 8, 123); // xyzt_units: NIFTI_UNITS_MM | NIFTI_UNITS_SEC (16 would be ms)
  header.write(volume.description.slice(0, 79), 148, 'latin1'); // descrip
  header.writeInt16LE(q ? 1 : 0, 252); // qform_code: scanner
  header.writeInt16LE(1, 254); // sform_code: scanner
  if (q) {
    [q.b, q.c, q.d, ...q.offset].forEach((v, i) => header.writeFloatLE(v, 256 + 4 * i));
  }
  volume.affine.forEach((row, r) => row.forEach((v, c) => header.writeFloatLE(v, 280 + 16 * r + 4 * c)));
  header.write('n+1\0', 344, 'latin1'); // magic: single file
  const data = Buffer.from(volume.data.buffer, volume.data.byteOffset, volume.data.byteLength);
  return gzipSync(Buffer.concat([header, data]), { level: 6 });
}
