import { describe, expect, it } from 'vitest';
import { buildReferralBundle } from '../../../electron/core/export/fhir/build-referral-bundle';
import { r4Issues } from '../../support/fhir-r4-validator';
import { fixtureSource } from './tables-source-fixture';

// dom-6 (R4 DomainResource, best practice): "A resource should have narrative for robust
// management"; the HL7 validator warns of every resource without one. A receiver without our codes
// shows the narrative: it must say what the resource holds, escaped as XHTML.

const PDF = new Uint8Array(Buffer.from('%PDF-1.7\n%%EOF\n'));
const source = fixtureSource();
const hostile = { ...source, study: { ...source.study, patientName: 'O<BRIEN^Ærø & "Jane"' } };
const bundle = buildReferralBundle(hostile, { pdf: PDF });
const narrative = (type: string) => (bundle.entry.find((e) => e.resource.resourceType === type)!.resource as { text?: { status: string; div: string } }).text;

describe('the narrative of every resource in the FHIR bundle', () => {
  it('is generated XHTML in the XHTML namespace, on every resource', () => {
    for (const e of bundle.entry) {
      const text = (e.resource as { text?: { status: string; div: string } }).text;
      expect(text?.status, e.resource.resourceType).toBe('generated');
      expect(text?.div).toMatch(/^<div xmlns="http:\/\/www\.w3\.org\/1999\/xhtml">.+<\/div>$/s);
    }
    expect(r4Issues(bundle)).toEqual([]);
  });

  it('says what the resource holds, markup in the data escaped', () => {
    expect(narrative('Patient')?.div).toContain('<p>Ærø &amp; &quot;Jane&quot; O&lt;BRIEN</p><p>Patient ID ID,&quot;7&quot;</p>');
    expect(narrative('Patient')?.div).not.toContain('O<BRIEN');
    const observations = bundle.entry.filter((e) => e.resource.resourceType === 'Observation').map((e) => (e.resource as { text: { div: string } }).text.div);
    expect(observations).toContain('<div xmlns="http://www.w3.org/1999/xhtml"><p>Harrington criteria for impending fracture (criteria met): 0-3</p><p>T11 vertebra, midline</p></div>');
    expect(observations).toContain('<div xmlns="http://www.w3.org/1999/xhtml"><p>Mirels score (Mirels 1989): 9</p><p>Femur, Femoral diaphysis (shaft), left</p></div>');
  });
});
