import { LESION_SCHEMA_VERSION } from '@shared/lesion/lesion';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { urgencyLabel } from '@shared/scoring/urgency-level';
import { parseArguments } from '../../../electron/cli/arguments';
import { exportCommand } from '../../../electron/cli/commands/export-command';
import { uuidToUid } from '@shared/dicom/uid';
import { FHIR_BUNDLE_FILE } from '../../../electron/core/export/fhir/write-fhir-bundle';
import { componentText, totalText } from '../../../electron/core/export/lesion-facts';
import { buildReferralPacket } from '../../../electron/core/export/referral/build-referral-packet';
import { importedFileResolver } from '../../../electron/core/index/instance-queries';
import { embedPacketFonts, printableText } from '../../../electron/core/export/referral/pdf-fonts';
import { wrapText } from '../../../electron/core/export/referral/pdf-layout';
import type { ReferralPacket } from '../../../electron/core/export/referral/referral-packet';
import { renderReferralPdf } from '../../../electron/core/export/referral/referral-pdf';
import { REFERRAL_PDF_FILE } from '../../../electron/core/export/referral/write-referral-pdf';
import { loadStudyExportSource } from '../../../electron/core/export/study-export-source';
import { makeLesion, typed } from '../../support/lesion-fixtures';
import { SHARED_DICOM, temporaryFolder } from '../../support/paths';
import { pageStatistics, pdfPageCount, pdfText, renderGrayPages, renderPngPages } from './pdf-tools';
import { phantomReferralStudy, type PhantomReferralStudy } from './referral-phantom-study';
import { coreInternals } from '../../../electron/core/app-core';
import { r4Issues } from '../../support/fhir-r4-validator';

let study: PhantomReferralStudy;
const folder = temporaryFolder('referral-pdf');
beforeAll(async () => {
  study = await phantomReferralStudy();
});
afterAll(() => {
  study?.close();
  fs.rmSync(folder, { recursive: true, force: true });
});

const NOW = new Date('2026-03-02T10:00:00Z');
const sourceOf = (studyInstanceUid: string) => loadStudyExportSource(coreInternals(study.core).db, studyInstanceUid, { appVersion: '0.1.0', now: NOW });

async function writePdf(name: string, packet: ReferralPacket): Promise<string> {
  const file = path.join(folder, name);
  fs.writeFileSync(file, await renderReferralPdf(packet));
  return file;
}

