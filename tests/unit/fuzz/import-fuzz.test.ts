/**
 * Fuzz test of DICOM import: mutants of the files of ../shared/dicom (truncated, flipped, absurd
 * lengths, wrong transfer syntax, deep sequences, empty, "DICM" only, ...; see dicom-mutations.ts)
 * are imported with unmutated copies of the good files, through the real path (import job on a
 * worker thread, header readers on a pool of worker threads). The import must end 'done' within a
 * hard timeout, account for every file once, report each unreadable one with a reason a user can
 * act on, index the good ones, leave a sound database, and leave the app working.
 *
 * Mutation kinds (one function each in dicom-mutations.ts, drawn in turn): truncation in the
 * preamble, the meta header, an element header, a sequence, anywhere, at the reader's first-read
 * boundary, in the pixel data; a few / many flipped bytes, flips in the pixel data only; absurd
 * 16/32-bit lengths (0xFFFFFFFF, 0x7FFFFFFF, odd, past the end); absurd values in the attributes
 * the index reads; the Transfer Syntax UID replaced (same length, other length with or without the
 * lengths fixed up); a wrong meta group length; undefined-length sequences nested 1-20 000 deep,
 * closed or not; zero bytes; a preamble and "DICM" only. Three mutants in four get a SOP Instance
 * UID of their own, so what they hold reaches the index; the rest are duplicates of the good copies.
 *
 * Modes, by environment variable:
 *   (none)                   seed 20240613, 3 000 mutants: ~10 s on 2 cores (disk-bound); part of `npm test`.
 *   BONEMET_FUZZ_LONG=1 (or BONEMET_LONG_TESTS=1, npm run test:long)  4 seeds (the default one and 3 random ones), 12 000 mutants each: 1-3 min.
 *   BONEMET_FUZZ_SEED=<n>    only seed n (reproduces a failure: every message names its seed).
 *   BONEMET_FUZZ_FILES=<n>   n mutants per seed.
 * A failing seed keeps its files and database; their folder (with mutants.json: each mutant's
 * source and mutation) is printed.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { contract } from '@shared/ipc/contract';
import type { ImportJobStatus } from '@shared/import/import-job';
import { createAppCore, type AppCore, coreInternals } from '../../../electron/core/app-core';
import { dispatch } from '../../../electron/core/handlers/dispatch';
import { importWorkerModuleUrl, workerImportRunner } from '../../../electron/core/importer/import-runners';
import { startWorker } from '../../../electron/core/importer/worker-entry';
import { readManifest } from '../../support/manifest';
import { SHARED_DICOM, temporaryFolder } from '../../support/paths';
import { deriveSeed, seededRandom } from '../../support/seeded-random';
import { MUTATION_KINDS, MUTATORS, withOwnInstanceUid, type MutationKind } from './dicom-mutations';
import { loadFuzzSources, pickSource } from './fuzz-sources';

const LONG = process.env.BONEMET_FUZZ_LONG === '1' || process.env.BONEMET_LONG_TESTS === '1';
const DEFAULT_SEED = 20240613;
const SEEDS = process.env.BONEMET_FUZZ_SEED
  ? [Number(process.env.BONEMET_FUZZ_SEED) >>> 0]
  : LONG
    ? [DEFAULT_SEED, ...Array.from({ length: 3 }, () => Math.floor(Math.random() * 2 ** 32))]
    : [DEFAULT_SEED];
const MUTANTS = Number(process.env.BONEMET_FUZZ_FILES) || (LONG ? 12_000 : 3_000);
/** A hang must fail the test, not stall CI: the import is stopped (its threads terminated) after this. */
const IMPORT_TIMEOUT_MS = LONG ? 180_000 : 60_000;

