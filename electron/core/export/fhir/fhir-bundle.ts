import { z } from 'zod';
import { AppError } from '@shared/errors';
import { FhirInstantSchema, FhirUriSchema, IdentifierSchema } from './fhir-datatypes';
import { ImagingStudySchema, PatientSchema, PractitionerSchema } from './fhir-resources';
import { DiagnosticReportSchema, ObservationSchema, ServiceRequestSchema } from './fhir-report-resources';

/** Every resource the referral bundle may hold, told apart by resourceType. */
export const BundleResourceSchema = z.discriminatedUnion('resourceType', [
  PatientSchema,
  PractitionerSchema,
  ImagingStudySchema,
  ObservationSchema,
  DiagnosticReportSchema,
  ServiceRequestSchema,
]);
export type BundleResource = z.infer<typeof BundleResourceSchema>;

const URN_UUID = /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** R4 Bundle of type collection: entries with a urn:uuid fullUrl each (bdl-7: unique). */
export const CollectionBundleSchema = z
  .object({
    resourceType: z.literal('Bundle'),
    identifier: IdentifierSchema.optional(),
    type: z.literal('collection'),
    timestamp: FhirInstantSchema,
    entry: z.array(z.object({ fullUrl: FhirUriSchema.regex(URN_UUID, 'fullUrl must be urn:uuid:<lower-case UUID>'), resource: BundleResourceSchema }).strict()),
  })
  .strict()
  .superRefine((bundle, ctx) => {
    const seen = new Set<string>();
    bundle.entry.forEach((e, i) => {
      if (seen.has(e.fullUrl)) ctx.addIssue({ code: 'custom', path: ['entry', i, 'fullUrl'], message: `bdl-7: fullUrl ${e.fullUrl} appears twice` });
      seen.add(e.fullUrl);
    });
  });
export type CollectionBundle = z.infer<typeof CollectionBundleSchema>;

/**
 * The resource types each reference element may point to (R4 target profiles, narrowed to what
 * we emit); an element not listed may point to any resource in the bundle.
 */
const TARGETS: Readonly<Record<string, readonly string[]>> = {
  subject: ['Patient'],
  performer: ['Practitioner'],
  resultsInterpreter: ['Practitioner'],
  requester: ['Practitioner'],
  derivedFrom: ['ImagingStudy', 'Observation'],
  hasMember: ['Observation'],
  result: ['Observation'],
  imagingStudy: ['ImagingStudy'],
  reasonReference: ['Observation', 'DiagnosticReport'],
};

/** Every `reference` in a value, with the element that holds it and its JSON path. */
export function collectReferences(value: unknown, path: string[] = []): { element: string; reference: string; path: string }[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => collectReferences(v, [...path, String(i)]));
  if (value === null || typeof value !== 'object') return [];
  const out: { element: string; reference: string; path: string }[] = [];
  for (const [key, child] of Object.entries(value)) {
    if (key === 'reference' && typeof child === 'string') {
      const element = [...path].reverse().find((p) => !/^\d+$/.test(p)) ?? '';
      out.push({ element, reference: child, path: path.join('.') });
    } else out.push(...collectReferences(child, [...path, key]));
  }
  return out;
}

/**
 * Refuses a bundle that R4 or our rules do not allow: every resource valid, every fullUrl unique,
 * every reference resolving to an entry of the bundle, of a type the element may point to.
 * @returns the bundle, parsed
 */
export function validateCollectionBundle(candidate: unknown): CollectionBundle {
  const parsed = CollectionBundleSchema.safeParse(candidate);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError('internal', `The FHIR bundle is not valid R4 at ${issue?.path.join('.') || '(root)'}: ${issue?.message}. Nothing was written; please report this.`);
  }
  const types = new Map(parsed.data.entry.map((e) => [e.fullUrl, e.resource.resourceType]));
  for (const ref of collectReferences(parsed.data.entry)) {
    const target = types.get(ref.reference);
    if (!target) throw new AppError('internal', `The FHIR bundle refers to ${ref.reference} at entry.${ref.path}, which is not in the bundle. Nothing was written.`);
    const allowed = TARGETS[ref.element];
    if (allowed && !allowed.includes(target)) {
      throw new AppError('internal', `The FHIR bundle's ${ref.element} at entry.${ref.path} points to a ${target}; R4 allows ${allowed.join(' or ')}. Nothing was written.`);
    }
  }
  return parsed.data;
}
