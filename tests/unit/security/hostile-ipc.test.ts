import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppCore, type AppCore } from '../../../electron/core/app-core';
import { dispatch } from '../../../electron/core/handlers/dispatch';
import { inProcessImportRunner } from '../../../electron/core/importer/import-runners';
import { ErrorCodeSchema } from '../../../shared/errors';
import { channels } from '../../../shared/ipc/contract';
import { seededRandom, type SeededRandom } from '../../support/seeded-random';
import { temporaryFolder } from '../../support/paths';

// Every channel of the contract, called with random and hostile payloads through the same
// dispatch every door uses: each call gets an envelope (a typed error when refused), nothing
// throws, and the app keeps working.
const SEED = Number(process.env.BONEMET_SEED ?? 20261127);
const CALLS_PER_CHANNEL = process.env.BONEMET_LONG_TESTS ? 2000 : 150;

let dataDir: string;
let core: AppCore;
beforeAll(async () => {
  dataDir = temporaryFolder('hostile-ipc');
  core = createAppCore({ dataDir, door: 'browser', version: 'test', roots: [dataDir], importRunner: inProcessImportRunner });
  await core.handlers['reader.set']({ initials: 'AB', name: 'Anna Berg', role: 'radiologist' });
});
afterAll(() => {
  core.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const HOSTILE_STRINGS = [
  '', ' ', '../../../../etc/passwd', '/etc/shadow', "1.2'; DROP TABLE lesions;--", '%00', '\u0000', 'x'.repeat(100_000),
  '<script>alert(1)</script>', 'file:///etc/passwd', '\\\\server\\share', 'NaN', '1e309', '__proto__', 'constructor',
];

function hostileValue(random: SeededRandom, depth = 0): unknown {
  switch (random.int(0, depth > 3 ? 6 : 9)) {
    case 0: return random.pick(HOSTILE_STRINGS);
    case 1: return random.pick([0, -1, 1.5, Number.MAX_SAFE_INTEGER, -1e308, 2 ** 53 + 1]);
    case 2: return random.pick([null, true, false]);
    case 3: return random.pick(['1.2.3', '2.25.1', '00000000-0000-4000-8000-000000000000', 'AB']);
    case 4: return [];
    case 5: return {};
    case 6: return Array.from({ length: random.int(1, 4) }, () => hostileValue(random, depth + 1));
    case 7: return JSON.parse('{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}}');
    default: {
      const keys = ['paths', 'path', 'studyInstanceUid', 'seriesInstanceUid', 'jobId', 'id', 'lesion', 'annotation', 'lesions', 'text', 'limit', 'kind', 'initials', 'name', 'entityId', 'uploadBatchId', 'allReaders'];
      return Object.fromEntries(Array.from({ length: random.int(0, 5) }, () => [random.pick(keys), hostileValue(random, depth + 1)]));
    }
  }
}

describe('every IPC channel under hostile payloads', () => {
  it.each(channels)('%s answers each with an envelope and a typed error', async (channel) => {
    const random = seededRandom(SEED ^ [...channel].reduce((h, c) => (h * 31 + c.charCodeAt(0)) | 0, 0));
    for (let call = 0; call < CALLS_PER_CHANNEL; call++) {
      const payload = hostileValue(random);
      const envelope = await dispatch(core.handlers, channel, payload);
      if (!envelope.ok) {
        expect(ErrorCodeSchema.safeParse(envelope.error.code).success, `seed ${SEED} call ${call}`).toBe(true);
        expect(envelope.error.message.length).toBeGreaterThan(0);
        expect(envelope.error.message).not.toMatch(/Cannot read prop|undefined is not|\[object Object\]/);
      }
    }
  });

  it('leaves the app working: no pollution, a sound database, channels still answer', async () => {
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(core.db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(await dispatch(core.handlers, 'app.info', {})).toMatchObject({ ok: true, value: { door: 'browser' } });
    expect(await dispatch(core.handlers, 'not.a.channel', {})).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
    expect(await dispatch(core.handlers, '__proto__', {})).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
  });
});
