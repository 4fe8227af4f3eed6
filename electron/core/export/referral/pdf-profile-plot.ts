import { rgb, type PDFPage, type RGB } from 'pdf-lib';
import type { BoneAnalysisSummary } from '@shared/analysis/bone-analysis-summary';
import { PLOT_QUANTITIES, PLOT_TEXT, plotAxes, profileSeries, referenceLabel, tickLabel, type PlotAxis, type ProfileSeries } from '@shared/analysis/rigidity-plot';
import type { PacketFonts } from './pdf-fonts';
import type { PageFlow } from './pdf-layout';
import { LINE_STYLES, MUTED, RULE } from './pdf-styles';
import { drawRows, setText } from './pdf-text';

// The rigidity profile drawn as vector paths in the referral packet, from the same series, axes and
// ticks as the lesion panel's chart (shared/analysis/rigidity-plot.ts): one small plot per rigidity,
// lesion side against the reference, with the flag line and the destroyed region shaded.

/** Line colours: the lesion side stands out; the reference and the flag line recede. */
export const PLOT_COLOURS: Readonly<Record<'lesion' | 'reference' | 'threshold' | 'involved', RGB>> = {
  lesion: rgb(0.8, 0.1, 0.1),
  reference: rgb(0.1, 0.3, 0.75),
  threshold: rgb(0.55, 0.55, 0.55),
  involved: rgb(1, 0.88, 0.85),
};

const PLOT_HEIGHT = 118;
const LEFT_GUTTER = 46;
const BOTTOM_GUTTER = 24;
const TOP_GUTTER = 16;
const GAP = 8;

interface Frame {
  left: number;
  bottom: number;
  width: number;
  height: number;
  x: PlotAxis;
  y: PlotAxis;
}

const toX = (f: Frame, v: number) => f.left + ((v - f.x.min) / (f.x.max - f.x.min)) * f.width;
const toY = (f: Frame, v: number) => f.bottom + ((v - f.y.min) / (f.y.max - f.y.min)) * f.height;

/** A line through the points that have a value, broken where one has none, as one SVG path (y down from `top`). */
function pathOf(frame: Frame, top: number, xs: readonly number[], ys: readonly (number | null)[]): string {
  let d = '';
  let pen = false;
  xs.forEach((x, i) => {
    const y = ys[i];
    if (y === null || y === undefined) {
      pen = false;
      return;
    }
    d += `${pen ? 'L' : 'M'}${toX(frame, x).toFixed(2)} ${(top - toY(frame, y)).toFixed(2)} `;
    pen = true;
  });
  return d.trim();
}

function drawSeries(page: PDFPage, frame: Frame, top: number, xs: readonly number[], ys: readonly (number | null)[], colour: RGB, width: number, dash?: number[]): void {
  const path = pathOf(frame, top, xs, ys);
  if (path) page.drawSvgPath(path, { x: 0, y: top, borderColor: colour, borderWidth: width, ...(dash ? { borderDashArray: dash } : {}) });
}

function small(fonts: PacketFonts, text: string, width = 200) {
  return setText(fonts, LINE_STYLES.small, text, width);
}

