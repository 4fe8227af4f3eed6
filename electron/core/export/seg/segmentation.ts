import type { NaturalizedDataset } from 'dcmjs';
import { AppError } from '@shared/errors';
import { SEG, SR, type Code } from '../dicom/codes';
import { formatDs } from '../dicom/dicom-datetime';
import type { ObjectDates } from '../dicom/object-dates';
import { SEGMENTATION_STORAGE } from '../dicom/uids';
import { codeItem } from '../sr/content-items';
import { APP_NAME } from '../sr/measurement-report';
import { packBinaryFrames } from './pack-bits';
import { sliceKey, slicePosition, type SliceGeometry } from './slice-geometry';

/** One segment: a lesion's mask on the images it was drawn on. */
export interface SegmentInput {
  label: string;
  trackingId: string;
  trackingUid: string;
  /** The bone, as Anatomic Region, with laterality as its modifier. */
  anatomicRegion: Code | null;
  laterality: Code | null;
  /** Image (imageKey: instance and frame) -> rows x columns mask. */
  masks: ReadonlyMap<string, Uint8Array>;
  /** True when part of the mask was inferred (cortical sector), not drawn. */
  inferred: boolean;
}

/** Everything one Segmentation of a series is built from. */
export interface SegmentationInput {
  header: Record<string, unknown>;
  seriesInstanceUid: string;
  frameOfReferenceUid: string;
  /** The source series' images (any order); every mask must be on one of them, all masked ones on one grid. */
  slices: readonly SliceGeometry[];
  sliceThickness: number | null;
  segments: readonly SegmentInput[];
  /** The reader who drew the annotations (PN), or '' (de-identified exports). */
  contentCreator: string;
  segSeriesInstanceUid: string;
  segSopInstanceUid: string;
  /** Names the dimension organization of the frames (Segment Number, then Image Position). */
  dimensionOrganizationUid: string;
  appVersion: string;
  /** Instance creation and content date/time: the export's instant, or the (shifted) study's when de-identified. */
  dates: ObjectDates;
}

const SEGMENT_IDENTIFICATION_SEQUENCE = 0x0062000a;
const REFERENCED_SEGMENT_NUMBER = 0x0062000b;
const PLANE_POSITION_SEQUENCE = 0x00209113;
const IMAGE_POSITION_PATIENT = 0x00200032;

/** An image as a reader finds it: its SOP Instance UID, and its frame in a multi-frame one. */
function imageName(g: SliceGeometry): string {
  return g.framesInFile > 1 ? `${g.sopInstanceUid} frame ${g.frameNumber}` : g.sopInstanceUid;
}

/**
 * The images of the series on the grid of the first image a segment covers: one Segmentation's
 * frames share size, spacing and orientation. Images of another grid that no segment covers (a
 * localiser in the series) are no frame of it and do not matter.
 */
function frameGrid(slices: readonly SliceGeometry[], segments: readonly SegmentInput[]): SliceGeometry[] {
  const covered = slices.filter((s) => segments.some((segment) => segment.masks.has(sliceKey(s))));
  const first = covered[0];
  if (!first) throw new AppError('invalid_request', 'None of the lesions has an area drawn on this series: nothing to segment.');
  const same = (a: readonly number[], b: readonly number[]) => a.every((v, i) => Math.abs(v - b[i]!) < 1e-4);
  const onGrid = (s: SliceGeometry) => s.rows === first.rows && s.columns === first.columns && same(s.spacing, first.spacing) && same(s.rowDirection, first.rowDirection) && same(s.columnDirection, first.columnDirection);
  const off = covered.find((s) => !onGrid(s));
  if (off) {
    throw new AppError(
      'unsupported',
      `Lesion areas are drawn on images of this series that differ in size, spacing or orientation (${imageName(first)} and ${imageName(off)}): one segmentation cannot hold both. Remove the drawing on the image of the other grid, then export again.`,
    );
  }
  return slices.filter(onGrid);
}

/**
 * A BINARY Segmentation (Segmentation Storage) of one series: one segment per lesion, one frame
 * per segment and image where the segment has pixels, each frame with its plane position and
 * the source image it was derived from.
 */
