import { Fhir } from 'fhir';
import type { ParsedProperty } from 'fhir/model/parsed-property';

/** One finding of the R4 validator: where, how bad, what. */
export interface R4Issue {
  severity: 'fatal' | 'error' | 'warning' | 'info';
  location: string;
  message: string;
}

// fhir.js (FHIR.js by Sean McIlvenna / Lantana, npm "fhir") validates against the R4 core
// StructureDefinitions and value-set expansions it bundles: every element known (errorOnUnexpected),
// required elements present, arrays where the element repeats, primitive formats, codes of required
// bindings, and the resource type of relative references. It evaluates no invariant (bdl-*, obs-*,
// ele-1, att-1, rng-2), does not resolve urn:uuid references in a Bundle, does not check a time
// zone on a dateTime nor base64 content; validateCollectionBundle (fhir-bundle.ts) checks those.
const fhir = new Fhir();
const definitions = fhir.parser.parsedStructureDefinitions;

/** The binding strength of the element at a validator location ("ServiceRequest.category[0]"). */
function bindingStrength(location: string): string | undefined {
  const [type = '', ...names] = location.replace(/\[\d+\]/g, '').split('.');
  let properties = definitions[type]?._properties;
  let found: ParsedProperty | undefined;
  for (const name of names) {
    found = properties?.find((p) => p._name === name);
    properties = found?._properties ?? (found?._type ? definitions[found._type]?._properties : undefined);
  }
  return found?._valueSetStrength;
}

/**
 * The validator's errors and warnings on a resource or Bundle, less two artefacts of fhir.js, which
 * warns of every code outside a value set whatever the binding: a code under an example binding
 * (R4: "no expectation that the codes be used"), and one whose value set it does not bundle (it says
 * "could not be found" beside: the code was not checked at all).
 */
export function r4Issues(resource: unknown): R4Issue[] {
  const messages = fhir.validate(structuredClone(resource) as object, { errorOnUnexpected: true }).messages as R4Issue[];
  const unchecked = new Set(messages.filter((m) => m.severity === 'info' && /could not be found/.test(m.message)).map((m) => m.location));
  const artefact = (m: R4Issue) => m.severity === 'warning' && /not found in value set/.test(m.message) && (unchecked.has(m.location) || bindingStrength(m.location) === 'example');
  return messages.filter((m) => m.severity !== 'info' && !artefact(m));
}
