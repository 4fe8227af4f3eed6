import { coreInternals } from '../../electron/core/app-core';
import path from 'node:path';
import { openDatabase } from '../../electron/core/db/open-database';
import { runImport } from '../../electron/core/importer/run-import';
import { sendWaitingPublications } from '../../electron/core/pacs/publication-sender';
import { hostRpc } from '../support/host-rpc';
import { makeLesion, typed } from '../support/lesion-fixtures';
import { startOrthanc } from '../support/orthanc-server';
import { REPO_ROOT, SHARED_DICOM, temporaryFolder } from '../support/paths';
import { bundleTeamHost, killTeamHost, startTeamHost, type TeamHost } from '../support/team-host';
import { knowStudyHeader, openWorkstation } from '../support/team-workstations';
import { seededRandom } from '../support/seeded-random';
import { formatTable, machineSummary, median, numberFlag, reportFigures, timeCommand, type BenchFigure } from './bench-support';

// bench:pacs (team sync half; tests/bench/team-sync-bench.ts): the team on one PACS, against a real Orthanc on loopback.
// 1. Publish-to-visible latency: workstation A (a host process, as the app runs it) saves a final
//    lesion; workstation B (another host process, syncing every 5 s) is polled until its worklist
//    lists it. 20 lesions, one after the other, each at a random moment of B's sync cycle.
// 2. A sync that finds nothing new with 1,000 of the team's SRs on the PACS (50 studies, 20
//    versions each, published through the app's own pipeline): with Orthanc's change log (the
//    fast path), by the QIDO-RS series search alone (any DICOMweb PACS), and as a whole `sync` CLI
//    process, against the plain QIDO-RS listing of those instances it avoids.

const LESIONS = numberFlag('lesions', 20);
const STUDIES = numberFlag('studies', 50);
const VERSIONS = numberFlag('versions', 20);
const INTERVAL_S = 5;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function publishToVisible(work: string, pacsUrl: string): Promise<number[]> {
  const script = await bundleTeamHost(work);
  const [aDir, bDir] = [path.join(work, 'a'), path.join(work, 'b')];
  const db = openDatabase(aDir);
  await runImport(db, [path.join(SHARED_DICOM, 'ct-series-lidc-idri-0314-chest')]);
  const studyUid = db.prepare('SELECT study_uid FROM studies').pluck().get() as string;
  const seriesUid = db.prepare('SELECT series_uid FROM series').pluck().get() as string;
  db.close();
  const hosts: TeamHost[] = [];
  try {
    const a = await startTeamHost(script, aDir);
    const b = await startTeamHost(script, bDir);
    hosts.push(a, b);
    await hostRpc(a, 'reader.set', { initials: 'AB', name: 'Anna Berg', role: 'radiologist' });
    await hostRpc(b, 'reader.set', { initials: 'CD', name: 'Carl Dahl', role: 'surgeon' });
    for (const host of hosts) await hostRpc(host, 'pacs.set', { url: pacsUrl, syncIntervalSeconds: INTERVAL_S });
    const latencies: number[] = [];
    const rng = seededRandom(16);
    for (let n = 1; n <= LESIONS; n++) {
      // Saved at a random moment of B's cycle, not just after B received the last one.
      await sleep(rng.int(0, INTERVAL_S * 1000));
      const now = new Date().toISOString();
      const lesion = makeLesion({ id: `0be00000-0000-4000-8000-${String(n).padStart(12, '0')}`, trackingUid: `2.25.5050${n}`, studyInstanceUid: studyUid, seriesInstanceUid: seriesUid, nature: 'lytic', axialInvolvementMm: typed(31 + n), status: 'final', createdAt: now, updatedAt: now });
      const started = performance.now();
      await hostRpc(a, 'lesions.save', { lesion });
      while (!(await hostRpc(b, 'worklist.get', {})).rows.some((r) => r.lesionId === lesion.id)) await sleep(25);
      latencies.push((performance.now() - started) / 1000);
      process.stderr.write(`\rlesion ${n}/${LESIONS}: ${latencies.at(-1)!.toFixed(2)} s   `);
    }
    process.stderr.write('\n');
    return latencies;
  } finally {
    for (const host of hosts) await killTeamHost(host);
  }
}

