import { describe, expect, it } from 'vitest';
import { buildReferralBundle } from '../../../electron/core/export/fhir/build-referral-bundle';
import { ObservationSchema } from '../../../electron/core/export/fhir/fhir-report-resources';
import { fixtureSource } from './tables-source-fixture';

// The HL7 FHIR validator refuses an extension whose StructureDefinition it cannot find ("The
// extension ... could not be found so is not allowed here", an error by default), and a receiver
// may drop one it does not know: what a score component says must be in R4's own elements.

const bundle = buildReferralBundle(fixtureSource(), { pdf: new Uint8Array(Buffer.from('%PDF-1.7\n%%EOF\n')) });
const observations = bundle.entry.map((e) => e.resource).filter((r) => r.resourceType === 'Observation').map((r) => ObservationSchema.parse(r));
const score = (code: string) => observations.find((o) => o.code.coding?.[0]?.code === code)!;
const part = (code: string, id: string) => score(code).component?.find((c) => c.code.coding?.[0]?.code === `${code}.${id}`);

describe('the score components of the FHIR bundle', () => {
  it('use no extension of ours', () => {
    const urls: string[] = [];
    const walk = (value: unknown): void => {
      if (Array.isArray(value)) return value.forEach(walk);
      if (value === null || typeof value !== 'object') return;
      for (const [key, child] of Object.entries(value)) {
        if (key === 'extension' || key === 'modifierExtension') urls.push(...(child as { url: string }[]).map((x) => x.url));
        walk(child);
      }
    };
    walk(bundle);
    expect(urls).toEqual([]);
  });

  it('give the points a missing input could still give as a Range, and an unknown criterion as unknown', () => {
    // The T11: SINS pain, alignment, collapse and posterolateral involvement not recorded.
    expect(part('sins', 'pain')).toMatchObject({ valueRange: { low: { value: 0 }, high: { value: 3 } } });
    expect(part('sins', 'pain')?.dataAbsentReason).toBeUndefined();
    // T11 is junctional (T11-L1): 3 points.
    expect(part('sins', 'location')).toMatchObject({ valueInteger: 3 });
    // Harrington and Van der Linden count criteria: one not recorded is met or not, nothing in between.
    const criteria = observations.filter((o) => ['harrington', 'van-der-linden'].includes(o.code.coding?.[0]?.code ?? '')).flatMap((o) => o.component ?? []);
    const unknown = criteria.filter((c) => c.valueBoolean === undefined);
    expect(unknown.length).toBeGreaterThan(0);
    for (const c of unknown) expect(c).toEqual({ code: c.code, dataAbsentReason: { coding: [expect.objectContaining({ code: 'unknown' })] } });
  });

  it('say the input each component read in the Observation\'s notes', () => {
    const notes = score('mirels').note!.map((n) => n.text).join('\n');
    expect(notes).toContain('Site: lower limb = 2 points');
    expect(notes).toContain('Lesion nature: lytic = 3 points');
  });
});

describe('the interpretation band of a score', () => {
  // R4 binds Observation.interpretation (extensible) to ObservationInterpretationCodes, which has
  // no code for a Mirels or SINS band: a text-only interpretation draws the HL7 validator's warning
  // "No code provided, and a code should be provided from the value set". The band is a note.
  it('is in the notes, every band still possible while inputs are missing, and no coded-less interpretation', () => {
    for (const o of observations) expect(o.interpretation).toBeUndefined();
    expect(score('mirels').note?.map((n) => n.text)).toContain('Band: >= 9: prophylactic fixation recommended.');
    expect(score('sins').note?.map((n) => n.text).find((t) => t.startsWith('Band: one of: '))).toBe('Band: one of: 0-6: stable | 7-12: potentially unstable | 13-18: unstable.');
  });
});
