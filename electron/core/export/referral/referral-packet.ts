import { z } from 'zod';
import { IgnoredInputSchema } from '@shared/scoring/ignored-inputs';
import { ReaderSchema } from '@shared/reader/reader';
import { BoneAnalysisSummarySchema } from '@shared/analysis/bone-analysis-summary';
import { CtraResultSchema } from '@shared/scoring/ctra';
import { ScoreResultSchema } from '@shared/scoring/result';
import { UrgencySchema } from '@shared/scoring/urgency';

/**
 * The referral packet as data: everything the PDF shows, decided and validated before any
 * layout, so that the layout only places text and images (CLINICAL.md, "What a surgeon needs").
 */

/** Who the packet is for: a clinical packet names the patient, in the text and burned into the images. */
export const PacketPurposeSchema = z.enum(['clinical', 'non-clinical']);
export type PacketPurpose = z.infer<typeof PacketPurposeSchema>;

export const KeyImageSchema = z.object({
  /** Null in a non-clinical packet: a UID finds the patient in any PACS. */
  seriesInstanceUid: z.string().nullable(),
  sopInstanceUid: z.string().nullable(),
  /** Where the image is inside this study ("series 1, image 12 of 24"): identifies no one. */
  position: z.string(),
  frameNumber: z.number().int().positive(),
  /** How many of the lesion's annotations the image shows (their ids stay out: the clinical SR carries them). */
  annotationCount: z.number().int().nonnegative(),
  /** The PNG with the annotations drawn, or null with the reason it could not be drawn. */
  png: z.instanceof(Uint8Array).nullable(),
  width: z.number().int().positive().nullable(),
  height: z.number().int().positive().nullable(),
  notRenderedReason: z.string().nullable(),
  /** Window used (centre/width), enlargement, annotations off the plane. */
  notes: z.array(z.string()),
});
export type KeyImage = z.infer<typeof KeyImageSchema>;

/** A measured value: as stored, and as the packet shows it (never rounded onto or across a limit of the scores). */
export const PacketMeasurementSchema = z.object({ label: z.string(), value: z.number(), shown: z.string(), unit: z.string(), provenance: z.string() });

export const PacketLesionSchema = z.object({
  /**
   * The lesion's DICOM Tracking UID, which the SR and SEG carry: with the study's accession and UIDs,
   * what finds it outside this app. Null in a non-clinical packet, where it would lead back to the patient.
   */
  trackingUid: z.string().nullable(),
  lesionSchemaVersion: z.number().int(),
  location: z.string(),
  siteCode: z.string().nullable(),
  nature: z.string(),
  status: z.enum(['draft', 'final']),
  reader: z.string(),
  /** Null in a non-clinical packet, which holds no dates. */
  updatedAt: z.string().nullable(),
  measurements: z.array(PacketMeasurementSchema),
  /** Label -> "yes" | "no" | "not recorded", for the yes/no findings and the clinical inputs. */
  findings: z.array(z.object({ label: z.string(), value: z.string() })),
  /** The applicable scores, every component and missing input included. */
  scores: z.array(ScoreResultSchema),
  /** Scores that do not apply to this bone, with the reason. */
  notApplicable: z.array(z.object({ name: z.string(), reason: z.string() })),
  /** Recorded values that no score reads for this bone, each with why (never dropped in silence). */
  ignoredInputs: z.array(IgnoredInputSchema),
  urgency: UrgencySchema,
  /** The experimental rigidity verdict, and the accepted bone analysis whose profile is plotted (null without one). */
  ctra: CtraResultSchema,
  boneAnalysis: BoneAnalysisSummarySchema.nullable(),
  keyImages: z.array(KeyImageSchema),
  /** The study's other lesions in the same bone (either side); trackingUid null in a non-clinical packet, packetNumber null when not in the packet. */
  sameBoneLesions: z.array(
    // The whole urgency, so that a lesion routine only while inputs are missing is named with its worst case.
    z.object({ trackingUid: z.string().nullable(), packetNumber: z.number().int().positive().nullable(), location: z.string(), urgency: UrgencySchema, status: z.string() }),
  ),
  /** The reader's note; null when a non-clinical packet withholds it (free text may name the patient). */
  note: z.string().nullable(),
});
export type PacketLesion = z.infer<typeof PacketLesionSchema>;

export const ReferralPacketSchema = z.object({
  purpose: PacketPurposeSchema,
  /** Null in a non-clinical packet: the export's date would date the study. */
  generatedAt: z.string().nullable(),
  appVersion: z.string(),
  urgencyRuleSet: z.string(),
  /** Null in a non-clinical packet. */
  patient: z.object({ name: z.string(), id: z.string(), birthDate: z.string().nullable(), sex: z.string() }).nullable(),
  /** A non-clinical packet describes the study by description and modalities only: UID, date and accession are null. */
  study: z.object({
    studyInstanceUid: z.string().nullable(),
    date: z.string().nullable(),
    accessionNumber: z.string().nullable(),
    /** Null when a non-clinical packet withholds it: free text that names the patient (packet-description.ts). */
    description: z.string().nullable(),
    modalities: z.array(z.string()),
  }),
  referringReader: ReaderSchema,
  /** Every bone lesion recorded in the study, flagged or not. */
  totalBoneLesions: z.number().int().nonnegative(),
  includesAllLesions: z.boolean(),
  lesions: z.array(PacketLesionSchema).min(1),
});
export type ReferralPacket = z.infer<typeof ReferralPacketSchema>;
