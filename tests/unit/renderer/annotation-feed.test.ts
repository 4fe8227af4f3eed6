import { describe, expect, it } from 'vitest';
import type { Types } from '@cornerstonejs/tools';
import { snapshot, statsOf, type ImageReference } from '../../../renderer/src/services/viewer/annotation-snapshot';
import { changeOnEvent, type SeenState, type ToolEvent } from '../../../renderer/src/services/viewer/feed-changes';

// The feed's logic on Cornerstone's annotation data: plain objects of the shape Cornerstone 5.x
// keeps in its annotation state (annotation.data.handles, .contour, .cachedStats; annotation.metadata).

const IMAGE_ID = 'wadouri:/instances/42';
const resolve = (imageId: string): ImageReference | null => (imageId === IMAGE_ID ? { seriesInstanceUid: '1.2.3', sopInstanceUid: '1.2.3.42', frame: null } : null);

function annotation(data: Record<string, unknown>, metadata: Record<string, unknown> = {}): Types.Annotation {
  return {
    annotationUID: 'uid-1',
    metadata: { toolName: 'Length', FrameOfReferenceUID: '1.2.9', referencedImageId: IMAGE_ID, viewPlaneNormal: [0, 0, 1], viewUp: [0, -1, 0], ...metadata },
    data,
  } as unknown as Types.Annotation;
}

describe('the feed\'s snapshot of a live annotation', () => {
  it('keeps the handles as world points and names the image by its DICOM UIDs, never its image id', () => {
    const snap = snapshot(annotation({ handles: { points: [[1, 2, 3], [4, 6, 3]] }, cachedStats: { [`imageId:${IMAGE_ID}`]: { length: 5, unit: 'mm' } } }), resolve);
    expect(snap).toEqual({
      annotationUid: 'uid-1',
      toolName: 'Length',
      frameOfReferenceUid: '1.2.9',
      image: { seriesInstanceUid: '1.2.3', sopInstanceUid: '1.2.3.42', frame: null },
      viewPlaneNormal: [0, 0, 1],
      viewUp: [0, -1, 0],
      points: [[1, 2, 3], [4, 6, 3]],
      stats: { length: 5, unit: 'mm' },
      text: null,
    });
  });

  it('takes a freehand contour\'s polyline rather than its few handles, and copies the points', () => {
    const polyline = [[0, 0, 5], [10, 0, 5], [10, 10, 5], [0, 10, 5]];
    const snap = snapshot(annotation({ handles: { points: [[0, 0, 5]] }, contour: { polyline } }, { toolName: 'PlanarFreehandROI' }), resolve);
    expect(snap.points).toEqual(polyline);
    polyline[0]![0] = 99;
    expect(snap.points[0]).toEqual([0, 0, 5]);
  });

  it('has no image for a drawing on a reformat (no referenced image id), and keeps its plane', () => {
    const snap = snapshot(annotation({ handles: { points: [[1, 1, 1]] } }, { referencedImageId: undefined, viewPlaneNormal: [1, 0, 0], viewUp: [0, 0, 1] }), resolve);
    expect(snap.image).toBeNull();
    expect(snap).toMatchObject({ viewPlaneNormal: [1, 0, 0], viewUp: [0, 0, 1], frameOfReferenceUid: '1.2.9' });
  });

  it('reads an arrow\'s words from data.label (5.x), older tools\' from data.text', () => {
    expect(snapshot(annotation({ handles: { points: [[0, 0, 0]] }, label: 'lytic focus', text: 'old' }, { toolName: 'ArrowAnnotate' }), resolve).text).toBe('lytic focus');
    expect(snapshot(annotation({ handles: { points: [[0, 0, 0]] }, text: 'old words' }, { toolName: 'ArrowAnnotate' }), resolve).text).toBe('old words');
  });

  it('takes the stats entry that holds numbers, passing over one Cornerstone listed with nulls first', () => {
    const cachedStats = { 'volumeId:x': { mean: null, area: null }, 'imageId:y': { mean: 412.5, area: 31.2, areaUnit: 'mm²', pointsInShape: { length: 3 } } };
    expect(statsOf(annotation({ cachedStats }))).toEqual({ mean: 412.5, area: 31.2, areaUnit: 'mm²' });
    expect(statsOf(annotation({}))).toEqual({});
  });
});

describe('which tools event is a change for the app', () => {
  const NEW: SeenState = { known: false, removed: false };
  const KNOWN: SeenState = { known: true, removed: false };
  const REMOVED: SeenState = { known: false, removed: true };
  const cases: [ToolEvent, SeenState, string | null][] = [
    // Drawing: the events before completion are no change; completion adds it.
    ['modified', NEW, null],
    ['added', NEW, null],
    ['completed', NEW, 'added'],
    // Editing a drawing the app has: a handle dragged, a drag completed again.
    ['modified', KNOWN, 'modified'],
    ['completed', KNOWN, 'modified'],
    ['removed', KNOWN, 'removed'],
    // Removed: only an undo that adds it back counts; a stray modify or remove does not.
    ['added', REMOVED, 'added'],
    ['modified', REMOVED, null],
    ['removed', REMOVED, null],
    ['removed', NEW, null],
  ];
  it.each(cases)('%s of an annotation %o is %s', (event, seen, kind) => {
    expect(changeOnEvent(event, seen)).toBe(kind);
  });
});
