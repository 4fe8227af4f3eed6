import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildReferralBundle } from '../../../electron/core/export/fhir/build-referral-bundle';
import { encodePart10Dict, parsePart10 } from '../../../electron/core/export/dicom/part10-io';
import { loadStudyExportSource } from '../../../electron/core/export/study-export-source';
import { PHANTOM_IDENTITY, phantomFixture, type PhantomFixture } from './dicom-export-fixture';

// The Patient ID's issuer, as the images give it, becomes the FHIR identifier's system.

const OID = '1.2.826.0.1.3680043.10.1133';
let fixture: PhantomFixture;
beforeAll(async () => {
  fixture = await phantomFixture({
    dress: (dir) => {
      for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.dcm'))) {
        const full = path.join(dir, file);
        const { meta, dict } = parsePart10(fs.readFileSync(full), full);
        const issuer = {
          '00100021': { vr: 'LO', Value: ['ST ELSEWHERE MRN'] },
          '00100024': { vr: 'SQ', Value: [{ '00400032': { vr: 'UT', Value: [OID] }, '00400033': { vr: 'CS', Value: ['ISO'] } }] },
        };
        fs.writeFileSync(full, encodePart10Dict(meta, { ...dict, ...issuer }));
      }
    },
  });
});
afterAll(() => fixture.cleanup());

describe('the FHIR Patient of a study whose images name the Patient ID issuer', () => {
  it('identifies the patient under urn:oid of the issuer\'s universal entity id', () => {
    const source = loadStudyExportSource(fixture.db, fixture.truth.studyInstanceUid, { appVersion: '0.1.0' });
    expect(source.patientIdIssuer).toEqual({ name: 'ST ELSEWHERE MRN', universalEntityId: OID, universalEntityIdType: 'ISO' });
    const bundle = buildReferralBundle(source, { pdf: new Uint8Array(Buffer.from('%PDF-1.7\n%%EOF\n')), includeAll: true });
    const patient = bundle.entry.find((e) => e.resource.resourceType === 'Patient')!.resource as { identifier: { system: string; value: string }[] };
    expect(patient.identifier).toEqual([expect.objectContaining({ system: `urn:oid:${OID}`, value: PHANTOM_IDENTITY.patientId })]);
  });
});
