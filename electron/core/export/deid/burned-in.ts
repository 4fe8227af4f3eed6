import type { DenaturalizedDataset } from 'dcmjs';

/** SOP classes whose pixels commonly carry burned-in text: secondary captures and ultrasound. */
const REVIEW_SOP_CLASS_PREFIXES = [
  '1.2.840.10008.5.1.4.1.1.7', // Secondary Capture family (incl. multi-frame SC)
  '1.2.840.10008.5.1.4.1.1.6.', // Ultrasound Image Storage (6.1, 6.2)
  '1.2.840.10008.5.1.4.1.1.3.1', // Ultrasound Multi-frame Image Storage
];
const REVIEW_MODALITIES = new Set(['US', 'SC', 'OT', 'XC', 'ES', 'GM', 'SM', 'DOC']);

/**
 * Why an image needs a person to look for identifying text in its pixels, or null. The Basic
 * Profile cleans attributes, not pixels (that is the Clean Pixel Data Option, not applied here).
 */
export function burnedInReviewReason(dict: DenaturalizedDataset): string | null {
  const value = (tag: string) => String(dict[tag]?.Value?.[0] ?? '').trim().toUpperCase();
  if (value('00280301') === 'YES') return 'Burned In Annotation is YES';
  const sopClass = String(dict['00080016']?.Value?.[0] ?? '');
  if (REVIEW_SOP_CLASS_PREFIXES.some((p) => sopClass.startsWith(p))) return `SOP class ${sopClass} (secondary capture or ultrasound) often carries burned-in text`;
  const modality = value('00080060');
  if (REVIEW_MODALITIES.has(modality)) return `modality ${modality} often carries burned-in text`;
  return null;
}