describe('the referral packet PDF of the phantom study', () => {
  let packet: ReferralPacket;
  let pdf: string;
  beforeAll(async () => {
    packet = buildReferralPacket(sourceOf(study.truth.studyInstanceUid), { resolveFile: importedFileResolver(coreInternals(study.core).db) });
    pdf = await writePdf('flagged.pdf', packet);
  });

  it('renders with poppler as A4 pages, one PNG per page, none blank, the key images drawn', () => {
    const count = pdfPageCount(pdf);
    // The header page, then at least a page per lesion.
    expect(count).toBeGreaterThanOrEqual(1 + packet.lesions.length);
    const pngs = renderPngPages(pdf, path.join(folder, 'png'));
    expect(pngs).toHaveLength(count);
    // A4 (595.28 x 841.89 pt) at 40 dpi.
    for (const size of pngs) expect(size).toEqual({ width: 331, height: 468 });
    const pages = renderGrayPages(pdf, path.join(folder, 'pgm')).map(pageStatistics);
    expect(pages).toHaveLength(count);
    for (const [i, page] of pages.entries()) {
      expect(page.sd, `page ${i + 1} has ink`).toBeGreaterThan(8);
      expect(page.mean, `page ${i + 1} is mostly paper`).toBeGreaterThan(150);
    }
    // A key image is a CT slice, mostly air: a large near-black block, on page 1 and on one page per drawn lesion here.
    expect(pages.filter((p) => p.darkShare > 0.05)).toHaveLength(1 + packet.lesions.filter((l) => l.keyImages.length > 0).length);
    expect(pages[0]!.darkShare).toBeGreaterThan(0.08);
  });

  it('holds every flagged lesion\'s urgency, reasons, score totals or ranges, components and missing inputs as text', () => {
    const { flat } = pdfText(pdf);
    expect(flat).toContain(`ID: ${study.truth.patient.id}`);
    expect(flat).toContain(study.truth.studyInstanceUid);
    expect(flat).toContain('Referring reader: Anna Berg (AB)');
    expect(flat).toContain(`Lesion form (schema) version ${LESION_SCHEMA_VERSION}. BoneMet Review 0.1.0.`);
    expect(flat).toContain(`of ${packet.totalBoneLesions} bone lesion(s)`);
    let previous = -1;
    for (const [i, lesion] of packet.lesions.entries()) {
      const at = flat.indexOf(`Lesion ${i + 1}: ${lesion.location}`);
      expect(at, 'lesions in packet order').toBeGreaterThan(previous);
      previous = at;
      expect(flat).toContain(`URGENCY: ${urgencyLabel(lesion.urgency.level).toUpperCase()}`);
      // A lesion routine as recorded has no rule met: the rules it could meet, and what is missing, say why it is here.
      expect(lesion.urgency.reasons.length + lesion.urgency.worstCaseReasons.length).toBeGreaterThan(0);
      if (lesion.urgency.worstCase !== lesion.urgency.level) expect(flat).toContain(`could be ${urgencyLabel(lesion.urgency.worstCase).toLowerCase()}`);
      for (const reason of lesion.urgency.reasons) expect(flat).toContain(`Reason: ${reason}`);
      for (const score of lesion.scores) {
        expect(flat).toContain(`${score.name}: ${totalText(score)}`);
        for (const component of score.components) expect(flat).toContain(componentText(component));
        if (score.missingInputs.length) expect(flat).toContain(`Missing inputs: ${score.missingInputs.join('; ')}`);
      }
      for (const m of lesion.measurements) expect(flat).toContain(`${m.label}: ${m.value}`);
      expect(flat).toContain(`lesion Tracking UID ${lesion.trackingUid}`);
      for (const other of lesion.sameBoneLesions) expect(flat).toContain(`Tracking UID: ${other.trackingUid}`);
      if (lesion.keyImages.length > 0) expect(flat).toContain(`Key image 1: SOP Instance ${lesion.keyImages[0]!.sopInstanceUid}`);
    }
    // A range, not a total, where inputs are missing (Harrington: two criteria unknown).
    expect(flat).toMatch(/Harrington criteria \(impending fracture\): 2-4 criteria met \(range while inputs are missing\)/);
    const count = pdfPageCount(pdf);
    for (let n = 1; n <= count; n++) expect(flat).toContain(`Page ${n} of ${count}`);
  });

  it('is the same bytes for the same packet (metadata dated by the packet, not the clock)', async () => {
    expect(Buffer.from(await renderReferralPdf(packet)).equals(fs.readFileSync(pdf))).toBe(true);
  });

  it('embeds DejaVu Sans regular and bold as subsets, and no other font', () => {
    const run = spawnSync('pdffonts', [pdf], { encoding: 'utf8' });
    expect(run.status).toBe(0);
    const fonts = run.stdout.split('\n').slice(2).filter(Boolean);
    expect(fonts.map((f) => f.split(/\s+/)[0]).sort()).toEqual(['BMRAAA+DejaVuSans', 'BMRAAB+DejaVuSans-Bold']);
    // emb, sub, uni: embedded, subset, with a ToUnicode map (what lets pdftotext and search read it).
    for (const f of fonts) expect(f).toMatch(/yes\s+yes\s+yes/);
  });

  it('flows a long lesion over pages, each saying which lesion it continues, and says why an image is missing', async () => {
    const noteLines = Array.from({ length: 120 }, (_, i) => `Note line ${i + 1}: ${'word '.repeat(i % 30)}${i % 7 === 0 ? '2.25.'.padEnd(140, '7') : ''}`);
    const base = buildReferralPacket(sourceOf(study.truth.studyInstanceUid), { resolveFile: () => null });
    const long: ReferralPacket = { ...base, lesions: [{ ...base.lesions[0]!, note: noteLines.join('\n') }, ...base.lesions.slice(1)] };
    const file = await writePdf('long.pdf', long);
    const count = pdfPageCount(file);
    expect(count).toBeGreaterThan(5);
    for (const page of renderGrayPages(file, path.join(folder, 'long')).map(pageStatistics)) expect(page.sd).toBeGreaterThan(8);
    const { raw, flat } = pdfText(file);
    // Every page but page 1, lesion 1's first and the two other lesions' (up to two each) continues lesion 1.
    expect(raw.split(`Lesion 1: ${base.lesions[0]!.location} (continued)`).length - 1).toBeGreaterThanOrEqual(count - 6);
    for (let i = 1; i <= 120; i++) expect(flat).toContain(`Note line ${i}:`);
    expect(flat).toMatch(/Key image 1 not rendered: the image [\d.]+ is not in the index/);
  });

  it('leaves every identifier of the source out of a non-clinical packet: text, images, footers, metadata and raw bytes', async () => {
    const loaded = sourceOf(study.truth.studyInstanceUid);
    const s = loaded.study;
    // Free text a reader typed may name the patient too: a note and an annotation label that do.
    const named = `seen with ${s.patientName} ${s.patientId}`;
    // One annotation lifted 10 mm off its image: the caption then says so, and must not name it by id.
    const lifted = loaded.annotations.map((a, i) => (i === 1 ? { ...a, points: a.points.map(([x, y, z]) => [x, y, z + 10] as [number, number, number]) } : a));
    const source = {
      ...loaded,
      lesions: loaded.lesions.map((l) => ({ ...l, lesion: { ...l.lesion, note: named } })),
      annotations: lifted.map((a) => ({ ...a, text: named })),
    };
    const dashed = (da: string) => `${da.slice(0, 4)}-${da.slice(4, 6)}-${da.slice(6, 8)}`;
    // Read from the index, not typed here: what the import stored is what could leak.
    for (const value of [s.patientName, s.patientId, s.patientBirthDate, s.accessionNumber, s.studyDate]) expect(value).toBeTruthy();
    const identifiers = [
      ...s.patientName.split(/[\^=]/).filter((p) => p.length > 2), s.patientId, s.accessionNumber,
      s.patientBirthDate!, dashed(s.patientBirthDate!), s.studyDate!, dashed(s.studyDate!), s.studyInstanceUid,
      ...source.series.flatMap((series) => [series.seriesInstanceUid, ...series.instances.map((i) => i.sopInstanceUid)]),
      // The clinical SR carries these (BM-LESION-UID, BM-ANN-UID): printed here, they would join the two.
      ...source.lesions.flatMap((l) => [l.lesion.id, uuidToUid(l.lesion.id)]),
      ...source.annotations.flatMap((a) => [a.id, uuidToUid(a.id)]),
    ];
    const anonymous = buildReferralPacket(source, { resolveFile: importedFileResolver(coreInternals(study.core).db), purpose: 'non-clinical', includeAll: true });
    expect(anonymous.lesions.flatMap((l) => l.keyImages).filter((k) => k.png).length).toBeGreaterThan(0);
    const file = await writePdf('non-clinical-scan.pdf', anonymous);
    const { flat } = pdfText(file);
    const info = spawnSync('pdfinfo', ['-isodates', file], { encoding: 'utf8' }).stdout;
    const raw = fs.readFileSync(file).toString('latin1');
    // pdf-lib writes metadata strings as UTF-16BE hex: scan for that spelling of each identifier too.
    const hex = (t: string) => Buffer.from(`\uFEFF${t}`, 'utf16le').swap16().toString('hex').slice(4).toUpperCase();
    for (const id of identifiers) {
      expect(flat, `text holds ${id}`).not.toContain(id);
      expect(flat.replace(/\s/g, ''), `text holds ${id} across a line break`).not.toContain(id);
      expect(info, `metadata holds ${id}`).not.toContain(id);
      expect(raw, `bytes hold ${id}`).not.toContain(id);
      expect(raw.toUpperCase(), `bytes hold ${id} as UTF-16`).not.toContain(hex(id));
    }
    // No date at all: not the study's, not the export's (the export date would date the study).
    expect(flat).not.toMatch(/\b(19|20)\d{2}-?\d{2}-?\d{2}/);
    expect(info).not.toMatch(/CreationDate|ModDate/);
    // The phantom's patient is DEMO^PHANTOM and its description "CT both thighs (synthetic phantom)":
    // free text that names the patient is withheld (packet-description.test.ts has the rule).
    expect(s.description).toMatch(/phantom/i);
    expect(flat).toContain('Study: (description withheld: it names the patient)');
    expect(flat).toContain('Modalities: CT');
    expect(flat).toContain('Withheld from a non-clinical packet: free text may name the patient.');
    // Lesions and annotations are named by their place in the packet instead.
    expect(flat).toMatch(/Annotation 2 of 2 \(Length\) lies up to 10\.0 mm off this image plane/);
    expect(flat).toContain('(final), see lesion 2 of this packet');
    expect(flat).toMatch(/Largest dimension: [\d.]+ mm \(measured on key image 1\)/);
    // The label is not burned into the key image: the same pixels as with no label at all.
    const unlabelled = buildReferralPacket({ ...source, annotations: lifted.map((a) => ({ ...a, text: null })) }, { resolveFile: importedFileResolver(coreInternals(study.core).db), purpose: 'non-clinical', includeAll: true });
    const png = (p: ReferralPacket) => Buffer.from(p.lesions[0]!.keyImages[0]!.png!);
    expect(png(anonymous).equals(png(unlabelled))).toBe(true);
    const clinical = buildReferralPacket(source, { resolveFile: importedFileResolver(coreInternals(study.core).db), includeAll: true });
    expect(png(clinical).equals(png(buildReferralPacket({ ...source, annotations: loaded.annotations.map((a) => ({ ...a, text: null })) }, { resolveFile: importedFileResolver(coreInternals(study.core).db), includeAll: true })))).toBe(false);
  });

  it('withholds the patient in a non-clinical packet, in the text and in every footer', async () => {
    const anonymous = buildReferralPacket(sourceOf(study.truth.studyInstanceUid), { resolveFile: () => null, purpose: 'non-clinical' });
    const { flat } = pdfText(await writePdf('non-clinical.pdf', anonymous));
    expect(flat).not.toContain(study.truth.patient.id);
    expect(flat).not.toContain('PHANTOM');
    expect(flat).toContain('Patient: withheld (non-clinical packet)');
    expect(flat.split('Bone metastasis referral - Non-clinical packet: patient identifiers withheld').length - 1).toBe(pdfPageCount(path.join(folder, 'non-clinical.pdf')));
  });
});

