import { useEffect, useRef, useState } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { BoneAnalysisSummary } from '@shared/analysis/bone-analysis-summary';
import { PLOT_QUANTITIES, PLOT_TEXT, plotAxes, profileSeries, referenceLabel, tickLabel, type PlotAxis, type RigidityQuantity } from '@shared/analysis/rigidity-plot';

const COLOURS = { lesion: 'rgb(220, 40, 40)', reference: 'rgb(80, 140, 255)', threshold: 'rgb(150, 150, 150)', involved: 'rgba(255, 120, 100, 0.18)' } as const;

/** uPlot's axis from a shared axis: the same ticks and labels the referral packet draws. */
function axis(label: string, shared: PlotAxis): uPlot.Axis {
  return {
    label,
    stroke: '#bbb',
    grid: { stroke: 'rgba(255, 255, 255, 0.08)' },
    ticks: { stroke: '#666' },
    splits: () => shared.ticks,
    values: (_u, splits) => splits.map((v) => tickLabel(v, shared)),
    size: 40,
  };
}

/**
 * The rigidity profile of an accepted bone analysis (experimental) along the bone: the lesion side
 * against the reference at the same level, the flag line and the destroyed region, one rigidity at a
 * time (the one whose ratio is lowest first). Drawn with uPlot from the series and axes the referral
 * packet draws too (shared/analysis/rigidity-plot.ts).
 */
export function RigidityProfile({ analysis }: { analysis: BoneAnalysisSummary }) {
  const [quantity, setQuantity] = useState<RigidityQuantity>(analysis.rigidity.at?.governing ?? 'eiMin');
  const holder = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = holder.current;
    if (!element) return;
    const series = profileSeries(analysis, quantity);
    const axes = plotAxes(series);
    const options: uPlot.Options = {
      width: Math.max(220, element.clientWidth || 300),
      height: 170,
      legend: { show: true, live: false },
      cursor: { show: false },
      scales: { x: { time: false, range: [axes.x.min, axes.x.max] }, y: { range: [axes.y.min, axes.y.max] } },
      axes: [axis(PLOT_TEXT.xLabel, axes.x), axis(series.yLabel, axes.y)],
      series: [
        {},
        { label: PLOT_TEXT.lesion, stroke: COLOURS.lesion, width: 2, points: { show: false } },
        { label: referenceLabel(analysis), stroke: COLOURS.reference, width: 1.5, points: { show: false } },
        { label: `${PLOT_TEXT.threshold} (${analysis.rigidity.constants.flagAtOrBelowRatio})`, stroke: COLOURS.threshold, width: 1, dash: [4, 3], points: { show: false } },
      ],
      hooks: {
        // The destroyed region, shaded behind the lines.
        drawClear: [
          (u) => {
            if (!series.involved) return;
            const [a, b] = series.involved.map((v) => u.valToPos(v, 'x', true));
            u.ctx.save();
            u.ctx.fillStyle = COLOURS.involved;
            u.ctx.fillRect(a!, u.bbox.top, Math.max(1, b! - a!), u.bbox.height);
            u.ctx.restore();
          },
        ],
      },
    };
    const plot = new uPlot(options, [series.x, series.lesion, series.reference, series.threshold], element);
    return () => plot.destroy();
  }, [analysis, quantity]);
  return (
    <section className="rigidity-profile" aria-label={PLOT_TEXT.title} data-testid="rigidity-profile" data-quantity={quantity}>
      <h3 className="section-title">{PLOT_TEXT.title}</h3>
      <div className="form-row" role="group" aria-label="Rigidity shown">
        {PLOT_QUANTITIES.map((q) => (
          <button key={q.key} type="button" className={q.key === quantity ? 'on' : undefined} aria-pressed={q.key === quantity} onClick={() => setQuantity(q.key)} data-testid={`profile-${q.key}`}>
            {q.title.split(' ').at(-1)}
          </button>
        ))}
      </div>
      <div ref={holder} />
    </section>
  );
}
