import { formatTable, median, type BenchFigure } from './bench-support';
import { fps, type ViewerRun } from './viewer-run';

/** One benchmarked series: its size and what its runs measured. */
export interface ViewerCase {
  size: number;
  slices: number;
  runs: ViewerRun[];
  scrollCount: number;
  cachedCount: number;
  /** The renderer's memory limit the browser ran under (`--js-flags=--max-old-space-size`), MB. */
  limitMb: number;
}

/** The targets of the viewer's speed and memory (issue 14), on this machine, median of runs. */
export const TARGETS = {
  firstImageOverFloor: 2,
  sagittalMs: 1000,
  scrollOpenedFps: 30,
  scrollCachedFps: 50,
  memoryOverRaw: 3,
} as const;

const mb = (bytes: number) => bytes / 1e6;
const verdict = (met: boolean) => (met ? 'met' : 'NOT met');

/** The medians a case's table, summary and the combined table are made of. */
export function caseMedians(c: ViewerCase) {
  const of = (pick: (r: ViewerRun) => number) => median(c.runs.map(pick));
  const raw = c.size * c.size * c.slices * 2;
  return {
    raw,
    first: of((r) => r.firstImageMs),
    fromBrowser: of((r) => r.fromBrowserMs),
    reopened: of((r) => r.reopenedMs),
    floor: of((r) => r.floor.drawnMs),
    sagittal: of((r) => r.sagittalMs),
    scrollOpened: of((r) => fps(r.scrollOpened)),
    scrollCached: of((r) => fps(r.scrollCached)),
    renderer: of((r) => r.rendererPeak),
    gpu: of((r) => r.gpuPeak),
    together: of((r) => r.rendererPeak + r.gpuPeak),
    empty: of((r) => r.emptyRenderer + r.emptyGpu),
    worstRenderer: Math.max(...c.runs.map((r) => r.rendererPeak)),
  };
}

/**
 * Prints one case: every figure with its runs, what it is measured against and its target, then
 * the summary lines kept from the first version of this benchmark (so that runs compare).
 * @param c - the case
 * @param title - the table's heading
 */
