// A child process for the team-sync durability test: the browser-mode host (the same core, the
// same HTTP door, the team's sync on its timer) on a data folder, without the renderer's files,
// which the test does not load. Prints its URL (with the token) on its first line, like `serve`.
// The parent kills it with SIGKILL at random moments around the sends.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createAppCore } from '../../electron/core/app-core';
import { inProcessImportRunner } from '../../electron/core/importer/import-runners';
import { startHost } from '../../electron/host/host-server';

const dataDir = process.argv[2]!;
const rendererDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bonemet-no-renderer-'));
const core = createAppCore({ dataDir, door: 'browser', version: '0.1.0-kill', roots: [dataDir], importRunner: inProcessImportRunner, teamSync: true });
const host = await startHost({ core, dataDir, rendererDir });
process.stdout.write(`${host.url}\n`);
