import { z } from 'zod';
import { ReaderRoleSchema } from './roles';

export { ReaderRoleSchema, type ReaderRole } from './roles';

/** The person at the keyboard, named once; every lesion, annotation and audit row carries the initials. */
export const ReaderSchema = z
  .object({
    initials: z.string().trim().min(1).max(8).regex(/^[\p{L}\p{N}.-]+$/u, 'letters, digits, dots or hyphens'),
    name: z.string().trim().min(1).max(200),
    role: ReaderRoleSchema.default('radiologist'),
  })
  .strict();
export type Reader = z.infer<typeof ReaderSchema>;

/**
 * A reader as one names oneself (reader.set): the name also without control characters, bidi
 * overrides and backslashes, since it goes into the Person Name of every SR written here, where a
 * backslash starts a second value, and is shown on lines it must not turn around. Names stored
 * before are read with ReaderSchema, as they were saved.
 */
export const ReaderInputSchema = ReaderSchema.extend({
  name: ReaderSchema.shape.name
    .regex(/^[^\p{Cc}\\]*$/u, 'a name holds no control character and no backslash (DICOM reads a backslash as the start of a second name)')
    // An override or isolate would turn around what follows the name on its line (the referral's "Reader: ... Updated: ...").
    .regex(/^[^\u202a-\u202e\u2066-\u2069]*$/u, 'a name holds no bidi override, embedding or isolate (U+202A-202E, U+2066-2069)'),
}).strict();

/**
 * What a reader's initials own on this workstation, and the name they were recorded under here
 * (null for initials that only came with records from elsewhere).
 */
export const ReaderRecordsSchema = z.object({
  initials: z.string(),
  name: z.string().nullable(),
  lesions: z.number().int().nonnegative(),
  annotations: z.number().int().nonnegative(),
  reviews: z.number().int().nonnegative(),
});
export type ReaderRecords = z.infer<typeof ReaderRecordsSchema>;

/** The number of records the initials own, all kinds together. */
export function ownedRecordCount(records: ReaderRecords): number {
  return records.lesions + records.annotations + records.reviews;
}

/** What the initials own, as a sentence names it ("3 lesions, 1 annotation and 0 reviews"). */
export function ownedRecordsText(records: ReaderRecords): string {
  const count = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;
  return `${count(records.lesions, 'lesion')}, ${count(records.annotations, 'annotation')} and ${count(records.reviews, 'review')}`;
}

/** True when two names are the same name as a person types it (case, and spaces between words, aside). */
export function sameReaderName(a: string, b: string): boolean {
  const normal = (name: string) => name.trim().replace(/\s+/g, ' ').toLocaleLowerCase();
  return normal(a) === normal(b);
}
