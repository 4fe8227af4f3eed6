import type { BundleResource } from './fhir-bundle';
import type { Observation } from './fhir-report-resources';

/** R4 Narrative as the bundle writes it: generated from the resource's own elements. */
export interface Narrative {
  status: 'generated';
  div: string;
}

const XHTML_ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escapeXhtml = (text: string) => text.replace(/[&<>"']/g, (c) => XHTML_ESCAPES[c]!);

type Quantity = NonNullable<Observation['valueQuantity']>;
const quantityText = (q: Quantity | undefined) => (q ? `${q.value}${q.unit === '%' ? '%' : q.unit ? ` ${q.unit}` : ''}` : '?');

/** An Observation's value as a reader reads it: "9", "7-11", "21.53-28 mm", "Present", "unknown". */
function valueText(o: Observation): string {
  if (o.valueInteger !== undefined) return String(o.valueInteger);
  if (o.valueBoolean !== undefined) return o.valueBoolean ? 'yes' : 'no';
  if (o.valueQuantity) return quantityText(o.valueQuantity);
  if (o.valueRange) return `${quantityText(o.valueRange.low)}-${quantityText(o.valueRange.high)}`;
  if (o.valueCodeableConcept) return o.valueCodeableConcept.text ?? o.valueCodeableConcept.coding?.[0]?.display ?? 'coded';
  return 'unknown';
}

/** What a resource holds, one line each, from its own elements only (status "generated"). */
function narrativeLines(resource: BundleResource): (string | undefined)[] {
  switch (resource.resourceType) {
    case 'Patient':
      return [
        resource.name?.[0]?.text ?? 'Patient, name not recorded',
        ...(resource.identifier ?? []).map((i) => `Patient ID ${i.value}`),
        resource.gender && `Sex: ${resource.gender}`,
        resource.birthDate && `Born ${resource.birthDate}`,
      ];
    case 'Practitioner':
      return [`Reader ${resource.name?.[0]?.text ?? resource.identifier?.[0]?.value ?? ''}`];
    case 'ImagingStudy':
      return [`Imaging study${resource.started ? ` of ${resource.started}` : ''}: ${resource.numberOfSeries ?? 0} series, ${resource.numberOfInstances ?? 0} instances`, resource.description];
    case 'Observation':
      // The coding's display first: "Harrington criteria for impending fracture (criteria met)" says what a count counts.
      return [`${resource.code.coding?.[0]?.display ?? resource.code.text}: ${valueText(resource)}`, resource.bodySite?.text];
    case 'DiagnosticReport':
      return [resource.code.text ?? resource.code.coding?.[0]?.display, resource.conclusion];
    case 'ServiceRequest':
      return [`${resource.code?.text ?? 'Referral'}, priority ${resource.priority ?? 'not stated'}`, ...(resource.note ?? []).map((n) => n.text)];
  }
}

/**
 * The resource's narrative (R4 dom-6: a resource should have one, the HL7 validator warns of every
 * resource without): a paragraph per line of what it holds, escaped as XHTML.
 */
export function narrativeOf(resource: BundleResource): Narrative {
  const paragraphs = narrativeLines(resource)
    .filter((line): line is string => Boolean(line?.trim()))
    .map((line) => `<p>${escapeXhtml(line.trim())}</p>`);
  return { status: 'generated', div: `<div xmlns="http://www.w3.org/1999/xhtml">${paragraphs.join('')}</div>` };
}
