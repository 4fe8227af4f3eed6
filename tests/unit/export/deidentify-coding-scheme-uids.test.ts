import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { deidentifyFile } from '../../../electron/core/export/deid/deidentify-file';
import { SHARED_DICOM, temporaryFolder } from '../../support/paths';
import { dciodvfy, pydicomScript } from './dicom-tools';

// The UID of a coding scheme (SNOMED CT is 2.16.840.1.113883.6.96), of a context group or of a
// mapping resource names a vocabulary, not an object of the patient's: replaced like an instance
// UID, it no longer said which scheme the codes come from, and dciodvfy warned "Unrecognized
// defined term" in the copy (pydicom's Basic Text SR showed it). Written here into an image by pydicom.

const folder = temporaryFolder('coding-scheme-uids');
afterAll(() => fs.rmSync(folder, { recursive: true, force: true }));

const WRITE = `
import sys, pydicom
from pydicom.dataset import Dataset
from pydicom.sequence import Sequence
ds = pydicom.dcmread(sys.argv[1])
scheme = Dataset()
scheme.CodingSchemeDesignator, scheme.CodingSchemeUID = 'SCT', '2.16.840.1.113883.6.96'
local = Dataset()
local.CodingSchemeDesignator, local.CodingSchemeUID = '99LOCAL', '2.16.840.1.113883.4.77123456'
site = Dataset()
site.CodingSchemeDesignator, site.CodingSchemeUID = '99HOSP', '2.16.840.1.113883.3.4711.2.1'
ncit = Dataset()
ncit.CodingSchemeDesignator, ncit.CodingSchemeUID = 'NCIt', '2.16.840.1.113883.3.26.1.1'
ds.CodingSchemeIdentificationSequence = Sequence([scheme, local, site, ncit])
region = Dataset()
region.CodeValue, region.CodingSchemeDesignator, region.CodeMeaning = '39607008', 'SCT', 'Lung'
region.MappingResource, region.ContextIdentifier = 'DCMR', '4'
region.ContextUID, region.MappingResourceUID = '1.2.840.10008.6.1.2', '1.2.840.10008.8.1.1'
ds.AnatomicRegionSequence = Sequence([region])
ds.save_as(sys.argv[2], write_like_original=False)
`;

const READ = `
import sys, json, pydicom
ds = pydicom.dcmread(sys.argv[1])
print(json.dumps([i.CodingSchemeUID for i in ds.CodingSchemeIdentificationSequence] + [ds.AnatomicRegionSequence[0].ContextUID]))
`;

const python = pydicomScript;

describe('the UIDs that name a vocabulary', () => {
  it('are kept by the de-identified copy when DICOM or HL7 registered them as vocabularies: a coding scheme (SNOMED CT, NCIt) and a context group; a hospital\'s own scheme is replaced', () => {
    const source = path.join(folder, 'coded.dcm');
    python(WRITE, path.join(SHARED_DICOM, 'pydicom/MR_small.dcm'), source);
    const copy = path.join(folder, 'coded-deid.dcm');
    fs.writeFileSync(copy, deidentifyFile(fs.readFileSync(source), source, { mapUid: (u: string) => `2.25.${u.length}`, pseudonym: 'BONEMET-0054', dateShiftDays: null }).bytes);
    const [snomed, local, site, ncit, context] = JSON.parse(python(READ, copy)) as string[];
    expect([snomed, ncit, context]).toEqual(['2.16.840.1.113883.6.96', '2.16.840.1.113883.3.26.1.1', '1.2.840.10008.6.1.2']);
    // HL7 gives organisations their OIDs under 2.16.840.1.113883.3: a hospital's own scheme names the hospital.
    expect(site).toMatch(/^2\.25\./);
    // A component of more than 5 digits under the HL7 root is no registered scheme: it may be an ID.
    expect(local).toMatch(/^2\.25\./);
    expect(dciodvfy(copy).warnings.filter((w) => /CodingSchemeUID/.test(w))).toEqual([]);
  });
});