async function main(): Promise<void> {
  const work = temporaryFolder('bench-pacs');
  const orthanc = await startOrthanc();
  const figures: BenchFigure[] = [];
  try {
    const latencies = (await publishToVisible(work, orthanc.dicomWebUrl)).sort((x, y) => x - y);
    figures.push({
      area: 'pacs',
      measure: `publish-to-visible, ${LESIONS} lesions, ${INTERVAL_S} s sync (p50 / max)`,
      value: `${percentile(latencies, 50).toFixed(2)} / ${latencies.at(-1)!.toFixed(2)} s`,
      against: `expected: up to ${INTERVAL_S} s interval + A's and B's 1 s ticks + one pass`,
    });

    // 1,000 SRs of the team: EF's findings on 50 studies, 20 versions each, through the app's pipeline.
    const publisher = await openWorkstation(path.join(work, 'w'), { initials: 'EF', name: 'Eva Fors', role: 'radiologist' }, orthanc.dicomWebUrl);
    const publishStarted = performance.now();
    for (let s = 0; s < STUDIES; s++) {
      const studyUid = `1.2.826.0.1.3680043.10.99.${s + 1}`;
      knowStudyHeader(coreInternals(publisher.core).db, studyUid, { name: `BENCH^PATIENT${s}`, id: `B-${s}` });
      for (let v = 1; v <= VERSIONS; v++) {
        const lesion = makeLesion({ id: `0bf00000-0000-4000-8000-${String(s).padStart(12, '0')}`, trackingUid: `2.25.6060${s}`, studyInstanceUid: studyUid, nature: 'lytic', axialInvolvementMm: typed(30 + v), status: 'final', reader: 'EF', note: `version ${v}` });
        await publisher.call('lesions.save', { lesion });
        await sendWaitingPublications(coreInternals(publisher.core).db, { appVersion: 'bench', force: true });
      }
      process.stderr.write(`\rpublished ${(s + 1) * VERSIONS} SRs   `);
    }
    process.stderr.write('\n');
    const published = STUDIES * VERSIONS;
    const publishSeconds = (performance.now() - publishStarted) / 1000;
    publisher.close();

    const reader = await openWorkstation(path.join(work, 'r'), { initials: 'CD', name: 'Carl Dahl', role: 'surgeon' }, orthanc.dicomWebUrl);
    let started = performance.now();
    const first = await reader.call('pacs.sync', {});
    const firstSeconds = (performance.now() - started) / 1000;
    const fetched = coreInternals(reader.core).db.prepare("SELECT COUNT(*) FROM pacs_seen WHERE outcome <> 'superseded'").pluck().get() as number;
    const idleSync = async (fastPath: boolean) => {
      const times: number[] = [];
      for (let i = 0; i < 7; i++) {
        if (!fastPath) coreInternals(reader.core).db.prepare("DELETE FROM settings WHERE key = 'pacs_change_mark'").run();
        started = performance.now();
        const report = await reader.call('pacs.sync', {});
        times.push((performance.now() - started) / 1000);
        if (report.received !== 0 || report.errors.length > 0) throw new Error(`a sync with nothing new received ${report.received}: ${JSON.stringify(report.errors)}`);
      }
      return times;
    };
    const searched = await idleSync(false);
    const idle = await idleSync(true);
    reader.close();
    const cli = timeCommand(process.execPath, [path.join(REPO_ROOT, 'electron/cli/launch.mjs'), 'sync', '--json', '--data-dir', path.join(work, 'r')], { cwd: REPO_ROOT }).seconds;
    const listing: number[] = [];
    for (let i = 0; i < 5; i++) {
      started = performance.now();
      const response = await fetch(`${orthanc.dicomWebUrl}/instances?Modality=SR&SeriesDescription=BoneMet-team*`, { headers: { Accept: 'application/dicom+json' } });
      const count = ((await response.json()) as unknown[]).length;
      listing.push((performance.now() - started) / 1000);
      if (count < published) throw new Error(`QIDO listed ${count} instances, expected ${published}`);
    }
    figures.push(
      { area: 'pacs', measure: `publish ${published} versions (save + STOW, one at a time)`, value: `${(publishSeconds / published * 1000).toFixed(1)} ms each`, against: '' },
      { area: 'pacs', measure: `first sync of a new workstation, ${published} SRs on the PACS`, value: `${firstSeconds.toFixed(2)} s`, against: `${first.received} documents received; ${fetched} instances fetched, the rest superseded` },
      { area: 'pacs', measure: `sync finding nothing new, ${published} SRs (median / max of ${idle.length})`, value: `${(median(idle) * 1000).toFixed(0)} / ${(Math.max(...idle) * 1000).toFixed(0)} ms`, against: 'target < 1 s' },
      { area: 'pacs', measure: `the same by the QIDO-RS series search alone (${STUDIES} series)`, value: `${(median(searched) * 1000).toFixed(0)} / ${(Math.max(...searched) * 1000).toFixed(0)} ms`, against: 'any DICOMweb PACS; target < 1 s' },
      { area: 'pacs', measure: `the same as a whole CLI process (sync --json)`, value: `${cli.toFixed(2)} s`, against: '' },
      { area: 'pacs', measure: `plain QIDO-RS listing of the ${published} instances (median of 5)`, value: `${(median(listing) * 1000).toFixed(0)} ms`, against: 'what the per-series counts avoid' },
    );
  } finally {
    await orthanc.stop();
  }
  console.log(`bench:pacs (team sync) on ${machineSummary()}\n`);
  console.log(formatTable(['area', 'measure', 'value', 'against'], figures.map((f) => [f.area, f.measure, f.value, f.against])));
  reportFigures(figures);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