export function buildSegmentation(input: SegmentationInput): NaturalizedDataset {
  const ordered = frameGrid(input.slices, input.segments).sort((a, b) => slicePosition(a) - slicePosition(b));
  const grid = ordered[0]!;
  // The Image Position dimension counts places, not images: frames at one place (an enhanced
  // object's b-values or phases) share its index, so that a reader stacking by index finds the place.
  const places = [...new Set(ordered.map((s) => slicePosition(s).toFixed(3)))];
  const positionIndex = new Map(ordered.map((s) => [sliceKey(s), places.indexOf(slicePosition(s).toFixed(3)) + 1]));
  const frames: Uint8Array[] = [];
  const perFrame: Record<string, unknown>[] = [];
  const referenced = new Map<string, SliceGeometry>();
  input.segments.forEach((segment, i) => {
    for (const slice of ordered) {
      const mask = segment.masks.get(sliceKey(slice));
      if (!mask) continue;
      frames.push(mask);
      referenced.set(slice.sopInstanceUid, slice);
      // A frame of a multi-frame source is named by its number (Type 1C: the reference is to one frame).
      const frame = slice.framesInFile > 1 ? { ReferencedFrameNumber: slice.frameNumber } : {};
      perFrame.push({
        DerivationImageSequence: [{
          SourceImageSequence: [{ ReferencedSOPClassUID: slice.sopClassUid, ReferencedSOPInstanceUID: slice.sopInstanceUid, ...frame, PurposeOfReferenceCodeSequence: [codeItem(SEG.sourceImageForProcessing)] }],
          DerivationCodeSequence: [codeItem(SEG.segmentation)],
        }],
        FrameContentSequence: [{ DimensionIndexValues: [i + 1, positionIndex.get(sliceKey(slice))!] }],
        PlanePositionSequence: [{ ImagePositionPatient: slice.origin.map(formatDs) }],
        SegmentIdentificationSequence: [{ ReferencedSegmentNumber: i + 1 }],
      });
    }
  });
  const dimensionOrganization = input.dimensionOrganizationUid;
  const dataset: Record<string, unknown> = {
    SpecificCharacterSet: 'ISO_IR 192',
    ImageType: ['DERIVED', 'PRIMARY'],
    ...(input.dates.creation ? { InstanceCreationDate: input.dates.creation.date, InstanceCreationTime: input.dates.creation.time } : {}),
    SOPClassUID: SEGMENTATION_STORAGE,
    SOPInstanceUID: input.segSopInstanceUid,
    ...input.header,
    Modality: 'SEG',
    SeriesInstanceUID: input.segSeriesInstanceUid,
    SeriesNumber: 9902,
    SeriesDescription: 'BoneMet lesion segmentation',
    FrameOfReferenceUID: input.frameOfReferenceUid,
    PositionReferenceIndicator: '',
    Manufacturer: APP_NAME,
    ManufacturerModelName: APP_NAME,
    DeviceSerialNumber: 'NONE',
    SoftwareVersions: input.appVersion,
    InstanceNumber: 1,
    ContentDate: input.dates.content.date,
    ContentTime: input.dates.content.time,
    ContentLabel: 'LESIONS',
    ContentDescription: 'Bone lesions as drawn by the reader',
    ContentCreatorName: input.contentCreator,
    SamplesPerPixel: 1,
    PhotometricInterpretation: 'MONOCHROME2',
    Rows: grid.rows,
    Columns: grid.columns,
    BitsAllocated: 1,
    BitsStored: 1,
    HighBit: 0,
    PixelRepresentation: 0,
    LossyImageCompression: '00',
    SegmentationType: 'BINARY',
    SegmentSequence: input.segments.map((s, i) => ({
      SegmentNumber: i + 1,
      SegmentLabel: s.label.slice(0, 64),
      SegmentedPropertyCategoryCodeSequence: [codeItem(SR.morphologicallyAbnormalStructure)],
      SegmentedPropertyTypeCodeSequence: [codeItem(SR.neoplasmSecondary)],
      SegmentAlgorithmType: s.inferred ? 'SEMIAUTOMATIC' : 'MANUAL',
      ...(s.inferred ? { SegmentAlgorithmName: 'BoneMet cortical involvement sector' } : {}),
      ...(s.anatomicRegion
        ? { AnatomicRegionSequence: [{ ...codeItem(s.anatomicRegion), ...(s.laterality ? { AnatomicRegionModifierSequence: [codeItem(s.laterality)] } : {}) }] }
        : {}),
      TrackingID: s.trackingId.slice(0, 64),
      TrackingUID: s.trackingUid,
    })),
    NumberOfFrames: frames.length,
    SharedFunctionalGroupsSequence: [{
      PlaneOrientationSequence: [{ ImageOrientationPatient: [...grid.rowDirection, ...grid.columnDirection].map(formatDs) }],
      PixelMeasuresSequence: [{ PixelSpacing: grid.spacing.map(formatDs), SliceThickness: formatDs(input.sliceThickness ?? 1) }],
    }],
    PerFrameFunctionalGroupsSequence: perFrame,
    DimensionOrganizationSequence: [{ DimensionOrganizationUID: dimensionOrganization }],
    DimensionOrganizationType: '3D',
    DimensionIndexSequence: [
      { DimensionOrganizationUID: dimensionOrganization, DimensionIndexPointer: REFERENCED_SEGMENT_NUMBER, FunctionalGroupPointer: SEGMENT_IDENTIFICATION_SEQUENCE, DimensionDescriptionLabel: 'Segment Number' },
      { DimensionOrganizationUID: dimensionOrganization, DimensionIndexPointer: IMAGE_POSITION_PATIENT, FunctionalGroupPointer: PLANE_POSITION_SEQUENCE, DimensionDescriptionLabel: 'Image Position Patient' },
    ],
    ReferencedSeriesSequence: [{
      SeriesInstanceUID: input.seriesInstanceUid,
      ReferencedInstanceSequence: [...referenced.values()].map((s) => ({ ReferencedSOPClassUID: s.sopClassUid, ReferencedSOPInstanceUID: s.sopInstanceUid })),
    }],
    PixelData: [packBinaryFrames(frames, grid.rows * grid.columns).buffer],
    _vrMap: { PixelData: 'OB' },
  };
  return dataset as unknown as NaturalizedDataset;
}
