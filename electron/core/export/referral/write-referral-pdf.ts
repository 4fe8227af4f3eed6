import path from 'node:path';
import type { StudyExportSource } from '../study-export-source';
import { writeExportFile } from '../write-export-file';
import { buildReferralPacket, type ReferralPacketOptions } from './build-referral-packet';
import { renderReferralPdf } from './referral-pdf';

/** The file name of the referral packet. */
export const REFERRAL_PDF_FILE = 'referral.pdf';

/** The referral packet PDF of a study's source: built, validated and laid out. */
export async function referralPdf(source: StudyExportSource, options: ReferralPacketOptions): Promise<Uint8Array> {
  return renderReferralPdf(buildReferralPacket(source, options));
}

/**
 * Writes the referral packet PDF into a folder.
 * @returns the path written
 */
export async function writeReferralPdf(source: StudyExportSource, outDir: string, options: ReferralPacketOptions): Promise<string> {
  return writeExportFile(path.join(outDir, REFERRAL_PDF_FILE), await referralPdf(source, options));
}
