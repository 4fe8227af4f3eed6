import path from 'node:path';
import { SHARED_DICOM } from './paths';
import { runPython } from './python-runner';

// CT_small rewritten by pydicom with elements of the 64-bit VRs (SV, UV, OV: PS3.5 CP-1819), whose
// explicit-VR header has a 4-byte length after two reserved bytes, as OB's has.

const CT_SMALL = path.join(SHARED_DICOM, 'pydicom/CT_small.dcm');

/** One file written, with what pydicom reads back from it. */
export interface VeryLongVrFile {
  file: string;
  sopInstanceUid: string;
  seriesInstanceUid: string;
  transferSyntaxUid: string;
  patientId: string;
  rows: number;
  columns: number;
  instanceNumber: number;
  /** The smallest and largest stored value of its pixels, as pydicom decodes them. */
  storedMin: number;
  storedMax: number;
}

const SCRIPT = `
import json, sys
import pydicom
from pydicom.encaps import decode_data_sequence, encapsulate_extended
from pydicom.uid import RLELossless

source, folder, uid_root = sys.argv[1:4]

def written(ds, name):
    out = folder + '/' + name
    ds.save_as(out)
    back = pydicom.dcmread(out)
    pixels = back.pixel_array
    return {'file': out, 'sopInstanceUid': back.SOPInstanceUID, 'seriesInstanceUid': back.SeriesInstanceUID,
            'transferSyntaxUid': back.file_meta.TransferSyntaxUID, 'patientId': back.PatientID, 'rows': back.Rows,
            'columns': back.Columns, 'instanceNumber': int(back.InstanceNumber),
            'storedMin': int(pixels.min()), 'storedMax': int(pixels.max())}

def renamed(ds, n):
    ds.SOPInstanceUID = uid_root + '.' + str(n)
    ds.file_meta.MediaStorageSOPInstanceUID = ds.SOPInstanceUID
    ds.SeriesInstanceUID = uid_root + '.' + str(100 + n)
    ds.InstanceNumber = n
    return ds

# Private SV, UV and OV elements at the top level and inside a sequence item, before Rows and Pixel Data.
ds = renamed(pydicom.dcmread(source), 1)
block = ds.private_block(0x0041, 'BONEMET VERY LONG', create=True)
block.add_new(0x01, 'SV', [-5, 2 ** 40])
block.add_new(0x02, 'UV', [7, 2 ** 63])
block.add_new(0x03, 'OV', bytes(range(16)))
item = pydicom.Dataset()
item.add_new(0x00410010, 'LO', 'BONEMET VERY LONG')
item.add_new(0x00411001, 'SV', [-(2 ** 62)])
item.add_new(0x00411003, 'OV', bytes(8))
block.add_new(0x04, 'SQ', pydicom.Sequence([item]))
files = [written(ds, 'private-very-long.dcm')]

# The same in Explicit VR Big Endian: the 4-byte lengths read in the file's byte order.
big = renamed(ds, 3)
big.file_meta.TransferSyntaxUID = pydicom.uid.ExplicitVRBigEndian
big.is_little_endian, big.is_implicit_VR = False, False
pixels = big.pixel_array
big.PixelData = pixels.astype(pixels.dtype.newbyteorder('>')).tobytes()
big.save_as(folder + '/private-very-long-big-endian.dcm', write_like_original=False)
files.append(written(pydicom.dcmread(folder + '/private-very-long-big-endian.dcm'), 'private-very-long-big-endian.dcm'))

# RLE Lossless with an Extended Offset Table (7FE0,0001) and its Lengths (7FE0,0002), both OV.
ds = renamed(pydicom.dcmread(source), 2)
ds.compress(RLELossless)
ds.PixelData, ds.ExtendedOffsetTable, ds.ExtendedOffsetTableLengths = encapsulate_extended(decode_data_sequence(ds.PixelData))
ds['PixelData'].is_undefined_length = True
files.insert(1, written(ds, 'extended-offset-table.dcm'))
print(json.dumps(files))
`;

/**
 * Writes three CT_small variants into `folder`, each its own series: private SV, UV and OV elements
 * (top level and in a sequence item), an RLE image with an Extended Offset Table (OV), and the first
 * again in Explicit VR Big Endian.
 * @param uidRoot - the root of their SOP (`.1`, `.2`, `.3`) and Series (`.101`, `.102`, `.103`) Instance UIDs
 */
export function writeVeryLongVrFiles(folder: string, uidRoot: string): VeryLongVrFile[] {
  const made = runPython(['-c', SCRIPT, CT_SMALL, folder, uidRoot]);
  if (made.status !== 0) throw new Error(`pydicom could not write the very-long-VR files: ${made.stderr}`);
  return JSON.parse(made.stdout) as VeryLongVrFile[];
}
