import { describe, expect, it } from 'vitest';
import { ReadingPositions } from '../../../renderer/src/services/viewer/reading-positions';
import { readingToResume, resumeReading } from '../../../renderer/src/services/viewer/session-resume';

const display = { window: { width: 400, center: 40 }, invert: false };

describe('a viewer page resumed after a reload of its tab', () => {
  it('keeps each shown stack\'s place, the tool and the lesion, and drops viewports with nothing shown', () => {
    const kept = readingToResume('#/viewer/s1', 'Length', 'lesion-1', [
      { viewportId: 'vp-0', seriesUid: '1.2.3', position: { index: 4, display } },
      { viewportId: 'vp-1', seriesUid: '1.2.4', position: null },
    ]);
    expect(kept).toEqual({ hash: '#/viewer/s1', tool: 'Length', lesionId: 'lesion-1', stacks: [{ viewportId: 'vp-0', seriesUid: '1.2.3', index: 4, display }] });
  });

  it('puts the slices back as series left, takes the tool up again but never the crosshairs', () => {
    const positions = new ReadingPositions();
    const resumed = readingToResume('#/viewer/s1', 'Length', 'lesion-1', [{ viewportId: 'vp-0', seriesUid: '1.2.3', position: { index: 4, display } }]);
    expect(resumeReading(resumed, positions)).toEqual({ tool: 'Length', lesionId: 'lesion-1' });
    expect(positions.initialSlice('vp-0', '1.2.3')).toBe(4);
    expect(resumeReading({ ...resumed, tool: 'Crosshairs' }, new ReadingPositions()).tool).toBeNull();
    expect(resumeReading({ ...resumed, tool: 'NoSuchTool' }, new ReadingPositions()).tool).toBeNull();
  });
});
