import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../support/paths';

// The layering of DESIGN.md is kept by eslint.config.js. Each case plants one import in a file
// of one layer (the file need not exist: the config's `files` globs pick the rules by its path)
// and lints it with the repository's own config, as `npm run lint` does.
const eslint = new ESLint({ cwd: REPO_ROOT });

/** The layering rules' messages for `code` linted as if it were the file at `file`. */
async function layeringProblems(file: string, code: string): Promise<{ ruleId: string | null; message: string }[]> {
  const [result] = await eslint.lintText(code, { filePath: `${REPO_ROOT}/${file}` });
  const fatal = result!.messages.filter((m) => m.fatal);
  expect(fatal, 'the planted text parses').toEqual([]);
  return result!.messages
    .filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === 'bonemet/feature-boundaries')
    .map(({ ruleId, message }) => ({ ruleId, message }));
}

interface Plant {
  layer: string;
  file: string;
  code: string;
  rule: 'no-restricted-imports' | 'bonemet/feature-boundaries';
  says: RegExp;
}

const refused: Plant[] = [
  // The preload: electron's renderer APIs and shared/ only.
  { layer: 'preload', file: 'electron/preload/index.ts', code: "import Database from 'better-sqlite3';\nexport { Database };", rule: 'no-restricted-imports', says: /preload/ },
  { layer: 'preload', file: 'electron/preload/index.ts', code: "import fs from 'node:fs';\nexport { fs };", rule: 'no-restricted-imports', says: /preload/ },
  { layer: 'preload', file: 'electron/preload/index.ts', code: "import { BrowserWindow } from 'electron';\nexport { BrowserWindow };", rule: 'no-restricted-imports', says: /renderer APIs/ },
  { layer: 'preload', file: 'electron/preload/index.ts', code: "import { createAppCore } from '../core/app-core';\nexport { createAppCore };", rule: 'no-restricted-imports', says: /preload/ },
  // The host and the CLI: Node, the core and shared/; never electron.
  { layer: 'host', file: 'electron/host/host-server.ts', code: "import { app } from 'electron';\nexport { app };", rule: 'no-restricted-imports', says: /never electron/ },
  { layer: 'host', file: 'electron/host/host-server.ts', code: "import Database from 'better-sqlite3';\nexport { Database };", rule: 'no-restricted-imports', says: /the database and the DICOM libraries are the core's/ },
  { layer: 'host', file: 'electron/host/host-server.ts', code: "import { registerIpcDoor } from '../main/ipc-door';\nexport { registerIpcDoor };", rule: 'no-restricted-imports', says: /electron\/host imports/ },
  { layer: 'cli', file: 'electron/cli/commands/serve-command.ts', code: "import { app } from 'electron';\nexport { app };", rule: 'no-restricted-imports', says: /never electron/ },
  { layer: 'cli', file: 'electron/cli/commands/serve-command.ts', code: "import { createWindow } from '../../main/window-factory';\nexport { createWindow };", rule: 'no-restricted-imports', says: /electron\/cli imports/ },
  { layer: 'cli', file: 'electron/cli/commands/serve-command.ts', code: "import dcmjs from 'dcmjs';\nexport { dcmjs };", rule: 'no-restricted-imports', says: /electron\/cli imports/ },
  { layer: 'cli', file: 'electron/cli/commands/export-command.ts', code: "import { listLesions } from '../../core/lesions/lesion-store';\nexport { listLesions };", rule: 'no-restricted-imports', says: /The CLI is a door/ },
  { layer: 'cli', file: 'electron/cli/commands/export-command.ts', code: "import { writeReferralPdf } from '../../core/export/referral/write-referral-pdf';\nexport { writeReferralPdf };", rule: 'no-restricted-imports', says: /The CLI is a door/ },
  { layer: 'cli', file: 'electron/cli/commands/export-stow-command.ts', code: "import { stowRs } from '../../core/pacs/dicomweb/stow-rs';\nexport { stowRs };", rule: 'no-restricted-imports', says: /The CLI is a door/ },
  { layer: 'cli', file: 'electron/cli/commands/pacs-command.ts', code: "import { qidoFindStudy } from '../../core/pacs/dicomweb/qido-rs';\nexport { qidoFindStudy };", rule: 'no-restricted-imports', says: /The CLI is a door/ },
  { layer: 'cli', file: 'electron/cli/cli-context.ts', code: "import { pacsTarget } from '../core/settings/pacs-settings-store';\nexport { pacsTarget };", rule: 'no-restricted-imports', says: /The CLI is a door/ },
  { layer: 'cli', file: 'electron/cli/commands/export-command.ts', code: "import { deliverToPacs } from '../../core/export/jobs/pacs-delivery';\nexport { deliverToPacs };", rule: 'no-restricted-imports', says: /The CLI is a door/ },
  { layer: 'host', file: 'electron/host/host-server.ts', code: "import { coreInternals } from '../core/app-core';\nexport { coreInternals };", rule: 'no-restricted-imports', says: /coreInternals is for tests/ },
  // Main: electron, the core and shared/.
  { layer: 'main', file: 'electron/main/index.ts', code: "import { call } from '../../renderer/src/api/client';\nexport { call };", rule: 'no-restricted-imports', says: /electron\/main imports/ },
  { layer: 'main', file: 'electron/main/index.ts', code: "import '../preload/index';", rule: 'no-restricted-imports', says: /electron\/main imports/ },
  { layer: 'main', file: 'electron/main/index.ts', code: "import { startHostServer } from '../host/host-server';\nexport { startHostServer };", rule: 'no-restricted-imports', says: /electron\/main imports/ },
  { layer: 'main', file: 'electron/main/index.ts', code: "import Database from 'better-sqlite3';\nexport { Database };", rule: 'no-restricted-imports', says: /the database and the DICOM libraries are the core's/ },
  { layer: 'main', file: 'electron/main/index.ts', code: "import dcmjs from 'dcmjs';\nexport { dcmjs };", rule: 'no-restricted-imports', says: /electron\/main imports/ },
  // shared/: zod only.
  { layer: 'shared', file: 'shared/ipc/contract.ts', code: "import fs from 'node:fs';\nexport { fs };", rule: 'no-restricted-imports', says: /nothing but zod/ },
  { layer: 'shared', file: 'shared/ipc/contract.ts', code: "import dcmjs from 'dcmjs';\nexport { dcmjs };", rule: 'no-restricted-imports', says: /nothing but zod/ },
  { layer: 'shared', file: 'shared/ipc/contract.ts', code: "import { z } from 'zod-mini';\nexport { z };", rule: 'no-restricted-imports', says: /nothing but zod/ },
  { layer: 'shared', file: 'shared/ipc/contract.ts', code: "import { createAppCore } from '../../electron/core/app-core';\nexport { createAppCore };", rule: 'no-restricted-imports', says: /nothing but zod/ },
  // The core: no door, no electron.
  { layer: 'core', file: 'electron/core/app-core.ts', code: "import { app } from 'electron';\nexport { app };", rule: 'no-restricted-imports', says: /knows no door/ },
  // ...and parses DICOM only with the dicom-parser that knows OV, SV and UV (a type import is no parse).
  { layer: 'core', file: 'electron/core/dicom/read-header.ts', code: "import dicomParser from 'dicom-parser';\nexport { dicomParser };", rule: 'no-restricted-imports', says: /4-byte lengths of OV, SV and UV/ },
  // The renderer: through the contract; features meet through each other's index.
  { layer: 'renderer', file: 'renderer/src/api/client.ts', code: "import Database from 'better-sqlite3';\nexport { Database };", rule: 'no-restricted-imports', says: /contract only/ },
  { layer: 'renderer feature', file: 'renderer/src/features/viewer/ViewerPage.tsx', code: "import { LesionPanel } from '../lesions/LesionPanel';\nexport { LesionPanel };", rule: 'bonemet/feature-boundaries', says: /reaches into the lesions feature/ },
  { layer: 'renderer feature', file: 'renderer/src/features/lesions/LesionPanel.tsx', code: "export { useViewportState } from '../viewer/use-viewport-state';", rule: 'bonemet/feature-boundaries', says: /reaches into the viewer feature/ },
  { layer: 'renderer feature', file: 'renderer/src/features/worklist/WorklistPage.tsx', code: "import type { ImportPhase } from '../../features/import/import-context';\nexport type { ImportPhase };", rule: 'bonemet/feature-boundaries', says: /reaches into the import feature/ },
  { layer: 'renderer app', file: 'renderer/src/App.tsx', code: "export const page = () => import('./features/viewer/ViewerPage');", rule: 'bonemet/feature-boundaries', says: /reaches into the viewer feature/ },
];

const allowed: { layer: string; file: string; code: string }[] = [
  { layer: 'preload', file: 'electron/preload/index.ts', code: "import { contextBridge, ipcRenderer, webUtils } from 'electron';\nimport { channels } from '@shared/ipc/contract';\nimport type { DesktopApi } from '@shared/ipc/desktop-api';\nexport { contextBridge, ipcRenderer, webUtils, channels, type DesktopApi };" },
  { layer: 'main', file: 'electron/main/index.ts', code: "import { app } from 'electron';\nimport path from 'node:path';\nimport { createAppCore } from '../core/app-core';\nimport { fail } from '@shared/ipc/envelope';\nexport { app, path, createAppCore, fail };" },
  { layer: 'host', file: 'electron/host/host-server.ts', code: "import http from 'node:http';\nimport { dispatch } from '../core/handlers/dispatch';\nimport { AppError } from '@shared/errors';\nimport { sendFile } from './send-file';\nexport { http, dispatch, AppError, sendFile };" },
  { layer: 'cli', file: 'electron/cli/commands/serve-command.ts', code: "import fs from 'node:fs';\nimport { startHostServer } from '../../host/host-server';\nimport { createAppCore } from '../../core/app-core';\nimport { usage } from '../arguments';\nexport { fs, startHostServer, createAppCore, usage };" },
  { layer: 'shared', file: 'shared/ipc/contract.ts', code: "import { z } from 'zod';\nimport { DicomUidSchema } from '../dicom/uid';\nimport { AppError } from '@shared/errors';\nexport { z, DicomUidSchema, AppError };" },
  { layer: 'core', file: 'electron/core/dicom/read-header.ts', code: "import type { DataSet } from 'dicom-parser';\nimport dicomParser from './dicom-parser';\nexport { dicomParser, type DataSet };" },
  { layer: 'core', file: 'electron/core/app-core.ts', code: "import Database from 'better-sqlite3';\nimport fs from 'node:fs';\nimport { z } from 'zod';\nexport { Database, fs, z };" },
  { layer: 'renderer feature', file: 'renderer/src/features/viewer/ViewerPage.tsx', code: "import { LesionPanel } from '../lesions';\nimport { readerStore } from '../reader/index';\nimport { useExternalStore } from '../../app/use-external-store';\nimport { useViewportState } from './use-viewport-state';\nexport { LesionPanel, readerStore, useExternalStore, useViewportState };" },
  { layer: 'renderer app', file: 'renderer/src/App.tsx', code: "import { WorklistPage } from './features/worklist';\nexport const page = () => import('./features/viewer');\nexport { WorklistPage };" },
];

describe('lint keeps each layer to its own imports', () => {
  it.each(refused)('$layer: refuses $code', async ({ file, code, rule, says }) => {
    const problems = await layeringProblems(file, code);
    expect(problems).toHaveLength(1);
    expect(problems[0]!.ruleId).toBe(rule);
    expect(problems[0]!.message).toMatch(says);
  });

  it.each(allowed)('$layer: allows what the design lets it import', async ({ file, code }) => {
    expect(await layeringProblems(file, code)).toEqual([]);
  });
});

describe('lint keeps every write transaction waiting for the write lock', () => {
  it('refuses db.transaction in electron/, where a deferred transaction is refused as busy while another process writes', async () => {
    const code = "import type Database from 'better-sqlite3';\nexport const save = (db: Database.Database) => db.transaction(() => db.exec('SELECT 1'))();";
    const [result] = await eslint.lintText(code, { filePath: `${REPO_ROOT}/electron/core/lesions/lesion-store.ts` });
    expect(result!.messages.filter((m) => m.ruleId === 'no-restricted-syntax').map((m) => m.message)).toEqual([expect.stringMatching(/writeTransaction\(db, work\)/)]);
  });

  it('allows it in writeTransaction itself', async () => {
    const code = "import type Database from 'better-sqlite3';\nexport const run = <T>(db: Database.Database, work: () => T): T => db.transaction(work).immediate();";
    const [result] = await eslint.lintText(code, { filePath: `${REPO_ROOT}/electron/core/db/write-transaction.ts` });
    expect(result!.messages.filter((m) => m.ruleId === 'no-restricted-syntax')).toEqual([]);
  });
});
