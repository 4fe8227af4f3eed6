import type { SnomedCode } from './schema';

/**
 * Every SNOMED CT code the catalogue uses, in one place. Each was checked
 * against a public copy of a DICOM PS3.16 context group or a published mapping;
 * the source is cited next to each group. Regions with no confirmed code are
 * left out of this table (the catalogue stores null for them, never a guess).
 *
 * Sources (repository/path):
 * - CID4031: bvdh/dicom-terminology-in-fhir input/fsh/ValueSet-dicom-cid-4031-CommonAnatomicRegion.fsh
 * - CID7304: bvdh/dicom-terminology-in-fhir input/fsh/ValueSet-dicom-cid-7304-ImplantTargetAnatomy.fsh
 * - CID1005: bvdh/dicom-terminology-in-fhir input/fsh/ValueSet-dicom-cid-1005-AnatomicalReferenceBasisAbdomenPelvis.fsh
 * - CID1003: bvdh/dicom-terminology-in-fhir input/fsh/ValueSet-dicom-cid-1003-AnatomicalReferenceBasisSpine.fsh
 * - TSEG:    wasserth/TotalSegmentator resources/totalsegmentator_snomed_mapping.csv
 * - MCODE:   HL7/fhir-mCODE-ig input/fsh/VS_Radiotherapy.fsh (RadiotherapyTreatmentLocationVS, AAPM TG-263)
 * - BEDRP:   hl7-be/referral input/fsh/drp/DRPValueSetsCommon.fsh
 */
function sct(value: string, meaning: string): SnomedCode {
  return { scheme: 'SCT', value, meaning };
}

/** Whole bones. */
export const BONE_CODES = {
  // CID4031 (also TSEG for femur, humerus, clavicle, scapula, sacrum, sternum, skull).
  femur: sct('71341001', 'Femur'),
  humerus: sct('85050009', 'Humerus'),
  fibula: sct('87342007', 'Fibula'),
  clavicle: sct('51299004', 'Clavicle'),
  scapula: sct('79601000', 'Scapula'),
  sternum: sct('56873002', 'Sternum'),
  ilium: sct('22356005', 'Ilium'),
  sacrum: sct('54735007', 'Sacrum'),
  coccyx: sct('64688005', 'Coccyx'),
  // CID7304 (also TSEG).
  tibia: sct('12611008', 'Tibia'),
  radius: sct('62413002', 'Radius'),
  ulna: sct('23416004', 'Ulna'),
  skull: sct('89546000', 'Skull'),
  // CID1005.
  ischium: sct('85710004', 'Ischium'),
  acetabulum: sct('37783008', 'Acetabulum'),
  // BEDRP.
  pubis: sct('66040006', 'Bone structure of pubis'),
} as const satisfies Record<string, SnomedCode>;

/** Long-bone regions, keyed by region id. CID7304 unless noted. */
export const REGION_CODES: Readonly<Record<string, SnomedCode>> = {
  'femur-head': sct('2812003', 'Head of Femur'), // CID7304, CID1005
  'femur-neck': sct('29627003', 'Structure of neck of femur'), // MCODE
  'femur-diaphysis': sct('41111004', 'Shaft of Femur'),
  'femur-distal': sct('310652005', 'Distal Femur'),
  'humerus-proximal': sct('119524001', 'Proximal Humerus'),
  'humerus-diaphysis': sct('20760004', 'Shaft of Humerus'),
  'humerus-distal': sct('118495001', 'Distal Humerus'),
  'tibia-diaphysis': sct('52687003', 'Shaft of Tibia'),
  'tibia-distal': sct('64605006', 'Distal Tibia'),
  'radius-proximal': sct('12881000', 'Proximal Radius'),
  'radius-diaphysis': sct('47728000', 'Shaft of Radius'),
  'radius-distal': sct('75129005', 'Distal Radius'),
  'ulna-proximal': sct('34318004', 'Proximal Ulna'),
  'ulna-diaphysis': sct('21133008', 'Shaft of Ulna'),
  'ulna-distal': sct('91238003', 'Distal Ulna'),
};

/**
 * Vertebral levels, keyed by level label. C1-L5 and S1 from TSEG ("C1 vertebra"...);
 * C1 also in CID1003 and MCODE, C2 and S1 also in MCODE; S2-S5 from MCODE.
 */
export const VERTEBRA_CODES: Readonly<Record<string, SnomedCode>> = {
  C1: sct('14806007', 'C1 vertebra'),
  C2: sct('39976000', 'C2 vertebra'),
  C3: sct('113205007', 'C3 vertebra'),
  C4: sct('5329002', 'C4 vertebra'),
  C5: sct('36978003', 'C5 vertebra'),
  C6: sct('36054005', 'C6 vertebra'),
  C7: sct('87391001', 'C7 vertebra'),
  T1: sct('64864005', 'T1 vertebra'),
  T2: sct('53733008', 'T2 vertebra'),
  T3: sct('1626008', 'T3 vertebra'),
  T4: sct('73071006', 'T4 vertebra'),
  T5: sct('56401006', 'T5 vertebra'),
  T6: sct('45296009', 'T6 vertebra'),
  T7: sct('62487009', 'T7 vertebra'),
  T8: sct('11068009', 'T8 vertebra'),
  T9: sct('82687006', 'T9 vertebra'),
  T10: sct('7610001', 'T10 vertebra'),
  T11: sct('12989004', 'T11 vertebra'),
  T12: sct('23215003', 'T12 vertebra'),
  L1: sct('66794005', 'L1 vertebra'),
  L2: sct('14293000', 'L2 vertebra'),
  L3: sct('36470004', 'L3 vertebra'),
  L4: sct('11994002', 'L4 vertebra'),
  L5: sct('49668003', 'L5 vertebra'),
  S1: sct('65985001', 'S1 vertebra'),
  S2: sct('11808007', 'Structure of second sacral vertebra'),
  S3: sct('49967005', 'Structure of third sacral vertebra'),
  S4: sct('69950008', 'Structure of fourth sacral vertebra'),
  S5: sct('21452006', 'Structure of fifth sacral vertebra'),
};

/** Ribs 1..12 (index 0 = first rib). TSEG, also MCODE ("Bone structure of first rib"...). */
export const RIB_CODES: readonly SnomedCode[] = [
  sct('48535007', 'First rib'),
  sct('78247007', 'Second rib'),
  sct('25888004', 'Third rib'),
  sct('25523003', 'Fourth rib'),
  sct('15339008', 'Fifth rib'),
  sct('59558009', 'Sixth rib'),
  sct('24915002', 'Seventh rib'),
  sct('5953002', 'Eighth rib'),
  sct('22565002', 'Ninth rib'),
  sct('77644006', 'Tenth rib'),
  sct('58830002', 'Eleventh rib'),
  sct('43993008', 'Twelfth rib'),
];