/** One plot: frame, ticks with labels, shaded destroyed region, flag line, reference and lesion lines, lowest point. */
function drawPlot(page: PDFPage, fonts: PacketFonts, series: ProfileSeries, left: number, top: number, width: number): void {
  const axes = plotAxes(series);
  const frame: Frame = { left: left + LEFT_GUTTER, bottom: top - PLOT_HEIGHT + BOTTOM_GUTTER, width: width - LEFT_GUTTER - 4, height: PLOT_HEIGHT - BOTTOM_GUTTER - TOP_GUTTER, ...axes };
  drawRows(page, setText(fonts, LINE_STYLES.emphasis, series.yLabel, width), left, top);
  if (series.involved) {
    const [a, b] = series.involved;
    page.drawRectangle({ x: toX(frame, a), y: frame.bottom, width: Math.max(0.5, toX(frame, b) - toX(frame, a)), height: frame.height, color: PLOT_COLOURS.involved });
  }
  for (const t of axes.y.ticks) {
    const y = toY(frame, t);
    page.drawLine({ start: { x: frame.left, y }, end: { x: frame.left + frame.width, y }, thickness: 0.3, color: RULE });
    const label = small(fonts, tickLabel(t, axes.y), LEFT_GUTTER);
    drawRows(page, label, frame.left - label.width - 3, y + LINE_STYLES.small.size / 2, MUTED);
  }
  for (const t of axes.x.ticks) {
    const x = toX(frame, t);
    page.drawLine({ start: { x, y: frame.bottom }, end: { x, y: frame.bottom - 3 }, thickness: 0.5, color: MUTED });
    const label = small(fonts, tickLabel(t, axes.x), 40);
    drawRows(page, label, x - label.width / 2, frame.bottom - 4, MUTED);
  }
  page.drawRectangle({ x: frame.left, y: frame.bottom, width: frame.width, height: frame.height, borderColor: MUTED, borderWidth: 0.6 });
  drawSeries(page, frame, top, series.x, series.threshold, PLOT_COLOURS.threshold, 0.8, [3, 2]);
  drawSeries(page, frame, top, series.x, series.reference, PLOT_COLOURS.reference, 1.1);
  drawSeries(page, frame, top, series.x, series.lesion, PLOT_COLOURS.lesion, 1.6);
  if (series.lowest) page.drawCircle({ x: toX(frame, series.lowest.x), y: toY(frame, series.lowest.y), size: 2.6, borderColor: PLOT_COLOURS.lesion, borderWidth: 1 });
}

/** The legend: each line's colour and what it is. */
function drawLegend(page: PDFPage, fonts: PacketFonts, summary: BoneAnalysisSummary, left: number, top: number): void {
  const entries: [RGB, string][] = [
    [PLOT_COLOURS.lesion, PLOT_TEXT.lesion],
    [PLOT_COLOURS.reference, referenceLabel(summary)],
    [PLOT_COLOURS.threshold, `${PLOT_TEXT.threshold} (${summary.rigidity.constants.flagAtOrBelowRatio})`],
    [PLOT_COLOURS.involved, PLOT_TEXT.involved],
  ];
  let x = left;
  for (const [colour, text] of entries) {
    page.drawRectangle({ x, y: top - 7, width: 12, height: 5, color: colour });
    const label = small(fonts, text);
    drawRows(page, label, x + 15, top, MUTED);
    x += 15 + label.width + 12;
  }
}

/** The height the profile takes: title, legend, three plots and the axis label. */
export function profilePlotsHeight(): number {
  return LINE_STYLES.subheading.lineHeight + 12 + PLOT_QUANTITIES.length * (PLOT_HEIGHT + GAP) + LINE_STYLES.small.lineHeight;
}

/**
 * Draws the rigidity profile of an accepted bone analysis at the flow's cursor, kept on one page.
 * @param summary - the lesion's accepted bone analysis
 */
export function drawProfilePlots(flow: PageFlow, fonts: PacketFonts, summary: BoneAnalysisSummary): void {
  flow.space(6);
  const { page, top } = flow.reserve(profilePlotsHeight());
  const title = setText(fonts, LINE_STYLES.subheading, PLOT_TEXT.title, flow.contentWidth);
  drawRows(page, title, flow.left, top);
  let y = top - LINE_STYLES.subheading.lineHeight;
  drawLegend(page, fonts, summary, flow.left, y);
  y -= 12;
  for (const { key } of PLOT_QUANTITIES) {
    drawPlot(page, fonts, profileSeries(summary, key), flow.left, y, flow.contentWidth);
    y -= PLOT_HEIGHT + GAP;
  }
  drawRows(page, small(fonts, PLOT_TEXT.xLabel, flow.contentWidth), flow.left + LEFT_GUTTER, y + GAP, MUTED);
}
