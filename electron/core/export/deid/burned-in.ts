import type { DenaturalizedDataset } from 'dcmjs';
import { trimPadding } from '@shared/dicom/text-decoding';

/** SOP classes whose pixels commonly carry burned-in text: secondary captures and ultrasound. */
const REVIEW_SOP_CLASS_PREFIXES = [
  '1.2.840.10008.5.1.4.1.1.7', // Secondary Capture family (incl. multi-frame SC)
  '1.2.840.10008.5.1.4.1.1.6.', // Ultrasound Image Storage (6.1, 6.2)
  '1.2.840.10008.5.1.4.1.1.3.1', // Ultrasound Multi-frame Image Storage
];
const REVIEW_MODALITIES = new Set(['US', 'SC', 'OT', 'XC', 'ES', 'GM', 'SM', 'DOC']);
/** Projection radiographs: their pixels often carry burned-in text (older CR the patient's name), so they need a clear NO. */
const REVIEW_UNLESS_SAID_NO = new Set(['CR', 'DX', 'MG', 'XA', 'RF', 'IO', 'PX']);

/** A coded value as read, upper case, without padding: "YES" padded with a NUL says YES. */
const upperValue = (dict: DenaturalizedDataset, tag: string) => trimPadding(String(dict[tag]?.Value?.[0] ?? '')).trim().toUpperCase();

/**
 * Why an image may not leave in a de-identified export, or null: it says its pixels carry burned-in
 * annotation, and this app does not clean pixels (the Clean Pixel Data Option is not applied).
 */
export function burnedInWithheldReason(dict: DenaturalizedDataset): string | null {
  return upperValue(dict, '00280301') === 'YES'
    ? 'Burned In Annotation is YES: its pixels may show the patient\'s identity and this app does not clean pixels, so it is not exported (nor in any NIfTI, SEG or SR)'
    : null;
}

/**
 * Why an image that does not say it carries burned-in annotation still needs a person to look for
 * identifying text or features in its pixels, or null. The Basic Profile cleans attributes, not pixels.
 */
export function burnedInReviewReason(dict: DenaturalizedDataset): string | null {
  const value = (tag: string) => upperValue(dict, tag);
  // The Clean Recognizable Visual Features Option is not applied either: a face can be recognised.
  if (value('00280302') === 'YES') return 'Recognizable Visual Features is YES: its pixels may show the patient\'s face or another feature that identifies';
  const sopClass = String(dict['00080016']?.Value?.[0] ?? '');
  if (REVIEW_SOP_CLASS_PREFIXES.some((p) => sopClass.startsWith(p))) return `SOP class ${sopClass} (secondary capture or ultrasound) often carries burned-in text`;
  const modality = value('00080060');
  if (REVIEW_MODALITIES.has(modality)) return `modality ${modality} often carries burned-in text`;
  if (REVIEW_UNLESS_SAID_NO.has(modality) && value('00280301') !== 'NO') return `modality ${modality} often carries burned-in text and the image does not say Burned In Annotation = NO`;
  return null;
}
