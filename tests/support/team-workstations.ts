import fs from 'node:fs';
import { createAppCore, type AppCore } from '../../electron/core/app-core';
import { dispatch } from '../../electron/core/handlers/dispatch';
import { inProcessImportRunner } from '../../electron/core/importer/import-runners';
import type { Channel, RequestOf, ResponseOf } from '@shared/ipc/contract';
import type { Reader } from '@shared/reader/reader';

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
