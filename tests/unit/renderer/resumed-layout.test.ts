import { describe, expect, it } from 'vitest';
import { fitResumedLayout } from '../../../renderer/src/features/viewer/resumed-layout';
import type { ReadingLayout } from '../../../renderer/src/services/viewer/layout-resume';

const plane = (viewportId: string, seriesUid: string) => ({ viewportId, seriesUid, point: [1, 2, 3] as [number, number, number], display: { window: { width: 400, center: 40 }, invert: false } });
const reformatOfB: ReadingLayout = {
  layout: 'mpr',
  slots: ['A', 'B', null, null],
  mprSeries: 'B',
  beforeMpr: { layout: '1x2', slot: 1 },
  activeViewportId: 'mpr-sagittal',
  planes: [plane('mpr-axial', 'B'), plane('mpr-sagittal', 'B'), plane('mpr-coronal', 'A')],
};
const study = (...uids: string[]) => new Set(uids);

describe('a layout kept for a reload, fitted to the study as it is now', () => {
  it('keeps a reformat still offered, with the planes of its series only', () => {
    const fitted = fitResumedLayout(reformatOfB, { seriesUids: study('A', 'B'), linkSeriesUid: 'A', reformat: { available: true } });
    expect(fitted.layout).toBe('mpr');
    expect(fitted.activeViewportId).toBe('mpr-sagittal');
    expect(fitted.planes.map((p) => p.viewportId)).toEqual(['mpr-axial', 'mpr-sagittal']);
  });

  it('gives a reformat no longer offered back to the stacks it was opened from, led by its viewport', () => {
    const fitted = fitResumedLayout(reformatOfB, { seriesUids: study('A', 'B'), linkSeriesUid: 'A', reformat: { available: false, reason: 'gantry tilt' } });
    expect(fitted).toMatchObject({ layout: '1x2', slots: ['A', 'B', null, null], mprSeries: null, activeViewportId: 'vp-1', planes: [] });
    // Unknown availability (it could not be told) is no reformat either.
    expect(fitResumedLayout(reformatOfB, { seriesUids: study('A', 'B'), linkSeriesUid: 'A', reformat: null }).layout).toBe('1x2');
  });

  it('empties the viewport of a series gone; the first one shows the link\'s series', () => {
    const fitted = fitResumedLayout(reformatOfB, { seriesUids: study('C'), linkSeriesUid: 'C', reformat: { available: true } });
    expect(fitted).toMatchObject({ layout: '1x2', slots: ['C', null, null, null], mprSeries: null, activeViewportId: null });
  });

  it('keeps the active viewport only where the layout shows it', () => {
    const twoByTwo: ReadingLayout = { ...reformatOfB, layout: '2x2', mprSeries: null, slots: ['A', 'B', 'C', 'D'], activeViewportId: 'vp-3', planes: [] };
    expect(fitResumedLayout(twoByTwo, { seriesUids: study('A', 'B', 'C', 'D'), linkSeriesUid: 'A', reformat: null }).activeViewportId).toBe('vp-3');
    expect(fitResumedLayout(twoByTwo, { seriesUids: study('A', 'B', 'C'), linkSeriesUid: 'A', reformat: null })).toMatchObject({ slots: ['A', 'B', 'C', null], activeViewportId: null });
    expect(fitResumedLayout({ ...twoByTwo, layout: '1x2' }, { seriesUids: study('A', 'B', 'C', 'D'), linkSeriesUid: 'A', reformat: null }).activeViewportId).toBeNull();
  });
});