describe('a non-clinical packet whose key image files were moved or truncated after import', () => {
  // PACS exports name folders by patient: the path of an unreadable file must not reach an anonymised packet.
  const PATIENT_FOLDER = 'DOE^JOHN_123456';
  let named: PhantomReferralStudy;
  beforeAll(async () => {
    named = await phantomReferralStudy(PATIENT_FOLDER);
  });
  afterAll(() => named?.close());

  it('says the image file could not be read, with neither the folder name nor the path in text, metadata or bytes', async () => {
    const resolve = importedFileResolver(coreInternals(named.core).db);
    const moved = resolve(named.annotations[0]!.sopInstanceUid!)!.path;
    const truncated = resolve(named.annotations[2]!.sopInstanceUid!)!.path;
    expect(moved).toContain(`${path.sep}${PATIENT_FOLDER}${path.sep}`);
    expect(truncated).not.toBe(moved);
    fs.renameSync(moved, path.join(named.dataDir, 'moved.dcm'));
    fs.truncateSync(truncated, 200);
    const source = loadStudyExportSource(coreInternals(named.core).db, named.truth.studyInstanceUid, { appVersion: '0.1.0', now: NOW });

    const anonymous = buildReferralPacket(source, { resolveFile: resolve, purpose: 'non-clinical' });
    expect(anonymous.lesions.filter((l) => l.keyImages.length > 0).map((l) => l.keyImages[0]!.notRenderedReason)).toEqual(['the image file could not be read', 'the image file could not be read']);
    const file = await writePdf('non-clinical-unreadable.pdf', anonymous);
    const { flat } = pdfText(file);
    expect(flat).toContain('Key image 1 not rendered: the image file could not be read (series 1, image');
    const info = spawnSync('pdfinfo', ['-isodates', file], { encoding: 'utf8' }).stdout;
    const raw = fs.readFileSync(file).toString('latin1');
    for (const id of [PATIENT_FOLDER, 'JOHN_123456', named.dataDir, moved, truncated]) {
      expect(flat, `text holds ${id}`).not.toContain(id);
      expect(flat.replace(/\s/g, ''), `text holds ${id} across a line break`).not.toContain(id.replace(/\s/g, ''));
      expect(info, `metadata holds ${id}`).not.toContain(id);
      expect(raw, `bytes hold ${id}`).not.toContain(id);
    }

    // The clinical packet names the file: whoever reads it may look for it.
    const clinical = buildReferralPacket(source, { resolveFile: resolve });
    expect(clinical.lesions.flatMap((l) => l.keyImages.map((k) => k.notRenderedReason)).join(' ')).toContain(moved);
  });
});

