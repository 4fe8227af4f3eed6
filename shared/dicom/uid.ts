import { z } from 'zod';

/** A DICOM UID: dotted digits, at most 64 characters (PS3.5 9.1). */
export const DicomUidSchema = z
  .string()
  .max(64)
  .regex(/^[0-9]+(\.[0-9]+)*$/, 'not a DICOM UID');
