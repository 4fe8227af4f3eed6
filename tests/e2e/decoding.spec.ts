import type { StoredRange } from '../../renderer/src/services/viewer/stored-range';
import { DicomCorpus, pixelRows } from './fixtures/dicom-corpus';
import { expect, test as base } from './fixtures/host';
import { settledStatus, sliceOfInstance, viewerHash, viewportLocator } from './fixtures/viewer';

/**
 * Every pixel-bearing file of ../shared/dicom/manifest.csv, opened in the viewer by deep link in
 * Chromium: it renders, and for lossless transfer syntaxes Cornerstone's decoded stored values
 * span exactly the manifest's `stored_value_range` (GDCM's), or the range another decoder gives
 * where that column does not apply (palette colour after its lookup table, signed JPEG-LS in
 * BitsStored bits, HTJ2K). Files that cannot be shown must say so in the viewport.
 */

/** Lossy syntaxes: they only have to render (their decoded values legitimately differ). */
const LOSSY = new Set([
  '1.2.840.10008.1.2.4.50', // JPEG baseline
  '1.2.840.10008.1.2.4.51', // JPEG extended
  '1.2.840.10008.1.2.4.53', // JPEG extended, processes 6 & 8 (retired, DCT)
  '1.2.840.10008.1.2.4.55', // JPEG full progression (retired, DCT)
  '1.2.840.10008.1.2.4.81', // JPEG-LS near-lossless
  '1.2.840.10008.1.2.4.91', // JPEG 2000 (lossy allowed)
]);

/** The files the viewer cannot show, each with the reason its viewport must give. */
const CANNOT_SHOW: Record<string, RegExp> = {
  // Rows and Columns but no Pixel Data element at all (a character-set test file).
  'pydicom/charset_files/chrJapMulti.dcm': /no instance of this series holds an image/i,
  // Pixel Data cut short: the parser stops at the end of the file.
  'pydicom/MR_truncated.dcm': /The file ends before its data does \(truncated or damaged\): .*buffer overrun/,
};

/** Files shown only in part, and why the full-range comparison does not apply. */
const SHOWN_IN_PART: Record<string, string> = {
  // NumberOfFrames is "1A" (not a number): the index reads one frame, so the first frame of the
  // dose grid is shown, whose values lie within the range of all frames.
  'pydicom/badVR.dcm': 'first frame only',
};

const test = base.extend<object, { corpus: DicomCorpus }>({
  corpus: [
    async ({ browser }, use) => {
      const corpus = await DicomCorpus.open(browser);
      await use(corpus);
      await corpus.close();
    },
    { scope: 'worker', timeout: 120_000 },
  ],
});

// One worker walks the whole set in order, reusing its hosts and pages (hash navigation only).
test.describe.configure({ mode: 'default' });
// These tests read state, and a failure names the file and the viewport's own reason; a trace of
// ten long-lived pages per test would cost more than the tests themselves.
test.use({ trace: 'off', screenshot: 'off' });

function parseRange(text: string): { min: number; max: number } | null {
  const match = /^(-?\d+)\.\.(-?\d+)$/.exec(text.trim());
  return match ? { min: Number(match[1]), max: Number(match[2]) } : null;
}

for (const row of pixelRows()) {
  test(`decodes ${row.path} (${(row as unknown as Record<string, string>).transfer_syntax_name || 'no File Meta'})`, async ({ corpus }) => {
    const facts = corpus.facts[row.path]!;
    const located = await corpus.locate(row.path);
    expect(located, `${row.path} was indexed by the CLI import`).not.toBeNull();
    const { page, studyUid, seriesUid, instance, instances } = located!;
    const showsImage = instance.hasPixelData;
    const slice = showsImage ? sliceOfInstance(instances, instance.id) : undefined;
    await page.evaluate((hash) => (window.location.hash = hash), viewerHash(studyUid, seriesUid, slice));
    const viewport = viewportLocator(page, { seriesUid, slice });
    const status = await settledStatus(viewport);

    const reason = CANNOT_SHOW[row.path];
    if (reason) {
      expect(status).toBe('error');
      await expect(viewport).toHaveAttribute('data-viewport-error', reason);
      await expect(page.getByTestId('viewport-error')).toContainText(reason);
      return;
    }
    expect(status, (await viewport.getAttribute('data-viewport-error')) ?? '').toBe('rendered');
    // The viewport shows this very file: its SOP Instance UID, first frame.
    const shown = await page.evaluate(() => window.__bonemetViewer!.currentImage('vp-0'));
    expect(shown?.sopInstanceUid).toBe(facts.sop);
    expect(shown?.frame ?? 1).toBe(1);
    if (LOSSY.has(row.transfer_syntax)) return;

    const decoded: StoredRange = await page.evaluate(() => window.__bonemetViewer!.storedRange('vp-0'));
    expect(decoded.frames).toBe(Math.max(1, instance.frames ?? 1));
    const expected = facts.expected ?? parseRange(row.stored_value_range);
    expect(expected, `an expected range for ${row.path}`).not.toBeNull();
    if (SHOWN_IN_PART[row.path]) {
      expect(decoded.min).toBeGreaterThanOrEqual(expected!.min);
      expect(decoded.max).toBeLessThanOrEqual(expected!.max);
      return;
    }
    expect(`${decoded.min}..${decoded.max}`).toBe(`${expected!.min}..${expected!.max}`);
    if (facts.expected) expect(decoded.sum, `sum of stored samples vs ${facts.expected.source}`).toBe(facts.expected.sum);
  });
}
