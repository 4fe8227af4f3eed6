import path from 'node:path';
import { writeExportFile } from '../write-export-file';
import type { StudyExportSource } from '../study-export-source';
import { buildReferralBundle, type ReferralBundleOptions } from './build-referral-bundle';

/** The file name of the FHIR export. */
export const FHIR_BUNDLE_FILE = 'referral-bundle.fhir.json';

/**
 * Builds, validates and writes the referral bundle (FHIR R4 JSON) into a folder.
 * @returns the path written
 */
export function writeFhirBundle(source: StudyExportSource, outDir: string, options: ReferralBundleOptions): string {
  const bundle = buildReferralBundle(source, options);
  return writeExportFile(path.join(outDir, FHIR_BUNDLE_FILE), `${JSON.stringify(bundle, null, 2)}\n`);
}
