import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Lesion } from '@shared/lesion/lesion';
import { openDatabase } from '../../../electron/core/db/open-database';
import { runImport } from '../../../electron/core/importer/run-import';
import { hostRpc } from '../../support/host-rpc';
import { makeLesion, typed } from '../../support/lesion-fixtures';
import { teamInstancesOn } from '../../support/orthanc-team-instances';
import { freePort, ORTHANC_BINARY, startOrthanc, type OrthancPlace, type OrthancServer } from '../../support/orthanc-server';
import { SHARED_DICOM, temporaryFolder } from '../../support/paths';
import { bundleTeamHost, killTeamHost as kill, startTeamHost, type TeamHost } from '../../support/team-host';
import { seededRandom } from '../../support/seeded-random';
import { openWorkstation } from '../../support/team-workstations';

// Workstation A is a real host process (the core, its HTTP door and the team's sync on its timer),
// killed with SIGKILL again and again at random moments around its sends to a real Orthanc. First
// with the PACS away: a lesion waits in the outbox through a kill and a restart, and goes once the
// PACS is back. Then 20 rounds: a change saved (acknowledged by the host), a kill at a random delay
// (before, during or after the send it starts), a restart. At the end nothing is lost (B receives
// every lesion as last saved) or doubled (one instance per version, versions 1..N), and the outbox
// is empty. BONEMET_KILL_SEED=<n> replays a run's delays.
const HAVE_ORTHANC = fs.existsSync(ORTHANC_BINARY);
const ROUNDS = process.env.BONEMET_LONG_TESTS ? 100 : 20;
const SEED = Number(process.env.BONEMET_KILL_SEED ?? Date.now()) >>> 0;
const CT = path.join(SHARED_DICOM, 'ct-series-lidc-idri-0314-chest');

let work: string;
let hostScript: string;
const startHost = (dataDir: string) => startTeamHost(hostScript, dataDir);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls until `check` holds (or fails after `ms`, with what it last saw). */
async function eventually<T>(what: string, read: () => Promise<T>, check: (value: T) => boolean, ms = 90_000): Promise<T> {
  const deadline = Date.now() + ms;
  let last: T = await read();
  while (!check(last)) {
    if (Date.now() > deadline) throw new Error(`${what}: still ${JSON.stringify(last)} after ${ms} ms (BONEMET_KILL_SEED=${SEED})`);
    await sleep(250);
    last = await read();
  }
  return last;
}

beforeAll(async () => {
  work = temporaryFolder('team-kills');
  hostScript = await bundleTeamHost(work);
});
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