export function printCase(c: ViewerCase, title: string): void {
  const m = caseMedians(c);
  const each = (pick: (r: ViewerRun) => number, digits = 0) => c.runs.map((r) => pick(r).toFixed(digits)).join(' / ');
  const rawMb = mb(m.raw).toFixed(0);
  const overRaw = (bytes: number) => `raw ${rawMb} MB: ${(bytes / m.raw).toFixed(2)}x`;
  console.log(`\n${title}: phantom CT ${c.size}x${c.size}x${c.slices} (raw ${rawMb} MB), ${c.runs.length} runs, each in a browser of its own, renderer limit ${c.limitMb} MB\n`);
  console.log(
    formatTable(
      ['measure', 'median', 'runs', 'against', 'target'],
      [
        ['first image: deep link to rendered (ms)', m.first.toFixed(0), each((r) => r.firstImageMs), `floor: ${(m.first / m.floor).toFixed(1)}x`, `<= ${TARGETS.firstImageOverFloor}x: ${verdict(m.first <= TARGETS.firstImageOverFloor * m.floor)}`],
        ['first image: from the study browser (ms)', m.fromBrowser.toFixed(0), each((r) => r.fromBrowserMs), `floor: ${(m.fromBrowser / m.floor).toFixed(1)}x`, `<= ${TARGETS.firstImageOverFloor}x: ${verdict(m.fromBrowser <= TARGETS.firstImageOverFloor * m.floor)}`],
        ['first image: deep link, app opened before (ms)', m.reopened.toFixed(0), each((r) => r.reopenedMs), `floor: ${(m.reopened / m.floor).toFixed(1)}x`, `<= ${TARGETS.firstImageOverFloor}x: ${verdict(m.reopened <= TARGETS.firstImageOverFloor * m.floor)}`],
        ['floor: bare page fetch + decode + draw (ms)', m.floor.toFixed(0), each((r) => r.floor.drawnMs), `fetch ${median(c.runs.map((r) => r.floor.fetchMs)).toFixed(0)} / decode+draw ${median(c.runs.map((r) => r.floor.decodeMs)).toFixed(0)}`, ''],
        ['sagittal reformat: M to rendered (ms)', m.sagittal.toFixed(0), each((r) => r.sagittalMs), `floor: ${(m.sagittal / m.floor).toFixed(1)}x`, `< ${TARGETS.sagittalMs} ms: ${verdict(m.sagittal < TARGETS.sagittalMs)}`],
        [`scroll ${c.scrollCount} slices just opened (fps)`, m.scrollOpened.toFixed(1), each((r) => fps(r.scrollOpened), 1), `${(1000 / m.scrollOpened).toFixed(0)} ms a slice`, `>= ${TARGETS.scrollOpenedFps}: ${verdict(m.scrollOpened >= TARGETS.scrollOpenedFps)}`],
        [`scroll back over ${c.cachedCount} of them, cached (fps)`, m.scrollCached.toFixed(1), each((r) => fps(r.scrollCached), 1), `${(1000 / m.scrollCached).toFixed(0)} ms a slice`, `>= ${TARGETS.scrollCachedFps}: ${verdict(m.scrollCached >= TARGETS.scrollCachedFps)}`],
        ['peak renderer memory, VmHWM (MB)', mb(m.renderer).toFixed(0), each((r) => mb(r.rendererPeak)), overRaw(m.renderer), `<= ${c.limitMb} MB: ${verdict(m.worstRenderer <= c.limitMb * 1e6)}`],
        ['GPU process peak, VmHWM (MB)', mb(m.gpu).toFixed(0), each((r) => mb(r.gpuPeak)), overRaw(m.gpu), ''],
        ['renderer + GPU process peaks (MB)', mb(m.together).toFixed(0), each((r) => mb(r.rendererPeak + r.gpuPeak)), overRaw(m.together), `<= ${TARGETS.memoryOverRaw}x: ${verdict(m.together <= TARGETS.memoryOverRaw * m.raw)}`],
        ['floor: the same, app open, no series (MB)', mb(m.empty).toFixed(0), each((r) => mb(r.emptyRenderer + r.emptyGpu)), `${overRaw(m.empty)}; the series adds ${((m.together - m.empty) / m.raw).toFixed(2)}x`, ''],
      ],
    ),
  );
  console.log('');
  console.log(`first image / floor:            ${(m.first / m.floor).toFixed(1)}x (from the study browser: ${(m.fromBrowser / m.floor).toFixed(1)}x; deep link, app opened before: ${(m.reopened / m.floor).toFixed(1)}x)`);
  console.log(`peak renderer / raw volume:     ${(m.renderer / m.raw).toFixed(2)}x (${mb(m.renderer).toFixed(0)} MB / ${rawMb} MB)`);
  console.log(`GPU process peak (SwiftShader's textures live there), median of runs: ${mb(m.gpu).toFixed(0)} MB, ${(m.gpu / m.raw).toFixed(2)}x the raw volume`);
  console.log(`renderer + GPU process peaks:   ${(m.together / m.raw).toFixed(2)}x the raw volume (${mb(m.together).toFixed(0)} MB / ${rawMb} MB)`);
  const stepNames = [...new Set(c.runs.flatMap((r) => Object.keys(r.steps)))].sort((a, b) => median(c.runs.map((r) => r.steps[a] ?? 0)) - median(c.runs.map((r) => r.steps[b] ?? 0)));
  const stepTimes = stepNames.map((step) => `${step} ${median(c.runs.map((r) => r.steps[step] ?? NaN)).toFixed(0)}`);
  console.log(`first image by deep link, step by step (ms since navigation, medians): ${[...stepTimes, `rendered ${m.first.toFixed(0)}`].join(', ')}`);
  const frames = (pick: (r: ViewerRun) => number) => [...new Set(c.runs.map(pick))].join(', ');
  console.log(`frames drawn per scroll: ${frames((r) => r.scrollOpened.renders)} over ${c.scrollCount} slices, ${frames((r) => r.scrollCached.renders)} over ${c.cachedCount} cached`);
}

/**
 * The case's rows for `npm run bench`'s combined table.
 * @param c - the case
 */
export function caseFigures(c: ViewerCase): BenchFigure[] {
  const m = caseMedians(c);
  const name = `${c.size}x${c.size}x${c.slices} CT`;
  const raw = `raw ${mb(m.raw).toFixed(0)} MB`;
  return [
    { area: 'viewer', measure: `first image, ${name}`, value: `${m.first.toFixed(0)} ms`, against: `floor ${m.floor.toFixed(0)} ms: ${(m.first / m.floor).toFixed(1)}x` },
    { area: 'viewer', measure: `first image from the study browser, ${name}`, value: `${m.fromBrowser.toFixed(0)} ms`, against: `floor: ${(m.fromBrowser / m.floor).toFixed(1)}x` },
    { area: 'viewer', measure: `first image by deep link, app opened before, ${name}`, value: `${m.reopened.toFixed(0)} ms`, against: `floor: ${(m.reopened / m.floor).toFixed(1)}x` },
    { area: 'viewer', measure: `sagittal reformat rendered, ${name}`, value: `${m.sagittal.toFixed(0)} ms`, against: 'from the M key' },
    { area: 'viewer', measure: `scroll ${c.scrollCount} slices just opened, ${name}`, value: `${m.scrollOpened.toFixed(1)} fps`, against: `back over ${c.cachedCount} cached: ${m.scrollCached.toFixed(1)} fps` },
    { area: 'viewer', measure: `peak renderer + GPU process memory, ${name}`, value: `${mb(m.together).toFixed(0)} MB`, against: `${raw}: ${(m.together / m.raw).toFixed(2)}x (renderer ${mb(m.renderer).toFixed(0)}, GPU ${mb(m.gpu).toFixed(0)})` },
  ];
}
