import { z } from 'zod';
import { AppError } from '../errors';

/** A DICOM UID: dotted digits, at most 64 characters (PS3.5 9.1). */
export const DicomUidSchema = z
  .string()
  .max(64)
  .regex(/^[0-9]+(\.[0-9]+)*$/, 'not a DICOM UID');

/** The 2.25 UID of a UUID (PS3.5 B.2): lesion and annotation ids travel in DICOM (SR, tracking UIDs) as UIDs. */
export function uuidToUid(uuid: string): string {
  const hex = uuid.replaceAll('-', '');
  if (!/^[0-9a-fA-F]{32}$/.test(hex)) throw new AppError('invalid_request', `"${uuid}" is not a UUID.`);
  return `2.25.${BigInt(`0x${hex}`).toString(10)}`;
}

/** The UUID (lower case, hyphenated) behind a 2.25 UID, or null when the UID is not one. */
export function uidToUuid(uid: string): string | null {
  const match = /^2\.25\.(0|[1-9][0-9]*)$/.exec(uid);
  if (!match) return null;
  const value = BigInt(match[1]!);
  if (value >= 1n << 128n) return null;
  const hex = value.toString(16).padStart(32, '0');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