describe('patient names in other scripts', () => {
  /** Imports one of pydicom's character-set files into the phantom's core and saves an urgent lesion on it. */
  async function charsetPacket(file: string, n: number): Promise<ReferralPacket> {
    // Copied into the data folder: the fixture's core may read only there.
    const copy = path.join(study.dataDir, 'charset', file);
    fs.mkdirSync(path.dirname(copy), { recursive: true });
    fs.copyFileSync(path.join(SHARED_DICOM, 'pydicom/charset_files', file), copy);
    const { jobId } = await study.core.handlers['import.start']({ paths: [copy] });
    const job = await coreInternals(study.core).importJobs.wait(jobId);
    expect(job.state).toBe('done');
    const [found] = (await study.core.handlers['studies.search']({})).filter((s) => s.studyInstanceUid !== study.truth.studyInstanceUid && !seen.has(s.studyInstanceUid));
    seen.add(found!.studyInstanceUid);
    const { series } = await study.core.handlers['studies.get']({ studyInstanceUid: found!.studyInstanceUid });
    const lesion = makeLesion({
      id: `c0000000-0000-4000-8000-${String(n).padStart(12, '0')}`, trackingUid: `2.25.77${n}`, studyInstanceUid: found!.studyInstanceUid, seriesInstanceUid: series[0]!.seriesInstanceUid,
      reader: 'AB', nature: 'lytic', axialInvolvementMm: typed(40), status: 'final',
    });
    await study.core.handlers['lesions.save']({ lesion });
    return buildReferralPacket(sourceOf(found!.studyInstanceUid), { resolveFile: importedFileResolver(coreInternals(study.core).db) });
  }
  const seen = new Set<string>();

  it('prints a Cyrillic and a Greek name decoded from the DICOM files as text, on the header and every footer', async () => {
    // chrRuss.dcm (ISO_IR 144) names "Люкceмбypг", Cyrillic with Latin look-alikes as in the file; chrGreek.dcm (ISO_IR 126) "Διονυσιος".
    for (const [file, name, n] of [['chrRuss.dcm', 'Люкceмбypг', 1], ['chrGreek.dcm', 'Διονυσιος', 2]] as const) {
      const packet = await charsetPacket(file, n);
      expect(packet.patient?.name).toBe(name);
      const pdf = await writePdf(`${file}.pdf`, packet);
      const { flat } = pdfText(pdf);
      expect(flat).toContain(`Patient: ${name} `);
      expect(flat.split(`Bone metastasis referral - ${name}, ID`).length - 1).toBe(pdfPageCount(pdf));
    }
  });

  it('names a multi-script patient by the alphabetic group, as the study list does, never as diamonds', async () => {
    // chrX1.dcm (ISO_IR 192) names "Wang^XiaoDong=王^小東=".
    const packet = await charsetPacket('chrX1.dcm', 3);
    expect(packet.patient?.name).toBe('Wang^XiaoDong=王^小東=');
    const pdf = await writePdf('chrX1.pdf', packet);
    const { flat } = pdfText(pdf);
    // The alphabetic group, as the study list shows it: never the ideographic group as diamonds.
    expect(flat).toContain('Patient: Wang, XiaoDong ');
    expect(flat).not.toContain('\uFFFD');
    expect(flat).not.toMatch(/[王小東]/);
    const pages = renderGrayPages(pdf, path.join(folder, 'chrX1')).map(pageStatistics);
    for (const page of pages) expect(page.sd).toBeGreaterThan(8);
  });
});

