import { createHash } from 'node:crypto';

// 2.25 UIDs carry a decimal integer below 2^128 (PS3.5 B.2). Forcing the integer
// into [10^37, 10^38) gives every UID the same 43 characters, so the bulk corpus
// writer can patch a UID into a prebuilt file in place.
const LOW = 10n ** 37n;
const SPAN = 9n * 10n ** 37n;

/** A deterministic 2.25 UID (43 characters) derived from a SHA-256 of `key`. */
export function uidFromKey(key: string): string {
  const hex = createHash('sha256').update(key).digest('hex').slice(0, 32);
  return `2.25.${(LOW + (BigInt(`0x${hex}`) % SPAN)).toString()}`;
}

/** The length every `uidFromKey` UID has. */
export const FIXED_UID_LENGTH = 43;

/** Implementation Class UID of files this generator writes (File Meta, PS3.7 D.3.3.2). */
export const IMPLEMENTATION_CLASS_UID = uidFromKey('bonemet-review|phantom|implementation');

/** Implementation Version Name (SH, at most 16 characters). */
export const IMPLEMENTATION_VERSION_NAME = 'BONEMET_PH_1';

/** CT Image Storage SOP class. */
export const CT_IMAGE_STORAGE = '1.2.840.10008.5.1.4.1.1.2';

/** Explicit VR Little Endian transfer syntax. */
export const EXPLICIT_VR_LITTLE_ENDIAN = '1.2.840.10008.1.2.1';
