import fs from 'node:fs';
import path from 'node:path';
import type { DenaturalizedDataset } from 'dcmjs';
import { encodePart10Dict, parsePart10 } from '../../../electron/core/export/dicom/part10-io';

// Seeds the phantom with identifying attributes of every kind the confidentiality profile must
// handle: names, IDs, addresses, station and device, free text, a date-time, nested sequences,
// a private element holding the patient's name, and a reference to another instance's UID.

const pn = (v: string) => ({ vr: 'PN', Value: [{ Alphabetic: v }] });
const s = (vr: string, v: string) => ({ vr, Value: [v] });

/** The distinctive values seeded (every one at least 6 characters, so a byte search cannot hit by chance). */
export const SEEDED = {
  institution: 'St Elsewhere General Hospital',
  address: '42 Wallaby Way Sydney',
  referring: 'HOUSE^GREGORY',
  operator: 'NIGHTINGALE^FLORENCE',
  performing: 'KILDARE^JAMES',
  station: 'CTSCAN-ELSEWHERE7',
  serial: 'SN-88231-QXW',
  otherId: 'ALT-55190-ZZQ',
  patientAddress: 'Calle Mayor 7 La Mancha',
  phone: '555-0199-7712',
  comment: 'Patient QUIXOTE^ALONSO seen 2023-09-17',
  studyId: 'STUDY-ID-4471',
  accession: 'ACC-PH-552791',
  requestedProcedure: 'RQ-99812-K',
  privateName: 'QUIXOTE^ALONSO',
} as const;

/** Rewrites every phantom slice with the seeded attributes. */
export function dressWithIdentity(imagesDir: string): void {
  const files = fs.readdirSync(imagesDir).filter((f) => f.endsWith('.dcm')).sort();
  const firstSop = String(parsePart10(fs.readFileSync(path.join(imagesDir, files[0]!)), files[0]!).dict['00080018']!.Value![0]);
  for (const file of files) {
    const full = path.join(imagesDir, file);
    const { meta, dict } = parsePart10(fs.readFileSync(full), full);
    const extra: DenaturalizedDataset = {
      '00080050': s('SH', SEEDED.accession),
      '00080080': s('LO', SEEDED.institution),
      '00080081': s('ST', SEEDED.address),
      '00080090': pn(SEEDED.referring),
      '00081010': s('SH', SEEDED.station),
      '00081050': pn(SEEDED.performing),
      '00081070': pn(SEEDED.operator),
      '00081140': { vr: 'SQ', Value: [{ '00081150': s('UI', '1.2.840.10008.5.1.4.1.1.2'), '00081155': s('UI', firstSop) }] },
      '0008002A': s('DT', '20230917093000'),
      '00090010': s('LO', 'ACME 1.0'),
      '00091001': s('LO', SEEDED.privateName),
      '00101002': { vr: 'SQ', Value: [{ '00100020': s('LO', SEEDED.otherId), '00100021': s('LO', 'ELSEWHERE-MRN') }] },
      '00101040': s('LO', SEEDED.patientAddress),
      '00102154': s('SH', SEEDED.phone),
      '00181000': s('LO', SEEDED.serial),
      '00200010': s('SH', SEEDED.studyId),
      '00204000': s('LT', SEEDED.comment),
      '00400275': { vr: 'SQ', Value: [{ '00401001': s('SH', SEEDED.requestedProcedure), '00080050': s('SH', SEEDED.accession) }] },
    };
    fs.writeFileSync(full, encodePart10Dict(meta, { ...dict, ...extra }));
  }
}