describe('wrapText', () => {
  const measure = (t: string) => [...t].length;

  it('breaks between fields before it breaks inside one, and never exceeds the width', () => {
    expect(wrapText('Nature: lytic    Status: final    Tracking UID: 2.25.900', 30, measure)).toEqual(['Nature: lytic    Status: final', 'Tracking UID: 2.25.900']);
    expect(wrapText('one two three four five', 9, measure)).toEqual(['one two', 'three', 'four five']);
    const uid = '2.25.94886300279084916364088651253710982944';
    const lines = wrapText(`Study Instance UID: ${uid}`, 20, measure);
    expect(lines.join('').replaceAll(' ', '')).toBe(`StudyInstanceUID:${uid}`);
    for (const l of lines) expect(measure(l)).toBeLessThanOrEqual(20);
    expect(wrapText('', 10, measure)).toEqual(['']);
  });
});

describe('printableText', () => {
  it('turns control characters into spaces and what DejaVu Sans lacks into U+FFFD, code point by code point', async () => {
    const { regular } = await embedPacketFonts(await PDFDocument.create());
    expect(printableText('Note:\tline one\r\nline two', regular)).toBe('Note: line one  line two');
    expect(printableText('Ærø Ωμέγα Жанна ≥ 30 mm', regular)).toBe('Ærø Ωμέγα Жанна ≥ 30 mm');
    expect(printableText('山田 🦴 x', regular)).toBe('\uFFFD\uFFFD \uFFFD x');
  });
});

