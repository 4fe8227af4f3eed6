import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import type { Reader } from '@shared/reader/reader';
import { coreInternals } from '../../electron/core/app-core';
import { applyTeamPublication, type ApplyOutcome } from '../../electron/core/pacs/apply-team-publication';
import type { TeamPublication } from '../../electron/core/pacs/read-team-publication';
import { temporaryFolder } from './paths';
import { openWorkstation, type Workstation } from './team-workstations';

/** A workstation of a test file receiving the team's publications as read from the PACS. */
export interface ReceivingWorkstation {
  /** The workstation, open from the file's first test to its last. */
  readonly ws: Workstation;
  /** Stores one publication as a sync does (without marking an instance seen). */
  apply(publication: TeamPublication): ApplyOutcome;
}

/** Opens a workstation with `reader` signed in before the file's tests, and closes and removes it after them. */
export function useReceivingWorkstation(name: string, reader: Reader): ReceivingWorkstation {
  let dir = '';
  let ws: Workstation | null = null;
  beforeAll(async () => {
    dir = temporaryFolder(name);
    ws = await openWorkstation(path.join(dir, 'b'), reader);
  });
  afterAll(() => {
    ws?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  return {
    get ws() {
      return ws!;
    },
    apply: (publication) => applyTeamPublication(coreInternals(ws!.core).db, publication, () => undefined),
  };
}