/** Damage after which no reader can have a whole instance: the file must be reported. */
const MUST_BE_REPORTED: ReadonlySet<MutationKind> = new Set([
  'zero-bytes', 'dicm-only', 'truncate-preamble', 'truncate-meta', 'truncate-element-header', 'truncate-sequence',
]);
/** What a reason must not look like: an engine error, a parser's internals, a stringified object. */
const RAW_ERROR =
  /Cannot (read|set) propert|is not (a function|iterable|defined)|\bundefined\b(?![ -]length)|\bnull\b|\[object |TypeError|RangeError|ReferenceError|Maximum call stack|\bNaN\b|dicomParser|ByteArrayParser|ByteStream|readFixedString|readUint|maxP ?osition|byteArray|\bError:/;
const MAX_REASON_LENGTH = 300;

interface MutantRecord {
  file: string;
  kind: MutationKind;
  source: string;
  detail: string;
  headerIntact: boolean;
}
type Outcome = 'indexed' | 'duplicate' | 'dicomdir' | 'reported' | 'none';

const manifest = readManifest();
/** The manifest's image and document files, which ../shared/dicom's own import test indexes. */
const goodFiles = manifest.filter((row) => row.sop_class !== '' && row.series_uid !== '').map((row) => row.path);
const goodSet = new Set(goodFiles);
const sources = loadFuzzSources();

describe.each(SEEDS)('importing %i-seeded mutants of ../shared/dicom', (seed) => {
  const say = (text: string) => `[fuzz seed ${seed}; replay with BONEMET_FUZZ_SEED=${seed}] ${text}`;
  let root: string;
  let dataDir: string;
  let core: AppCore;
  const workers = new Set<Worker>();
  const mutants: MutantRecord[] = [];
  const goodCopies: string[] = [];
  let written = 0;
  let status: ImportJobStatus;
  let keep = false;

  /** Starts an import and waits for it, stopping its threads when it outlives the timeout. */
  const importAndWait = async (paths: string[]): Promise<ImportJobStatus> => {
    const { jobId } = await core.handlers['import.start']({ paths });
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(say(`the import did not end within ${IMPORT_TIMEOUT_MS / 1000} s (hang?)`))), IMPORT_TIMEOUT_MS);
    });
    try {
      return await Promise.race([coreInternals(core).importJobs.wait(jobId), timeout]);
    } catch (error) {
      await Promise.all([...workers].map((w) => w.terminate()));
      throw error;
    } finally {
      clearTimeout(timer);
    }
  };

  const outcomeOf = (file: string): Outcome[] => {
    const outcomes: Outcome[] = [];
    if (coreInternals(core).db.prepare('SELECT 1 FROM instances WHERE file_path = ?').get(file)) outcomes.push('indexed');
    const scanned = coreInternals(core).db.prepare('SELECT outcome FROM scanned_files WHERE path = ?').pluck().get(file) as Outcome | undefined;
    if (scanned) outcomes.push(scanned);
    return outcomes.length > 0 ? outcomes : ['none'];
  };
  const holderOf = (file: string) =>
    coreInternals(core).db.prepare('SELECT i.file_path FROM scanned_files s JOIN instances i ON i.sop_instance_uid = s.sop_instance_uid WHERE s.path = ?').pluck().get(file) as string | undefined;
  const describeMutant = (m: MutantRecord) => `${path.relative(root, m.file)} <- ${m.source}: ${m.detail}`;

  beforeAll(async () => {
    root = fs.realpathSync(temporaryFolder(`fuzz-${seed}`)); // canonical, as an import stores paths
    keep = true; // until the import has ended: a hang or a crash keeps its files for a replay
    dataDir = path.join(root, 'data');
    fs.mkdirSync(dataDir);

    // Unmutated copies sort first ("0-good" < "1-fuzz"), so a mutant that kept its SOP Instance UID is their duplicate.
    for (const relative of goodFiles) {
      const target = path.join(root, '0-good', relative);
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.copyFileSync(path.join(SHARED_DICOM, relative), target);
      goodCopies.push(target);
    }
    for (let i = 0; i < MUTANTS; i++) {
      const rng = seededRandom(deriveSeed(seed, i));
      const kind = MUTATION_KINDS[i % MUTATION_KINDS.length]!;
      for (let attempt = 0; attempt < 50; attempt++) {
        const picked = pickSource(sources, rng);
        // Most mutants get an instance UID of their own, so what they hold is indexed; the rest are duplicates of the good copies.
        const source = rng.chance(0.75) ? withOwnInstanceUid(picked, i) : picked;
        const mutant = MUTATORS[kind](source, rng);
        if (!mutant) continue;
        const file = path.join(root, '1-fuzz', kind, `${String(i).padStart(5, '0')}-${path.basename(source.name)}`);
        fs.mkdirSync(path.dirname(file), { recursive: true });
        fs.writeFileSync(file, mutant.bytes);
        mutants.push({ file, kind, source: source.name, detail: mutant.detail, headerIntact: mutant.headerIntact && goodSet.has(source.name) });
        break;
      }
    }
    written = goodCopies.length + mutants.length;
    fs.writeFileSync(path.join(root, 'mutants.json'), JSON.stringify({ seed, mutants: mutants.map((m) => ({ ...m, file: path.relative(root, m.file) })) }, null, 1));

    core = createAppCore({
      dataDir,
      door: 'cli',
      version: 'fuzz',
      roots: [root],
      importRunner: workerImportRunner((data) => {
        const worker = startWorker(importWorkerModuleUrl(), data);
        workers.add(worker);
        worker.on('exit', () => workers.delete(worker));
        return worker;
      }),
    });
    const started = performance.now();
    status = await importAndWait([path.join(root, '0-good'), path.join(root, '1-fuzz')]);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const byKind = new Map<string, Record<string, number>>();
    for (const m of mutants) {
      const counts = byKind.get(m.kind) ?? {};
      const outcome = outcomeOf(m.file).join('+');
      counts[outcome] = (counts[outcome] ?? 0) + 1;
      byKind.set(m.kind, counts);
    }
    keep = false;
    console.log(say(`${written} files (${mutants.length} mutants, ${goodCopies.length} good copies) imported in ${seconds} s: ${status.state}`));
    console.log([...byKind].map(([kind, counts]) => `  ${kind.padEnd(24)} ${JSON.stringify(counts)}`).join('\n'));
  }, IMPORT_TIMEOUT_MS + 120_000);

  afterAll(async () => {
    await Promise.all([...workers].map((w) => w.terminate()));
    core?.close();
    if (keep) console.log(say(`files, database and mutants.json kept in ${root}`));
    else if (root) fs.rmSync(root, { recursive: true, force: true });
  });

  it('ends done, not failed, within the timeout', () => {
    onTestFailed(() => void (keep = true));
    expect(status.error, say('job error')).toBeNull();
    expect(status.state, say('job state')).toBe('done');
  });

  it('sees every file once and accounts for each', () => {
    onTestFailed(() => void (keep = true));
    const report = status.report!;
    const writtenFiles = new Set([...goodCopies, ...mutants.map((m) => m.file)]);
    const reportedWritten = report.reported.filter((r) => writtenFiles.has(r.path));
    expect(report.filesSeen, say('filesSeen')).toBe(written);
    expect(new Set(reportedWritten.map((r) => r.path)).size, say('a file reported twice')).toBe(reportedWritten.length);
    expect(report.indexed + report.duplicates + report.dicomdirs + report.unchanged + reportedWritten.length, say('outcomes')).toBe(written);
    // The only other entries: files a (mutated) DICOMDIR lists that are not there, or are not followed.
    const others = report.reported.filter((r) => !writtenFiles.has(r.path));
    expect(others.filter((r) => !/^listed in the DICOMDIR .*( but missing|: not followed \(.*\))$/.test(r.reason)), say('reported paths that are not files')).toEqual([]);
    // And the index agrees: one outcome per file, but for a file whose UIDs contradict the index's,
    // which is not remembered (every import reads it again, until one of the two files is corrected).
    const conflicting = new Set(reportedWritten.filter((r) => /mislabelled, so this one is not indexed$/.test(r.reason)).map((r) => r.path));
    const unaccounted = [...writtenFiles]
      .map((file) => ({ file, outcomes: outcomeOf(file) }))
      .filter((f) => (conflicting.has(f.file) ? f.outcomes[0] !== 'none' || f.outcomes.length !== 1 : f.outcomes.length !== 1 || f.outcomes[0] === 'none'));
    expect(unaccounted, say('files without exactly one outcome in the index')).toEqual([]);
  });

  it('reports each bad file with a reason a user can act on', () => {
    onTestFailed(() => void (keep = true));
    const byFile = new Map(mutants.map((m) => [m.file, m]));
    // Quoted values (a corrupt UID shown to the user) may hold anything; the words around them may not.
    const words = (reason: string) => reason.replace(/"(?:[^"\\]|\\.)*"/g, '"..."');
    const bad = status.report!.reported.filter((r) => !r.reason.trim() || r.reason.length > MAX_REASON_LENGTH || RAW_ERROR.test(words(r.reason)));
    expect(
      bad.map((r) => `${r.reason}  <-  ${byFile.has(r.path) ? describeMutant(byFile.get(r.path)!) : r.path}`),
      say('unhelpful reasons'),
    ).toEqual([]);
    const notReported = mutants.filter((m) => MUST_BE_REPORTED.has(m.kind) && !outcomeOf(m.file).includes('reported'));
    expect(notReported.map((m) => `${outcomeOf(m.file).join('+')}: ${describeMutant(m)}`), say('broken files not reported')).toEqual([]);
    const empty = status.report!.reported.filter((r) => byFile.get(r.path)?.kind === 'zero-bytes');
    expect(new Set(empty.map((r) => r.reason)), say('reason for an empty file')).toEqual(new Set(['empty file (0 bytes)']));
  });

  it('indexes every unmutated copy (or counts it as a duplicate of another copy)', () => {
    onTestFailed(() => void (keep = true));
    const goodSetOnDisk = new Set(goodCopies);
    const wrong = goodCopies
      .map((file) => ({ file, outcome: outcomeOf(file).join('+'), holder: holderOf(file) }))
      .filter(({ outcome, holder }) => !(outcome === 'indexed' || (outcome === 'duplicate' && holder && goodSetOnDisk.has(holder))));
    expect(wrong.map((w) => `${path.relative(root, w.file)}: ${w.outcome}${w.holder ? ` of ${path.relative(root, w.holder)}` : ''}`), say('good copies')).toEqual([]);
  });

  it('indexes mutants whose header was left whole', () => {
    onTestFailed(() => void (keep = true));
    const intact = mutants.filter((m) => m.headerIntact);
    expect(intact.length, say('mutants with a whole header')).toBeGreaterThan(0);
    const lost = intact.filter((m) => !['indexed', 'duplicate'].includes(outcomeOf(m.file).join('+')));
    const reasons = new Map(status.report!.reported.map((r) => [r.path, r.reason]));
    expect(lost.map((m) => `${outcomeOf(m.file).join('+')} (${reasons.get(m.file) ?? ''}): ${describeMutant(m)}`), say('readable mutants not indexed')).toEqual([]);
  });

  it('leaves a sound database', () => {
    onTestFailed(() => void (keep = true));
    expect(coreInternals(core).db.pragma('integrity_check'), say('integrity_check')).toEqual([{ integrity_check: 'ok' }]);
    expect(coreInternals(core).db.pragma('foreign_key_check'), say('foreign_key_check')).toEqual([]);
  });

  it('keeps working: lists and opens all it indexed through the contract, and imports again', async () => {
    onTestFailed(() => void (keep = true));
    const call = async <C extends keyof typeof contract>(channel: C, request: unknown) => {
      const envelope = await dispatch(core.handlers, channel, request);
      expect(envelope.ok ? null : envelope.error, say(`${channel} ${JSON.stringify(request)}`)).toBeNull();
      const parsed = contract[channel].response.safeParse((envelope as { value: unknown }).value);
      // The renderer checks every answer against the contract: one bad row would break its whole list.
      expect(parsed.success ? null : parsed.error.issues.slice(0, 3), say(`answer to ${channel} ${JSON.stringify(request)}`)).toBeNull();
      return parsed.data as never;
    };
    const studies: { studyInstanceUid: string }[] = await call('studies.search', { limit: 5000 });
    expect(studies.length, say('studies listed')).toBe(coreInternals(core).db.prepare('SELECT count(*) FROM studies').pluck().get());
    for (const study of studies) {
      const detail: { series: { seriesInstanceUid: string }[] } = await call('studies.get', { studyInstanceUid: study.studyInstanceUid });
      for (const series of detail.series) await call('series.instances', { seriesInstanceUid: series.seriesInstanceUid });
    }

    // A clean file with an instance UID of its own: a new instance in a known study, indexed by a second import.
    const goodMr = path.join(root, '0-good', 'pydicom', 'MR_small.dcm');
    const studyInstanceUid = coreInternals(core).db
      .prepare('SELECT st.study_uid FROM instances i JOIN series se ON se.id = i.series_ref JOIN studies st ON st.id = se.study_ref WHERE i.file_path = ?')
      .pluck()
      .get(goodMr) as string;
    const countIn = async () => ((await call('studies.get', { studyInstanceUid })) as { study: { instanceCount: number } }).study.instanceCount;
    const before = await countIn();
    const clean = path.join(root, '2-clean', 'MR_small.dcm');
    fs.mkdirSync(path.dirname(clean), { recursive: true });
    fs.writeFileSync(clean, withOwnInstanceUid(sources.find((source) => source.name === 'pydicom/MR_small.dcm')!, 999_999).bytes);
    const again = await importAndWait([path.dirname(clean)]);
    expect(again.state, say('second import')).toBe('done');
    expect(again.report, say('second import')).toMatchObject({ filesSeen: 1, indexed: 1, reported: [] });
    expect(await countIn(), say('instances in the study of the clean file')).toBe(before + 1);
  }, IMPORT_TIMEOUT_MS + 60_000);
});
