import fs from 'node:fs';
import { createAppCore, type AppCore } from '../../electron/core/app-core';
import { dispatch } from '../../electron/core/handlers/dispatch';
import { inProcessImportRunner } from '../../electron/core/importer/import-runners';
import type { Channel, RequestOf, ResponseOf } from '@shared/ipc/contract';
import type { Reader } from '@shared/reader/reader';
import type { OrthancServer } from './orthanc-server';

/** A workstation of the team in a test: the core on its own data folder, and its channels through the same dispatch as every door. */
export interface Workstation {
  core: AppCore;
  dataDir: string;
  call<C extends Channel>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>>;
  close(): void;
}

/**
 * Opens a workstation on a data folder (made if new) with a reader signed in and, when given, the
 * PACS configured with a sync interval.
 */
export async function openWorkstation(dataDir: string, reader: Reader, pacsUrl?: string): Promise<Workstation> {
  fs.mkdirSync(dataDir, { recursive: true });
  const core = createAppCore({ dataDir, door: 'cli', version: '0.1.0-test', roots: ['/'], importRunner: inProcessImportRunner });
  const call = async <C extends Channel>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>> => {
    const envelope = await dispatch(core.handlers, channel, request);
    if (!envelope.ok) throw Object.assign(new Error(`${channel}: ${envelope.error.message}`), { code: envelope.error.code });
    return envelope.value as ResponseOf<C>;
  };
  await call('reader.set', reader);
  if (pacsUrl) await call('pacs.set', { url: pacsUrl, syncIntervalSeconds: 5 });
  return { core, dataDir, call, close: () => core.close() };
}

/** One instance of the team's series as Orthanc's own index lists it. */
export interface StoredTeamInstance {
  sopInstanceUid: string;
  seriesDescription: string;
  instanceNumber: number;
  sopClassUid: string;
  orthancId: string;
}

/** Every instance of the team's series on an Orthanc (its REST API, not DICOMweb: an independent count). */
export async function teamInstancesOn(orthanc: OrthancServer): Promise<StoredTeamInstance[]> {
  const get = async <T>(url: string, init?: RequestInit): Promise<T> => {
    const response = await fetch(`${orthanc.httpUrl}${url}`, init);
    if (!response.ok) throw new Error(`Orthanc ${url}: HTTP ${response.status}`);
    return (await response.json()) as T;
  };
  const series = await get<{ ID: string; MainDicomTags: Record<string, string> }[]>('/tools/find', {
    method: 'POST',
    body: JSON.stringify({ Level: 'Series', Query: { SeriesDescription: 'BoneMet-team*' }, Expand: true }),
  });
  const found: StoredTeamInstance[] = [];
  for (const s of series) {
    for (const i of await get<{ ID: string; MainDicomTags: Record<string, string> }[]>(`/series/${s.ID}/instances`)) {
      const tags = await get<Record<string, string>>(`/instances/${i.ID}/simplified-tags`);
      found.push({ orthancId: i.ID, sopInstanceUid: i.MainDicomTags.SOPInstanceUID!, instanceNumber: Number(i.MainDicomTags.InstanceNumber), seriesDescription: s.MainDicomTags.SeriesDescription ?? '', sopClassUid: tags.SOPClassUID ?? '' });
    }
  }
  return found;
}

/** The Part 10 bytes of an instance as Orthanc stores it. */
export async function orthancInstanceFile(orthanc: OrthancServer, orthancId: string): Promise<Buffer> {
  const response = await fetch(`${orthanc.httpUrl}/instances/${orthancId}/file`);
  if (!response.ok) throw new Error(`Orthanc /instances/${orthancId}/file: HTTP ${response.status}`);
  return Buffer.from(await response.arrayBuffer());
}
