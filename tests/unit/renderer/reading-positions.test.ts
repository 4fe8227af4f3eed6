import { describe, expect, it } from 'vitest';
import { ReadingPositions } from '../../../renderer/src/services/viewer/reading-positions';

const bone = { window: { width: 2000, center: 500 }, invert: false };
const lung = { window: { width: 1500, center: -600 }, invert: false };

describe('where a series opens again in a viewer page', () => {
  it('a stack left for another series opens again on its slice with the window it was left with', () => {
    const positions = new ReadingPositions();
    positions.leftAt('vp-0', 'A', 11, bone);
    expect(positions.initialSlice('vp-0', 'A')).toBe(11);
    expect(positions.displayFor('vp-0', 'A')).toEqual(bone);
    // Another viewport never showed it: it opens as the file says.
    expect(positions.displayFor('vp-1', 'A')).toBeUndefined();
  });

  it('the later of the reformat carry and the stack left decides', () => {
    const positions = new ReadingPositions();
    positions.leftAt('vp-0', 'A', 11, bone);
    positions.carry('A', { ...lung, point: null, sliceIndex: 30 });
    expect(positions.displayFor('vp-0', 'A')).toMatchObject(lung);
    expect(positions.initialSlice('vp-0', 'A')).toBe(30);
    positions.leftAt('vp-0', 'A', 12, bone);
    expect(positions.displayFor('vp-0', 'A')).toEqual(bone);
    expect(positions.initialSlice('vp-0', 'A')).toBe(12);
  });

  it('a stack left before its first image keeps no window', () => {
    const positions = new ReadingPositions();
    positions.leftAt('vp-0', 'A', 0, null);
    expect(positions.displayFor('vp-0', 'A')).toBeUndefined();
  });

  it('lists every series each stack viewport left, the oldest first, for a reload to keep', () => {
    const positions = new ReadingPositions();
    positions.leftAt('vp-1', 'B', 7, lung);
    positions.leftAt('vp-0', 'A', 4, bone);
    positions.leftAt('vp-1', 'B', 9, bone); // left again later: its newer place, now the latest
    expect(positions.leftSlices()).toEqual([
      { viewportId: 'vp-0', seriesUid: 'A', index: 4, display: bone },
      { viewportId: 'vp-1', seriesUid: 'B', index: 9, display: bone },
    ]);
  });
});
