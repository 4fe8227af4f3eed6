import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { niceAxis, plotAxes, profileSeries } from '@shared/analysis/rigidity-plot';
import { scoreLesion } from '@shared/scoring/score-lesion';
import { buildReferralPacket } from '../../../electron/core/export/referral/build-referral-packet';
import { renderReferralPdf } from '../../../electron/core/export/referral/referral-pdf';
import { loadStudyExportSource } from '../../../electron/core/export/study-export-source';
import { acceptedAnalysis } from '../../support/lesion-fixtures';
import { phantomFixture, type PhantomFixture } from './dicom-export-fixture';
import { countColourPixels, pdfPageCount, pdfPageText, pdfText } from './pdf-tools';

// The referral packet of a lesion with an accepted bone analysis shows the experimental rigidity
// verdict and the profile along the bone as vector lines (read by poppler: the text layer holds the
// plot's title and axis labels, the raster holds the lesion and reference lines in their colours).

let fixture: PhantomFixture;
let pdf: string;
beforeAll(async () => {
  fixture = await phantomFixture();
  const loaded = loadStudyExportSource(fixture.db, fixture.truth.studyInstanceUid, { appVersion: '0.1.0', now: new Date('2026-03-02T10:00:00Z') });
  // Neurology recorded on both lesions: an emergency swatch ("could be emergency") is painted in the
  // red of the plot's lesion line, and would count as one on a page without a plot.
  const lesions = loaded.lesions.map(({ lesion }) => ({ ...lesion, clinical: { ...lesion.clinical, newNeurologicalDeficit: false } }));
  const source = { ...loaded, lesions: lesions.map((lesion) => ({ lesion, scores: scoreLesion(lesion) })) };
  const packet = buildReferralPacket(source, { resolveFile: () => null, includeAll: true });
  pdf = path.join(fixture.dataDir, 'referral.pdf');
  fs.writeFileSync(pdf, await renderReferralPdf(packet));
});
afterAll(() => fixture.cleanup());

const COLOURS = {
  lesion: (r: number, g: number, b: number) => r > 170 && g < 80 && b < 80,
  reference: (r: number, g: number, b: number) => b > 150 && r < 80 && g < 130,
};

/** The page that holds the profile, by its title. */
function plotPage(): number {
  for (let page = 1; page <= pdfPageCount(pdf); page++) if (pdfPageText(pdf, page).includes('Rigidity profile along the bone (CTRA, experimental)')) return page;
  return 0;
}

describe('the rigidity profile in the referral packet', () => {
  it('names the plot, its axes and the verdict in the text layer', () => {
    const { flat } = pdfText(pdf);
    expect(flat).toContain('Rigidity profile along the bone (CTRA, experimental)');
    expect(flat).toContain('Position along the bone axis (mm from the click)');
    for (const label of ['Axial rigidity EA (MN)', 'Minimum bending rigidity EI-min (N·m²)', 'Torsional rigidity GJ (N·m²)']) expect(flat).toContain(label);
    expect(flat).toContain('Lesion side');
    expect(flat).toContain('Contralateral bone');
    expect(flat).toContain('FLAGGED (experimental): rigidity reduced by 35% or more');
    expect(flat).toMatch(/Reason: lowest minimum bending rigidity \(EI-min\) ratio 0\.41 <= 0\.65 \(a 59% reduction; > 35% is the published criterion\)/);
    expect(flat).toContain('never raising the referral urgency');
    // The computed values say where they came from.
    expect(flat).toMatch(/Circumferential involvement: 25\.12% \(computed by BoneMet cortical involvement and CT rigidity analysis v1\.0\.0 on the section at z = [-\d.]+ mm\)/);
  });

  it('draws the lesion and reference lines on the page of the plot, and none on a lesion without an analysis', () => {
    const page = plotPage();
    expect(page).toBeGreaterThan(0);
    const counts = countColourPixels(pdf, path.join(fixture.dataDir, 'raster'), page, 60, COLOURS);
    expect(counts.lesion).toBeGreaterThan(150);
    expect(counts.reference).toBeGreaterThan(150);
    // The left femur's lesion (no analysis) says so on its own page, with no plot lines there.
    const pages = Array.from({ length: pdfPageCount(pdf) }, (_, i) => i + 1);
    const other = pages.find((p) => pdfPageText(pdf, p).includes('Not analysed: no bone analysis accepted on this lesion'));
    expect(other).toBeDefined();
    expect(other).not.toBe(page);
    expect(countColourPixels(pdf, path.join(fixture.dataDir, 'raster'), other!, 60, COLOURS)).toEqual({ lesion: 0, reference: 0 });
  });
});

describe('the plot shared by the lesion panel and the packet', () => {
  it('gives nice axes from zero and the flag line at the flag ratio of the reference', () => {
    expect(niceAxis([3.2, 41.7], 5)).toEqual({ min: 0, max: 50, ticks: [0, 10, 20, 30, 40, 50] });
    expect(niceAxis([-80, 115], 6)).toEqual({ min: -100, max: 150, ticks: [-100, -50, 0, 50, 100, 150] });
    const series = profileSeries(acceptedAnalysis(0.4), 'eiMin');
    expect(series.x).toEqual([-8, -7, -6, -5, -4]);
    expect(series.lesion[2]).toBeCloseTo(260 * 0.4, 9);
    expect(series.reference[2]).toBeCloseTo(260, 9);
    expect(series.threshold[2]).toBeCloseTo(260 * 0.65, 9);
    expect(series.lowest).toEqual({ x: -6, y: series.lesion[2] });
    expect(plotAxes(series).y.min).toBe(0);
  });
});
