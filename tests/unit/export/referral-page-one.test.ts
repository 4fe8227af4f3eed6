import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildReferralPacket } from '../../../electron/core/export/referral/build-referral-packet';
import { importedFileResolver } from '../../../electron/core/index/instance-queries';
import type { ReferralPacket } from '../../../electron/core/export/referral/referral-packet';
import { renderReferralPdf } from '../../../electron/core/export/referral/referral-pdf';
import { loadStudyExportSource } from '../../../electron/core/export/study-export-source';
import { temporaryFolder } from '../../support/paths';
import { darkBlocks, pdfImagesOnPage, pdfPageText, pdfText, renderGrayPage } from './pdf-tools';
import { phantomReferralStudy, type PhantomReferralStudy } from './referral-phantom-study';
import { coreInternals } from '../../../electron/core/app-core';

// Page 1 of the referral packet is what a surgeon reads first: each flagged lesion's urgency, its
// reasons and its key image, large and oriented; read back with poppler (pdftotext, pdftoppm, pdfimages).

let study: PhantomReferralStudy;
let packet: ReferralPacket;
let pdf: string;
const folder = temporaryFolder('referral-page-one');
const sourceOf = (studyInstanceUid: string) => loadStudyExportSource(coreInternals(study.core).db, studyInstanceUid, { appVersion: '0.1.0', now: new Date('2026-03-02T10:00:00Z') });

async function writePdf(name: string, built: ReferralPacket): Promise<string> {
  const file = path.join(folder, name);
  fs.writeFileSync(file, await renderReferralPdf(built));
  return file;
}

beforeAll(async () => {
  study = await phantomReferralStudy();
  packet = buildReferralPacket(sourceOf(study.truth.studyInstanceUid), { resolveFile: importedFileResolver(coreInternals(study.core).db) });
  pdf = await writePdf('page-one.pdf', packet);
});
afterAll(() => {
  study?.close();
  fs.rmSync(folder, { recursive: true, force: true });
});

describe('page 1: what a surgeon reads first', () => {

  it('states each flagged lesion\'s urgency and reasons with what finds it outside the app, the one that could be urgent too', () => {
    const text = pdfPageText(pdf, 1);
    expect(packet.lesions).toHaveLength(3);
    let previous = -1;
    for (const [i, lesion] of packet.lesions.entries()) {
      const at = text.indexOf(`${i + 1}. ${lesion.location}`);
      expect(at, `lesion ${i + 1} on page 1, in packet order`).toBeGreaterThan(previous);
      previous = at;
      expect(text.slice(at)).toMatch(new RegExp(`^[^]*?${lesion.urgency.level.toUpperCase()}`));
      for (const reason of lesion.urgency.reasons) expect(text).toContain(`Reason: ${reason}`);
      expect(text).toContain(`Tracking UID: ${lesion.trackingUid}`);
    }
    expect(text).toContain(`Study Instance UID: ${study.truth.studyInstanceUid}`);
    expect(text).toContain(`Accession: ${packet.study.accessionNumber}`);
    // The distal lesion is routine as recorded, but missing inputs could make it urgent: the worklist
    // flags it, so the packet carries it (last, as the worklist sorts it), saying what it could be and why.
    const distal = study.lesions[2]!;
    const urgency = sourceOf(study.truth.studyInstanceUid).lesions.find((l) => l.lesion.id === distal.id)!.scores.urgency;
    expect([urgency.level, urgency.worstCase]).toEqual(['routine', 'urgent']);
    expect(packet.lesions[2]!.trackingUid).toBe(distal.trackingUid);
    expect(text).toContain(`3. Femur, Distal femur, left ROUTINE routine now; could be urgent: missing ${urgency.missingInputs.join(', ')}`);
    expect(text).not.toContain('Not in this packet');
    // No in-app link and no file of the project: a reader outside the app can use neither.
    const whole = pdfText(pdf).flat;
    expect(whole).not.toMatch(/#\/lesion\/|Open in BoneMet Review|\.md\b/);
    for (const lesion of study.lesions) expect(whole).not.toContain(lesion.id);
  });

  it('shows each flagged lesion\'s key image at a readable size, with its orientation markers', () => {
    // The key images themselves, with their R/L, A/P markers burned in (see referral-key-image.test.ts).
    expect(pdfImagesOnPage(pdf, 1)).toEqual([{ width: 512, height: 512 }, { width: 512, height: 512 }]);
    const page = renderGrayPage(pdf, path.join(folder, 'page-one'), 1, 72);
    const blocks = darkBlocks(page, 140);
    expect(blocks).toHaveLength(2);
    for (const block of blocks) {
      // At 72 dpi a pixel is a point: at least 180 pt (6.4 cm) each way, with three lesions sharing page 1
      // (the third, drawn on no image, takes the height of its text only).
      expect(block.x1 - block.x0 + 1).toBeGreaterThanOrEqual(180);
      expect(block.y1 - block.y0 + 1).toBeGreaterThanOrEqual(180);
    }
    // The patient's right and left are marked on each: white letters at the middle of the side edges, where the phantom has only air.
    const fine = renderGrayPage(pdf, path.join(folder, 'page-one-fine'), 1, 144);
    const fineBlocks = darkBlocks(fine, 280);
    expect(fineBlocks).toHaveLength(2);
    for (const block of fineBlocks) {
      const middle = Math.round((block.y0 + block.y1) / 2);
      const width = block.x1 - block.x0;
      for (const [from, to] of [[0, 0.06], [0.94, 1]] as const) {
        let white = 0;
        for (let y = middle - 12; y <= middle + 12; y++) for (let x = block.x0 + Math.round(from * width); x <= block.x0 + Math.round(to * width); x++) if (fine.pixels[y * fine.width + x]! > 200) white++;
        expect(white, `marker at ${from === 0 ? 'left' : 'right'} edge`).toBeGreaterThan(10);
      }
    }
  });

  it('says of a lesion whose worst case is above its level what it could be and what is missing', async () => {
    const all = buildReferralPacket(sourceOf(study.truth.studyInstanceUid), { resolveFile: importedFileResolver(coreInternals(study.core).db), includeAll: true });
    const file = await writePdf('page-one-all.pdf', all);
    const text = pdfPageText(file, 1);
    const distal = all.lesions[2]!;
    expect(text).toContain(`3. ${distal.location}`);
    expect(text).toContain(`routine now; could be urgent: missing ${distal.urgency.missingInputs.join(', ')}`);
    expect(text).not.toContain('Not in this packet');
    expect(pdfImagesOnPage(file, 1)).toHaveLength(2);
  });

  it('withholds the Tracking UIDs and study identifiers from page 1 of a non-clinical packet', async () => {
    const anonymous = buildReferralPacket(sourceOf(study.truth.studyInstanceUid), { resolveFile: importedFileResolver(coreInternals(study.core).db), purpose: 'non-clinical' });
    const text = pdfPageText(await writePdf('page-one-anonymous.pdf', anonymous), 1);
    expect(text).toContain('1. Femur, Femoral diaphysis (shaft), left');
    expect(text).toContain('routine now; could be urgent');
    expect(text).not.toMatch(/Tracking UID|Study Instance UID|2\.25\./);
  });
});
