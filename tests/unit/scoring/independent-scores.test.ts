import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseArguments } from '../../../electron/cli/arguments';
import { call, openCore } from '../../../electron/cli/cli-context';
import { coreInternals, type AppCore } from '../../../electron/core/app-core';
import type { Lesion } from '@shared/lesion/lesion';
import { reasonPattern, scoreDisagreements } from '../../support/compare-scores';
import { independentScores, URGENCY_LEVELS, type IndependentUrgency, type ScoreSpan } from '../../support/independent-scores';
import { randomLesionRecords } from '../../support/random-lesions';
import { REPO_ROOT, SHARED_DICOM, temporaryFolder } from '../../support/paths';
import { filesUnder, readCsvWithPython, readDataset } from '../export/export-files';
import { dsrdump } from '../export/dicom-tools';
import { pdfText } from '../export/pdf-tools';

// An outside check of the scores: an implementation written from CLINICAL.md alone
// (tests/support/independent-scores.ts) against what `score --in` answers, through the same
// contract call the CLI makes, on a few thousand seeded random lesions, and against what stored
// lesions carry through the worklist, the research table and the FHIR bundle. Any drift of a table,
// a threshold, a range, an urgency rule, or a figure shown beside its verdict, shows here as a named
// disagreement with its lesion.

const SEED = 20261206;
const LESIONS = 3000;

/** A record as an older form wrote it: form 2 had no bone analysis, form 1 neither the Mirels size definition nor attached drawings. */
function asFormVersion(lesion: Lesion, version: number): object {
  const { boneAnalysis: _analysis, mirelsSizeDefinition: _definition, attachedAnnotationIds: _attached, ...form1 } = lesion;
  if (version === 1) return { ...form1, schemaVersion: 1 };
  if (version === 2) return { ...form1, mirelsSizeDefinition: lesion.mirelsSizeDefinition, attachedAnnotationIds: lesion.attachedAnnotationIds, schemaVersion: 2 };
  return lesion;
}