describe.skipIf(!HAVE_ORTHANC)('workstation A killed with SIGKILL around its sends (real host process, real Orthanc)', () => {
  let orthanc: OrthancServer | null = null;
  let host: TeamHost | null = null;
  afterAll(async () => {
    if (host) await kill(host);
    await orthanc?.stop();
  });

  it(`loses and doubles nothing: a lesion waits through a kill while the PACS is away, then ${ROUNDS} rounds of kills`, async () => {
    const rng = seededRandom(SEED);
    const aDir = path.join(work, 'a');
    const place: OrthancPlace = { dir: path.join(work, 'orthanc'), httpPort: await freePort(), dicomPort: await freePort() };
    fs.mkdirSync(place.dir);
    const pacsUrl = `http://127.0.0.1:${place.httpPort}/dicom-web`;
    // A has the study (imported before the host starts) and a reader; the PACS is configured but away.
    const db = openDatabase(aDir);
    await runImport(db, [CT]);
    const studyUid = db.prepare('SELECT study_uid FROM studies').pluck().get() as string;
    const seriesUid = db.prepare('SELECT series_uid FROM series').pluck().get() as string;
    db.close();
    host = await startHost(aDir);
    await hostRpc(host, 'reader.set', { initials: 'AB', name: 'Anna Berg', role: 'radiologist' });
    await hostRpc(host, 'pacs.set', { url: pacsUrl, syncIntervalSeconds: 5 });

    const saved = new Map<string, Lesion>();
    let n = 0;
    const save = async (lesion: Lesion) => {
      await hostRpc(host!, 'lesions.save', { lesion });
      saved.set(lesion.id, lesion);
    };
    const newLesion = () => {
      n++;
      const now = new Date().toISOString();
      return makeLesion({ id: `0a110000-0000-4000-8000-${String(n).padStart(12, '0')}`, trackingUid: `2.25.1616161${n}`, studyInstanceUid: studyUid, seriesInstanceUid: seriesUid, nature: 'lytic', axialInvolvementMm: typed(31 + n), status: 'final', note: `lesion ${n}`, createdAt: now, updatedAt: now });
    };

    // The PACS away: the lesion waits, says why, survives a SIGKILL and a restart.
    await save(newLesion());
    await eventually('the reason it waits', () => hostRpc(host!, 'pacs.outbox', {}), (s) => s.waiting === 1 && s.reason?.kind === 'unreachable', 10_000);
    await kill(host);
    host = await startHost(aDir);
    expect((await hostRpc(host, 'pacs.outbox', {})).waiting).toBe(1);
    orthanc = await startOrthanc(place);
    // Sent by the host's own timer (its backoff is short yet), with nobody pressing Sync now.
    await eventually('the outbox after the PACS came back', () => hostRpc(host!, 'pacs.outbox', {}), (s) => s.waiting === 0, 30_000);
    const b = await openWorkstation(path.join(work, 'b'), { initials: 'CD', name: 'Carl Dahl', role: 'surgeon' }, pacsUrl);
    expect(await b.call('pacs.sync', {})).toMatchObject({ received: 1, errors: [] });
    expect((await b.call('worklist.get', {})).rows.map((r) => r.lesionId)).toEqual([...saved.keys()]);

    // Rounds: a change acknowledged, then a kill at a random moment around the send it starts.
    const delays: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const existing = [...saved.values()];
      const change = round % 3 === 0 || existing.length === 0 ? newLesion() : { ...rng.pick(existing), note: `round ${round}`, updatedAt: new Date().toISOString() };
      await save(change);
      // The host's timer sends a change within about a second of it: kills land before, during and after sends.
      const delay = rng.int(0, 2500);
      delays.push(delay);
      await sleep(delay);
      await kill(host);
      host = await startHost(aDir);
    }
    // One lesion deleted: the next version withdraws it.
    const withdrawn = [...saved.keys()][1]!;
    await hostRpc(host, 'lesions.delete', { id: withdrawn });
    saved.delete(withdrawn);

    const status = await eventually('the outbox at the end', () => hostRpc(host!, 'pacs.outbox', {}), (s) => s.waiting === 0);
    expect(status.items).toEqual([]);
    await kill(host);
    host = null;

    // Doubled nothing: one instance per version of AB's findings, versions 1..N with no gap.
    const versions = (await teamInstancesOn(orthanc)).filter((i) => i.seriesDescription === 'BoneMet-team AB Anna Berg').map((i) => i.instanceNumber).sort((x, y) => x - y);
    expect(versions, `delays ${delays.join(',')} (BONEMET_KILL_SEED=${SEED})`).toEqual(versions.map((_, i) => i + 1));
    expect(new Set(versions).size).toBe(versions.length);
    // Lost nothing: B holds every lesion as A last saved it, and not the withdrawn one.
    const report = await b.call('pacs.sync', {});
    expect(report.errors).toEqual([]);
    const atB = new Map((await b.call('lesions.list', { allReaders: true })).map((l) => [l.lesion.id, l.lesion]));
    expect([...atB.keys()].sort(), `(BONEMET_KILL_SEED=${SEED})`).toEqual([...saved.keys()].sort());
    for (const [id, lesion] of saved) expect(atB.get(id)?.note, `lesion ${id} (BONEMET_KILL_SEED=${SEED})`).toBe(lesion.note);
    b.close();
  }, 900_000);
});