describe('export referral and export fhir', () => {
  const run = async (argv: string[]) => {
    const out = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      await exportCommand(parseArguments([...argv, '--data-dir', study.dataDir, '--json']));
      const status = JSON.parse(String(out.mock.calls.at(-1)?.[0])) as { filesWritten: { path: string }[] };
      return { written: status.filesWritten.map((f) => f.path) };
    } finally {
      out.mockRestore();
    }
  };

  it('export referral writes referral.pdf into --out; --non-clinical leaves the patient out', async () => {
    const out = path.join(folder, 'cli-referral');
    const { written } = await run(['export', 'referral', '--study', study.truth.studyInstanceUid, '--out', out]);
    expect(written).toEqual([path.join(out, REFERRAL_PDF_FILE)]);
    expect(fs.readdirSync(out)).toEqual([REFERRAL_PDF_FILE]);
    expect(fs.readFileSync(written[0]!).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const { flat } = pdfText(written[0]!);
    expect(flat).toContain('URGENCY: URGENT');
    expect(flat).toContain(study.truth.patient.id);

    const anonymous = await run(['export', 'referral', '--study', study.truth.studyInstanceUid, '--out', path.join(folder, 'cli-anonymous'), '--non-clinical']);
    expect(pdfText(anonymous.written[0]!).flat).not.toContain(study.truth.patient.id);
  });

  it('export fhir writes a bundle whose DiagnosticReport.presentedForm is the packet PDF', async () => {
    const out = path.join(folder, 'cli-fhir');
    const { written } = await run(['export', 'fhir', '--study', study.truth.studyInstanceUid, '--out', out, '--all']);
    expect(written).toEqual([path.join(out, FHIR_BUNDLE_FILE)]);
    const bundle = JSON.parse(fs.readFileSync(written[0]!, 'utf8')) as { entry: { resource: { resourceType: string; presentedForm?: { contentType: string; data: string }[] } }[] };
    // The file as written from real images, through an R4 validator built from the official definitions.
    expect(r4Issues(bundle)).toEqual([]);
    const report = bundle.entry.find((e) => e.resource.resourceType === 'DiagnosticReport')!.resource;
    expect(report.presentedForm?.[0]?.contentType).toBe('application/pdf');
    const bytes = Buffer.from(report.presentedForm![0]!.data, 'base64');
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const embedded = path.join(folder, 'from-bundle.pdf');
    fs.writeFileSync(embedded, bytes);
    // --all reaches the PDF too: the routine lesion is in it, as in the bundle.
    expect(pdfText(embedded).flat).toContain('URGENCY: ROUTINE');
    await expect(exportCommand(parseArguments(['export', 'fhir', '--study', study.truth.studyInstanceUid, '--out', out, '--non-clinical', '--data-dir', study.dataDir]))).rejects.toThrow(/always names the patient/);
  });
});
