import type Database from 'better-sqlite3';
import { AppError } from '@shared/errors';
import { pacsTarget } from '../settings/pacs-settings-store';
import { DicomWebTransport } from './dicomweb/dicomweb-transport';
import type { WadoOptions } from './dicomweb/wado-rs';
import type { PacsTransport } from './pacs-transport';

/** The configured PACS as a transport (DICOMweb is the one there is), or why there is none. */
export function configuredTransport(db: Database.Database, options: Pick<WadoOptions, 'idleTimeoutMs'> = {}): PacsTransport {
  const target = pacsTarget(db);
  if (!target) throw new AppError('invalid_request', 'No PACS is configured: set its DICOMweb URL in PACS settings (or `npm run bonemet -- pacs set --url URL`).');
  return new DicomWebTransport(target, options);
}
