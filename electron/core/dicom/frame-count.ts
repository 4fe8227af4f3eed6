import type { DataSet } from 'dicom-parser';

/** The index's facts an impossible Number of Frames is judged by. */
interface FrameFacts {
  frames: number | null;
  rows: number | null;
  columns: number | null;
}

/** The most frames one instance may have here: an enhanced CT or MR has thousands; only whole-slide microscopy has more. */
export const MAX_FRAMES = 100_000;
const UNDEFINED_LENGTH = 0xffffffff;

/**
 * Why a file's Number of Frames (0028,0008) cannot be true, or null. The viewer makes one slice per
 * frame: a few-kilobyte file saying 2 147 483 647 frames would have it build two billion. No
 * uncompressed frame takes less than its samples' bits of the pixel data's declared length (the
 * declared one: a file cut short keeps the frames it has), no compressed one less than an 8-byte
 * item header of the file (PS3.5 A.4: a fragment holds one frame at most).
 */
export function impossibleFrameCount(dataSet: DataSet, facts: FrameFacts, fileSize: number): string | null {
  const { frames, rows, columns } = facts;
  const pixelData = dataSet.elements.x7fe00010;
  if (frames === null || frames <= 1 || !pixelData || !rows || !columns) return null;
  if (frames > MAX_FRAMES) return `Number of Frames (0028,0008) is ${frames}, more than the ${MAX_FRAMES} frames an instance may have here: the header is corrupt`;
  const encapsulated = pixelData.length === UNDEFINED_LENGTH || pixelData.length === -1 || Boolean(pixelData.encapsulatedPixelData);
  const frameBits = rows * columns * storedSamplesPerPixel(dataSet) * (dataSet.uint16('x00280100') || 1);
  const most = encapsulated ? Math.floor(fileSize / 8) : Math.floor((pixelData.length * 8) / frameBits);
  if (frames <= most) return null;
  const unit = most === 1 ? 'frame' : 'frames';
  const room = encapsulated ? `a file of ${fileSize} bytes holds at most ${most} compressed ${unit}` : `its pixel data of ${pixelData.length} bytes holds at most ${most} ${unit} of ${columns} x ${rows}`;
  return `Number of Frames (0028,0008) is ${frames}, but ${room}: the header is corrupt`;
}

/**
 * Samples stored per pixel of native pixel data: Samples per Pixel, but two for YBR 4:2:2 (each
 * pixel its Y, each pair one Cb and one Cr; PS3.3 C.7.6.3.1.2), as an ultrasound cine often is.
 */
function storedSamplesPerPixel(dataSet: DataSet): number {
  const samples = dataSet.uint16('x00280002') || 1;
  const photometric = dataSet.string('x00280004')?.trim() ?? '';
  return samples === 3 && (photometric === 'YBR_FULL_422' || photometric === 'YBR_PARTIAL_422') ? 2 : samples;
}