/** Runs the CLI as a user would (a process of its own) on a data folder, returning what it printed. */
function cli(args: string[], dataFolder: string): string {
  const result = spawnSync(process.execPath, [path.join(REPO_ROOT, 'electron/cli/launch.mjs'), ...args, '--data-dir', dataFolder], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  expect(result.status, result.stderr).toBe(0);
  return result.stdout;
}

/** The independent span of a score as "total" or "min-max"; "n/a" where the score does not apply. */
const spanText = (span: ScoreSpan | null) => (span === null ? 'n/a' : span.min === span.max ? String(span.min) : `${span.min}-${span.max}`);
/** An exported total or range as the same words. */
const exportedSpan = (total: number | null, low: number | null, high: number | null, applicable: boolean) =>
  !applicable ? 'n/a' : total !== null ? String(total) : `${low}-${high}`;
const FHIR_PRIORITY: Record<IndependentUrgency, string> = { emergency: 'stat', urgent: 'urgent', 'surgical-opinion': 'routine', routine: 'routine' };

type SrCode = { CodeValue?: string; LongCodeValue?: string };
type SrItem = { ValueType?: string; ConceptNameCodeSequence?: SrCode[]; ConceptCodeSequence?: SrCode[]; UID?: string; MeasuredValueSequence?: { FloatingPointValue?: number }[]; ContentSequence?: SrItem[] };
/** What an SR says of each lesion (by tracking UID): its urgency, worst case, and Mirels and SINS totals or ranges. */
function srLesions(file: string): Map<string, { level: string; worstCase: string; mirels: string; sins: string }> {
  const out = new Map<string, { level: string; worstCase: string; mirels: string; sins: string }>();
  // A code value over 16 characters is written as Long Code Value (PS3.3 8.8).
  const codeOf = (code: SrCode | undefined) => code?.CodeValue ?? code?.LongCodeValue;
  const concept = (item: SrItem) => codeOf(item.ConceptNameCodeSequence?.[0]);
  const child = (item: SrItem | undefined, code: string) => item?.ContentSequence?.find((c) => concept(c) === code);
  const valueOf = (item: SrItem | undefined) => item?.MeasuredValueSequence?.[0]?.FloatingPointValue;
  const score = (group: SrItem, id: string) => {
    const item = child(group, `BM-SCORE-${id}`);
    if (!item) return 'n/a';
    const total = valueOf(item);
    return total !== undefined ? String(total) : `${valueOf(child(item, 'BM-RANGE-MIN'))}-${valueOf(child(item, 'BM-RANGE-MAX'))}`;
  };
  const level = (item: SrItem | undefined) => codeOf(item?.ConceptCodeSequence?.[0])?.replace('BM-URGENCY:', '') ?? 'absent';
  const walk = (item: SrItem) => {
    const tracking = item.ContentSequence?.find((c) => c.ValueType === 'UIDREF' && concept(c) === '112040');
    if (tracking?.UID) {
      const urgency = child(item, 'BM-URGENCY');
      out.set(tracking.UID, { level: level(urgency), worstCase: level(child(urgency, 'BM-URGENCY-WORST')), mirels: score(item, 'mirels'), sins: score(item, 'sins') });
    }
    item.ContentSequence?.forEach(walk);
  };
  walk(readDataset(file) as SrItem);
  return out;
}

let dataDir: string;
let core: AppCore;

beforeAll(() => {
  dataDir = temporaryFolder('independent-scores');
  core = openCore(parseArguments(['--data-dir', dataDir]));
});

afterAll(() => {
  core.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('scores against an independent implementation of CLINICAL.md', () => {
  it(`agrees on ${LESIONS} seeded random lesions: every range, band, flag and urgency`, async () => {
    const lesions = randomLesionRecords(SEED, LESIONS);
    const scores = await call(core, 'lesions.score', { lesions });
    expect(scores).toHaveLength(LESIONS);
    const disagreements = lesions.flatMap((lesion, i) => scoreDisagreements(lesion, scores[i]!).map((d) => `#${i} ${lesion.boneId}/${lesion.regionId ?? '-'}: ${d}`));
    expect(disagreements.slice(0, 20)).toEqual([]);
    expect(disagreements.length).toBe(0);
  });

  it('agrees on what the score command itself prints for a file of them, a third in older lesion forms', () => {
    const lesions = randomLesionRecords(SEED + 1, 300);
    const file = path.join(dataDir, 'lesions.json');
    fs.writeFileSync(file, JSON.stringify(lesions.map((lesion, i) => asFormVersion(lesion, (i % 3) + 1))));
    // A form 1 record read width / diameter (no definition to choose): it is scored as that.
    lesions.forEach((lesion, i) => i % 3 === 0 && (lesion.mirelsSizeDefinition = 'width-over-diameter'));
    const result = spawnSync(process.execPath, [path.join(REPO_ROOT, 'electron/cli/launch.mjs'), 'score', '--in', file, '--json', '--data-dir', path.join(dataDir, 'cli')], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    expect(result.status, result.stderr).toBe(0);
    const printed = JSON.parse(result.stdout) as Parameters<typeof scoreDisagreements>[1][];
    expect(printed).toHaveLength(lesions.length);
    expect(lesions.flatMap((lesion, i) => scoreDisagreements(lesion, printed[i]!).map((d) => `#${i}: ${d}`))).toEqual([]);
  });

  it('agrees on what the stored lesions carry through every door: the worklist (urgency, key scores, reasons), the JSON and CSV tables, the FHIR bundle, the SR (dcmjs and dsrdump) and the referral packet (pdftotext)', async () => {
    // Stored on a real study by the core, then read back by the CLI as a surgeon and a researcher would.
    const folder = path.join(dataDir, 'doors');
    const store = openCore(parseArguments(['--data-dir', folder]));
    const studyOf = new Map<string, string>();
    let lesions: Lesion[];
    let tableStudy: string;
    let referralStudy: string;
    try {
      const files = ['CT_small.dcm', 'MR_small.dcm'].map((f) => path.join(SHARED_DICOM, 'pydicom', f));
      const { jobId } = await call(store, 'import.start', { paths: files });
      await coreInternals(store).importJobs.wait(jobId);
      const studies = await call(store, 'studies.search', {});
      expect(studies).toHaveLength(2);
      const series = await Promise.all(studies.map(async (s) => (await call(store, 'studies.get', { studyInstanceUid: s.studyInstanceUid })).series[0]!.seriesInstanceUid));
      [tableStudy, referralStudy] = studies.map((s) => s.studyInstanceUid) as [string, string];
      await call(store, 'reader.set', { initials: 'AB', name: 'Anna Berg', role: 'radiologist' });
      // Most on one study for the worklist and the table; a few on the other for the referral bundle,
      // whose packet (key images of every lesion) takes a while to render.
      lesions = randomLesionRecords(SEED + 2, 400).map((l, i) => {
        const at = i < 370 ? 0 : 1;
        studyOf.set(l.id, studies[at]!.studyInstanceUid);
        return { ...l, studyInstanceUid: studies[at]!.studyInstanceUid, seriesInstanceUid: series[at]! };
      });
      await call(store, 'lesions.saveAll', { lesions });
    } finally {
      store.close();
    }
    const mine = new Map(lesions.map((l) => [l.id, independentScores(l)]));
    const recorded = new Map(lesions.map((l) => [l.id, l]));
    const out: string[] = [];
    /** Every rule the lesion surely meets must be among the reasons a door gives (CLINICAL.md: every flag carries its reasons). */
    let reasonsChecked = 0;
    const lacking = (door: string, id: string, reasons: readonly string[]) => {
      for (const rule of mine.get(id)!.urgency.alwaysMet) {
        reasonsChecked++;
        const pattern = reasonPattern(rule, recorded.get(id)!);
        if (!reasons.some((reason) => pattern.test(reason))) out.push(`${door} ${id}: reasons lack ${rule}: ${reasons.join('; ')}`);
      }
    };

    // The worklist lists every lesion that is, or could be, above routine, with its level and worst case.
    type Row = { lesionId: string; urgency: { level: string; worstCase: string; reasons: string[] }; keyScores: { mirels: string | null; sins: string | null } };
    const worklist = JSON.parse(cli(['worklist', '--json'], folder)) as { rows: Row[] };
    const listed = new Map(worklist.rows.map((r) => [r.lesionId, r]));
    for (const [id, m] of mine) {
      const row = listed.get(id);
      if (m.urgency.highest === 'routine') {
        if (row) out.push(`worklist lists ${id}, independent routine at worst`);
        continue;
      }
      if (!row) {
        out.push(`worklist leaves out ${id}, independent worst ${m.urgency.highest}`);
        continue;
      }
      if (row.urgency.level !== m.urgency.lowest || row.urgency.worstCase !== m.urgency.highest) out.push(`worklist ${id}: ${row.urgency.level}..${row.urgency.worstCase}, independent ${m.urgency.lowest}..${m.urgency.highest}`);
      // The row's key scores say the same totals or ranges.
      const key = (label: string, span: ScoreSpan | null) => (span === null ? null : `${label} ${spanText(span)}`);
      if (row.keyScores.mirels !== key('Mirels', m.mirels)) out.push(`worklist ${id}: ${row.keyScores.mirels}, independent ${key('Mirels', m.mirels)}`);
      if (row.keyScores.sins !== key('SINS', m.sins)) out.push(`worklist ${id}: ${row.keyScores.sins}, independent ${key('SINS', m.sins)}`);
      lacking('worklist', id, row.urgency.reasons);
    }

    // The research table: every lesion with its totals or ranges and its urgency.
    const tables = path.join(folder, 'tables');
    cli(['export', 'json', '--study', tableStudy, '--out', tables], folder);
    const table = JSON.parse(fs.readFileSync(path.join(tables, 'lesions.json'), 'utf8')) as { rows: Record<string, string | number | boolean | null>[] };
    expect(table.rows).toHaveLength(370);
    for (const row of table.rows) {
      const m = mine.get(row.lesion_id as string)!;
      const num = (key: string) => row[key] as number | null;
      const mirels = exportedSpan(num('mirels_total'), num('mirels_range_min'), num('mirels_range_max'), row.mirels_applicable === true);
      const sins = exportedSpan(num('sins_total'), num('sins_range_min'), num('sins_range_max'), row.sins_applicable === true);
      if (mirels !== spanText(m.mirels)) out.push(`table ${row.lesion_id}: Mirels ${mirels}, independent ${spanText(m.mirels)}`);
      if (sins !== spanText(m.sins)) out.push(`table ${row.lesion_id}: SINS ${sins}, independent ${spanText(m.sins)}`);
      if (row.urgency_level !== m.urgency.lowest || row.urgency_worst_case !== m.urgency.highest) out.push(`table ${row.lesion_id}: ${row.urgency_level}..${row.urgency_worst_case}, independent ${m.urgency.lowest}..${m.urgency.highest}`);
      lacking('table', row.lesion_id as string, row.urgency_reasons as unknown as string[]);
    }

    // The same table as CSV, read by Python's csv module: the same spans and urgency.
    const csvFolder = path.join(folder, 'csv');
    cli(['export', 'csv', '--study', tableStudy, '--out', csvFolder], folder);
    const [header, ...records] = readCsvWithPython(path.join(csvFolder, 'lesions.csv'));
    expect(records).toHaveLength(370);
    for (const record of records) {
      const cell = Object.fromEntries(header!.map((name, i) => [name, record[i]!]));
      const m = mine.get(cell.lesion_id!)!;
      const span = (key: string) => (cell[`${key}_applicable`] !== 'true' ? 'n/a' : cell[`${key}_total`] ? cell[`${key}_total`] : `${cell[`${key}_range_min`]}-${cell[`${key}_range_max`]}`);
      if (span('mirels') !== spanText(m.mirels)) out.push(`CSV ${cell.lesion_id}: Mirels ${span('mirels')}, independent ${spanText(m.mirels)}`);
      if (span('sins') !== spanText(m.sins)) out.push(`CSV ${cell.lesion_id}: SINS ${span('sins')}, independent ${spanText(m.sins)}`);
      if (cell.urgency_level !== m.urgency.lowest || cell.urgency_worst_case !== m.urgency.highest) out.push(`CSV ${cell.lesion_id}: ${cell.urgency_level}..${cell.urgency_worst_case}, independent ${m.urgency.lowest}..${m.urgency.highest}`);
    }

    // The FHIR bundle: one Observation per applicable score, its total or range; the request's priority from the worst case.
    const fhir = path.join(folder, 'fhir');
    cli(['export', 'fhir', '--study', referralStudy, '--out', fhir, '--all'], folder);
    const bundleFile = fs.readdirSync(fhir).find((f) => f.endsWith('.json'))!;
    const bundle = JSON.parse(fs.readFileSync(path.join(fhir, bundleFile), 'utf8')) as { entry: { resource: Record<string, unknown> }[] };
    const resources = bundle.entry.map((e) => e.resource);
    for (const o of resources.filter((r) => r.resourceType === 'Observation')) {
      const identifier = (o.identifier as { value: string }[] | undefined)?.[0]?.value ?? '';
      const [id, score] = identifier.split('/');
      if (score !== 'mirels' && score !== 'sins') continue;
      const range = o.valueRange as { low: { value: number }; high: { value: number } } | undefined;
      const shown = typeof o.valueInteger === 'number' ? String(o.valueInteger) : range ? `${range.low.value}-${range.high.value}` : 'absent';
      const expected = spanText(mine.get(id!)![score]);
      if (shown !== expected) out.push(`FHIR ${identifier}: ${shown}, independent ${expected}`);
    }
    const referred = [...mine].filter(([id]) => studyOf.get(id) === referralStudy).map(([, m]) => m);
    expect(resources.filter((r) => r.resourceType === 'Observation' && /\/mirels$/.test((r.identifier as { value: string }[])[0]!.value)).length).toBe(referred.filter((m) => m.mirels !== null).length);
    const worst = referred.reduce((top, m) => Math.max(top, URGENCY_LEVELS.indexOf(m.urgency.highest)), 0);
    const request = resources.find((r) => r.resourceType === 'ServiceRequest');
    expect(request?.priority, 'ServiceRequest priority').toBe(FHIR_PRIORITY[URGENCY_LEVELS[worst]!]);
    // The report's conclusion states the study's urgency: the highest level its lesions establish, and
    // the highest they could reach when above it.
    const established = referred.reduce((top, m) => Math.max(top, URGENCY_LEVELS.indexOf(m.urgency.lowest)), 0);
    const words = (i: number) => URGENCY_LEVELS[i]!.replace('-', ' ');
    const stated = worst === established ? words(worst) : `${words(established)} to ${words(worst)}, depending on `;
    const conclusion = String(resources.find((r) => r.resourceType === 'DiagnosticReport')?.conclusion);
    if (!conclusion.startsWith(`Highest urgency: ${stated}`)) out.push(`FHIR conclusion: ${conclusion.slice(0, 120)}, independent ${stated}`);

    // The DICOM SR a PACS reader opens: every lesion's totals or ranges, its urgency and worst case.
    const srFolder = path.join(folder, 'sr');
    cli(['export', 'sr', '--study', referralStudy, '--out', srFolder, '--no-pacs'], folder);
    const [srFile] = filesUnder(srFolder).filter((f) => f.endsWith('.dcm'));
    const inSr = srLesions(srFile!);
    const referredLesions = lesions.filter((l) => studyOf.get(l.id) === referralStudy);
    expect(inSr.size).toBe(referredLesions.length);
    for (const lesion of referredLesions) {
      const m = mine.get(lesion.id)!;
      const sr = inSr.get(lesion.trackingUid);
      const expected = { level: m.urgency.lowest, worstCase: m.urgency.highest, mirels: spanText(m.mirels), sins: spanText(m.sins) };
      if (JSON.stringify(sr) !== JSON.stringify(expected)) out.push(`SR ${lesion.id}: ${JSON.stringify(sr)}, independent ${JSON.stringify(expected)}`);
    }

    // The same SR as dcmtk's dsrdump prints it: each lesion's group names its urgency and worst case.
    const dump = dsrdump(srFile!);
    expect(dump.code, dump.stderr).toBe(0);
    for (const lesion of referredLesions) {
      const m = mine.get(lesion.id)!;
      const start = dump.stdout.indexOf(`"${lesion.trackingUid}"`);
      const next = dump.stdout.indexOf('(112039,DCM,"Tracking Identifier")', start + 1);
      const group = start === -1 ? '' : dump.stdout.slice(start, next === -1 ? undefined : next);
      const level = /\(BM-URGENCY,99BONEMET,"Referral urgency"\)=\(BM-URGENCY:([a-z-]+),/.exec(group)?.[1];
      const worst = /\(BM-URGENCY-WORST,99BONEMET,"[^"]*"\)=\(BM-URGENCY:([a-z-]+),/.exec(group)?.[1];
      if (level !== m.urgency.lowest || worst !== m.urgency.highest) out.push(`dsrdump ${lesion.id}: ${level}..${worst}, independent ${m.urgency.lowest}..${m.urgency.highest}`);
    }

    // The referral packet as pdftotext reads it: each lesion's section, found by its Tracking UID,
    // states its urgency, its worst case when above it, and its Mirels and SINS totals or ranges.
    const packetFolder = path.join(folder, 'referral');
    cli(['export', 'referral', '--study', referralStudy, '--out', packetFolder, '--all'], folder);
    const { flat } = pdfText(path.join(packetFolder, 'referral.pdf'));
    const sections = flat.split(/(?=Lesion \d+: [^:]*? URGENCY: )/).filter((x) => /^Lesion \d+: [^:]*? URGENCY: /.test(x));
    expect(sections).toHaveLength(referredLesions.length);
    const label = (level: string) => level.replace('-', ' ');
    for (const section of sections) {
      const trackingUid = /lesion Tracking UID (\S+) \(in the SR and SEG\)/.exec(section)?.[1];
      const lesion = referredLesions.find((l) => l.trackingUid === trackingUid);
      if (!lesion) {
        out.push(`referral: a section without a referred lesion's Tracking UID: ${section.slice(0, 80)}`);
        continue;
      }
      const m = mine.get(lesion.id)!;
      const head = section.slice(0, section.indexOf(' Nature: '));
      const level = /URGENCY: ([A-Z]+(?: [A-Z]+)?)\b/.exec(head)?.[1]?.toLowerCase();
      const worst = / now; could be (emergency|urgent|surgical opinion)/.exec(head)?.[1] ?? level;
      if (level !== label(m.urgency.lowest) || worst !== label(m.urgency.highest)) out.push(`referral ${lesion.id}: ${level}..${worst}, independent ${m.urgency.lowest}..${m.urgency.highest}`);
      const total = (pattern: RegExp) => pattern.exec(section)?.[1] ?? 'absent';
      const mirels = total(/Mirels score: (not applicable|\d+(?:-\d+)?)/);
      const sins = total(/Spinal Instability Neoplastic Score \(SINS\): (not applicable|\d+(?:-\d+)?)/);
      if (mirels.replace('not applicable', 'n/a') !== spanText(m.mirels)) out.push(`referral ${lesion.id}: Mirels ${mirels}, independent ${spanText(m.mirels)}`);
      if (sins.replace('not applicable', 'n/a') !== spanText(m.sins)) out.push(`referral ${lesion.id}: SINS ${sins}, independent ${spanText(m.sins)}`);
    }
    expect(out.slice(0, 20)).toEqual([]);
    expect(reasonsChecked).toBeGreaterThan(200);
  }, 240_000); // a real study exported through every door: about 20 s alone, longer beside other workers
});
