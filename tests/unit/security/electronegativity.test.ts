import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../support/paths';

interface Finding {
  id: string;
  severity: { name?: string; value?: number } | string;
  file: string;
  location: { line: number; column: number };
  sample: string;
}

// Electronegativity (Doyensec) scans the Electron sources for misconfigurations. Offline it
// cannot fetch Electron's release list, so it is told the version we ship.
const require = createRequire(import.meta.url);
const electronegativity = require('@doyensec/electronegativity') as (options: object, forCli: boolean) => Promise<{ issues: Finding[] }>;
const electronVersion = (JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'node_modules/electron/package.json'), 'utf8')) as { version: string }).version;

const severityName = (f: Finding) => (typeof f.severity === 'string' ? f.severity : (f.severity.name ?? '')).toUpperCase();

describe('the Electron security scan', () => {
  it('finds nothing of high severity in electron/, and none of the navigation findings we fixed', async () => {
    const { issues } = await electronegativity(
      { input: path.join(REPO_ROOT, 'electron'), isSarif: false, customScan: [], excludeFromScan: [], isRelative: true, isVerbose: false, electronVersionOverride: electronVersion, parserPlugins: [] },
      false,
    );
    const summary = issues.map((i) => `${severityName(i)} ${i.id} ${i.file}:${i.location?.line}`);
    expect(issues.length, 'the scanner read the sources').toBeGreaterThan(0);
    expect(summary.filter((s) => /^(HIGH|CRITICAL)/.test(s))).toEqual([]);
    expect(summary.filter((s) => /AUXCLICK|OPEN_EXTERNAL|NODE_INTEGRATION|CONTEXT_ISOLATION|SANDBOX|WEB_SECURITY|ALLOW_POPUPS/.test(s))).toEqual([]);
  });
});
