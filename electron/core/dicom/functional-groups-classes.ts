/**
 * Image SOP classes whose IODs have no Multi-frame Functional Groups module (PS3.3 A.2 to A.35):
 * an image of one of them is placed by its top-level Image Plane attributes only, which the index
 * reads. Only classes that never hold functional groups are listed: any other class (an enhanced
 * or legacy-converted one, a multi-frame Secondary Capture, a private class) may.
 */
const WITHOUT_FUNCTIONAL_GROUPS = new Set([
  '1.2.840.10008.5.1.4.1.1.1', // Computed Radiography
  '1.2.840.10008.5.1.4.1.1.1.1', // Digital X-Ray, for presentation
  '1.2.840.10008.5.1.4.1.1.1.1.1', // Digital X-Ray, for processing
  '1.2.840.10008.5.1.4.1.1.1.2', // Digital Mammography, for presentation
  '1.2.840.10008.5.1.4.1.1.1.2.1', // Digital Mammography, for processing
  '1.2.840.10008.5.1.4.1.1.1.3', // Digital Intra-Oral X-Ray, for presentation
  '1.2.840.10008.5.1.4.1.1.1.3.1', // Digital Intra-Oral X-Ray, for processing
  '1.2.840.10008.5.1.4.1.1.2', // CT Image
  '1.2.840.10008.5.1.4.1.1.4', // MR Image
  '1.2.840.10008.5.1.4.1.1.128', // PET Image
  '1.2.840.10008.5.1.4.1.1.20', // Nuclear Medicine Image
  '1.2.840.10008.5.1.4.1.1.6.1', // Ultrasound Image
  '1.2.840.10008.5.1.4.1.1.3.1', // Ultrasound Multi-frame Image
  '1.2.840.10008.5.1.4.1.1.7', // Secondary Capture Image
  '1.2.840.10008.5.1.4.1.1.12.1', // X-Ray Angiographic Image
  '1.2.840.10008.5.1.4.1.1.12.2', // X-Ray Radiofluoroscopic Image
  '1.2.840.10008.5.1.4.1.1.481.1', // RT Image
  '1.2.840.10008.5.1.4.1.1.77.1.1', // VL Endoscopic Image
  '1.2.840.10008.5.1.4.1.1.77.1.2', // VL Microscopic Image
  '1.2.840.10008.5.1.4.1.1.77.1.4', // VL Photographic Image
]);

/** Whether an image of this SOP class may be placed by functional groups (false only for classes whose IODs have none). */
export function mayHoldFunctionalGroups(sopClassUid: string): boolean {
  return !WITHOUT_FUNCTIONAL_GROUPS.has(sopClassUid.trim());
}
