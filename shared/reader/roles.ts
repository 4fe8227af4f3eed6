import { z } from 'zod';

/**
 * The specialists who decide treatment of a flagged lesion and record that decision: the
 * (orthopaedic) surgeon, and the program's other deciding specialists, each a role of their own.
 */
export const ReviewingRoleSchema = z.enum(['surgeon', 'neurosurgeon', 'radiation-oncologist', 'interventional-radiologist']);
export type ReviewingRole = z.infer<typeof ReviewingRoleSchema>;

/**
 * The role chosen at sign-in: it picks the first view (a reviewing specialist: the worklist;
 * radiologist and researcher: the study browser), and a reviewing specialist reviews lesions and
 * records decisions but records no lesion. On a single-user desktop it is not a login: whoever
 * sits at the workstation chooses it, and the audit trail records the system account that did.
 */
export const ReaderRoleSchema = z.enum(['radiologist', ...ReviewingRoleSchema.options, 'researcher']);
export type ReaderRole = z.infer<typeof ReaderRoleSchema>;

/** Each role as the app and the CLI name it to people. */
export const ROLE_LABELS: Readonly<Record<ReaderRole, string>> = {
  radiologist: 'Radiologist',
  surgeon: 'Surgeon',
  neurosurgeon: 'Neurosurgeon',
  'radiation-oncologist': 'Radiation oncologist',
  'interventional-radiologist': 'Interventional radiologist',
  researcher: 'Researcher',
};

/** True for a reviewing specialist: reviews lesions and records decisions, records no lesion. */
export function isReviewingRole(role: ReaderRole): role is ReviewingRole {
  return (ReviewingRoleSchema.options as readonly string[]).includes(role);
}

/** The reviewing roles as a sentence lists them ("surgeon, neurosurgeon, ... or interventional radiologist"). */
export function reviewingRolesText(): string {
  const names = ReviewingRoleSchema.options.map((role) => ROLE_LABELS[role].toLowerCase());
  return `${names.slice(0, -1).join(', ')} or ${names.at(-1)}`;
}

/** A role as a sentence names one person in it ("a surgeon", "an interventional radiologist"). */
export function roleWithArticle(role: ReaderRole): string {
  const label = ROLE_LABELS[role].toLowerCase();
  return `${/^[aeiou]/.test(label) ? 'an' : 'a'} ${label}`;
}
