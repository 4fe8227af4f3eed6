import type Database from 'better-sqlite3';
import { z } from 'zod';
import { AppError } from '@shared/errors';
import { readHeaderDataset } from './study-header';
import { studyInstances } from '../../index/instance-queries';

/**
 * Who issued the study's Patient ID, as its images say: Issuer of Patient ID (0010,0021) and, when
 * present, the Universal Entity ID of the Issuer of Patient ID Qualifiers (0010,0024) with its type
 * (ISO = an OID, UUID, URI...).
 */
export const PatientIdIssuerSchema = z.object({
  name: z.string().nullable(),
  universalEntityId: z.string().nullable(),
  universalEntityIdType: z.string().nullable(),
});
export type PatientIdIssuer = z.infer<typeof PatientIdIssuerSchema>;

const text = (value: unknown) => (typeof value === 'string' && value.trim() ? value.trim() : null);

/**
 * The issuer of the study's Patient ID, read from the header of its first indexed instance; null
 * when the images name none, or when the file cannot be read (the export goes on without it).
 */
export function readPatientIdIssuer(db: Database.Database, studyInstanceUid: string): PatientIdIssuer | null {
  const first = studyInstances(db, studyInstanceUid)[0];
  if (!first) return null;
  let header: Record<string, unknown>;
  try {
    header = readHeaderDataset(first) as Record<string, unknown>;
  } catch (error) {
    if (error instanceof AppError) return null;
    throw error;
  }
  const qualifiers = (header.IssuerOfPatientIDQualifiersSequence as Record<string, unknown>[] | undefined)?.[0];
  const issuer = { name: text(header.IssuerOfPatientID), universalEntityId: text(qualifiers?.UniversalEntityID), universalEntityIdType: text(qualifiers?.UniversalEntityIDType) };
  return issuer.name || issuer.universalEntityId ? issuer : null;
}
