import type { EnhancedFrame, Rescale } from './enhanced-frames';
import { mayHoldFunctionalGroups } from './functional-groups-classes';

/** What a series' instance must say for its frames to be taken apart (an indexed instance says it). */
export interface FramedInstance {
  sopInstanceUid: string;
  sopClassUid: string;
  /** Number of Frames; null when the file said nothing (one). */
  frames: number | null;
  imagePositionPatient: [number, number, number] | null;
  imageOrientationPatient: [number, number, number, number, number, number] | null;
  pixelSpacing: [number, number] | null;
  sliceThickness: number | null;
}

/**
 * One frame of a series as an image of its own: its instance with the frame's plane (and `frames`
 * 1), which frame of how many in the file it is, and its own rescale (null: the file's top-level one).
 */
export type SeriesFrame<T extends FramedInstance> = T & { frameNumber: number; framesInFile: number; frameRescale: Rescale | null };

/** Direction cosines that differ by less than this are one orientation (written to 6 decimals or so). */
const SAME_ORIENTATION = 1e-4;

/**
 * Whether a single-frame image may have its place in functional groups only: the index found no
 * Image Position (Patient) at its top level, and its SOP class may hold them (an enhanced object of
 * one frame). Any other image has no place the header could add: it is not read for one.
 */
export function placedInGroupsOnly(instance: FramedInstance): boolean {
  return instance.imagePositionPatient === null && mayHoldFunctionalGroups(instance.sopClassUid);
}

/**
 * The frames of a series' images, each placed on its own: a single-frame image is one, a multi-frame
 * (enhanced) one is taken apart by its functional groups (`framesOf` reads the first `count` frames
 * from its header, see IndexedFileFrames). Refused, with the reason, when a multi-frame image is not
 * one stack: frames without a place, of several Stack IDs, or of several orientations (one volume cannot hold them).
 */
export function seriesFrames<T extends FramedInstance>(instances: readonly T[], framesOf: (instance: T, count: number) => EnhancedFrame[]): SeriesFrame<T>[] | { refused: string } {
  const out: SeriesFrame<T>[] = [];
  for (const instance of instances) {
    const count = instance.frames ?? 1;
    if (count <= 1) {
      // An enhanced object of one frame is placed in its functional groups only: the index has no position for it.
      const placed = placedInGroupsOnly(instance) ? instanceFrames(instance, framesOf(instance, 1))[0]! : null;
      out.push(placed?.imagePositionPatient ? placed : { ...instance, frameNumber: 1, framesInFile: 1, frameRescale: null });
      continue;
    }
    const frames = framesOf(instance, count);
    const problem = notOneStack(frames);
    if (problem) return { refused: `the multi-frame image ${instance.sopInstanceUid} ${problem}` };
    out.push(...instanceFrames(instance, frames));
  }
  return out;
}

/**
 * Each frame of a multi-frame instance as an image of its own (`frames` 1), placed, measured and
 * rescaled by its functional groups, what they leave out taken from the instance.
 */
export function instanceFrames<T extends FramedInstance>(instance: T, frames: readonly EnhancedFrame[]): SeriesFrame<T>[] {
  return frames.map((f) => ({
    ...instance,
    frames: 1,
    frameNumber: f.frameNumber,
    framesInFile: frames.length,
    imagePositionPatient: f.imagePositionPatient,
    imageOrientationPatient: f.imageOrientationPatient,
    pixelSpacing: f.pixelSpacing ?? instance.pixelSpacing,
    sliceThickness: f.sliceThickness ?? instance.sliceThickness,
    frameRescale: f.rescale,
  }));
}

/** Why the frames of one multi-frame object are not one stack, or null. */
function notOneStack(frames: readonly EnhancedFrame[]): string | null {
  const unplaced = frames.filter((f) => !f.imagePositionPatient || !f.imageOrientationPatient);
  if (unplaced.length > 0) {
    return `has ${unplaced.length} of its ${frames.length} frames (frame ${unplaced[0]!.frameNumber} first) without a Plane Position and Orientation: where they lie is unknown`;
  }
  const stacks = [...new Set(frames.map((f) => f.stackId))];
  if (stacks.length > 1) {
    return `holds ${stacks.length} stacks (Stack IDs ${stacks.map((s) => s ?? '(none)').join(', ')}): each is a volume of its own, which one volume cannot hold. Split the object into one series per stack (e.g. dcm2niix does) to use them.`;
  }
  const first = frames[0]!.imageOrientationPatient!;
  const other = frames.find((f) => f.imageOrientationPatient!.some((v, i) => Math.abs(v - first[i]!) > SAME_ORIENTATION));
  if (other) {
    return `holds frames of more than one orientation (frame ${other.frameNumber} is not parallel to frame 1): they are several stacks, which one volume cannot hold.`;
  }
  return null;
}
