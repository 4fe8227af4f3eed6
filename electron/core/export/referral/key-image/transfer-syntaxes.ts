import { DECODED_COMPRESSIONS } from '../../../dicom/compressed-frame';

/** The transfer syntaxes whose pixel data this renderer reads: native (uncompressed) pixels. */
export const NATIVE_SYNTAXES = {
  implicitLittle: '1.2.840.10008.1.2',
  explicitLittle: '1.2.840.10008.1.2.1',
  deflatedExplicitLittle: '1.2.840.10008.1.2.1.99',
  explicitBig: '1.2.840.10008.1.2.2',
} as const;

/** Names of the encapsulated (compressed) syntaxes a reader is likely to meet, for the refusal message. */
const COMPRESSED: Readonly<Record<string, string>> = {
  '1.2.840.10008.1.2.4.50': 'JPEG Baseline (Process 1)',
  '1.2.840.10008.1.2.4.51': 'JPEG Extended (Process 2 & 4)',
  '1.2.840.10008.1.2.4.53': 'JPEG Extended (Process 6 & 8)',
  '1.2.840.10008.1.2.4.55': 'JPEG Full Progression (Process 10 & 12)',
  '1.2.840.10008.1.2.4.57': 'JPEG Lossless (Process 14)',
  '1.2.840.10008.1.2.4.70': 'JPEG Lossless SV1 (Process 14)',
  '1.2.840.10008.1.2.4.80': 'JPEG-LS Lossless',
  '1.2.840.10008.1.2.4.81': 'JPEG-LS Near-Lossless',
  '1.2.840.10008.1.2.4.90': 'JPEG 2000 Lossless',
  '1.2.840.10008.1.2.4.91': 'JPEG 2000',
  '1.2.840.10008.1.2.4.201': 'High-Throughput JPEG 2000 Lossless',
  '1.2.840.10008.1.2.4.202': 'High-Throughput JPEG 2000 (RPCL) Lossless',
  '1.2.840.10008.1.2.4.203': 'High-Throughput JPEG 2000',
  '1.2.840.10008.1.2.5': 'RLE Lossless',
  '1.2.840.10008.1.2.4.100': 'MPEG2',
  '1.2.840.10008.1.2.4.102': 'MPEG-4 AVC/H.264',
};

/** True when the syntax stores native pixels this renderer reads. */
export function isNativeSyntax(uid: string): boolean {
  return (Object.values(NATIVE_SYNTAXES) as string[]).includes(uid);
}

/** Why a key image in this syntax is not drawn, in words for the referral. */
export function unsupportedSyntaxReason(uid: string): string {
  const name = COMPRESSED[uid];
  const what = name ? `${name} (${uid})` : `transfer syntax ${uid || '(none)'}`;
  return `its pixel data is compressed as ${what}; this export draws uncompressed pixel data, and greyscale ${DECODED_COMPRESSIONS}, only. Open the image in the viewer, or convert the study to an uncompressed syntax (e.g. gdcmconv --raw) before exporting.`;
}
