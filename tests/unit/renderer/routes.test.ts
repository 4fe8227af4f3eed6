import { describe, expect, it } from 'vitest';
import { defaultViewHref, lesionHref, parseRoute, studiesHref, viewerHref, worklistHref } from '../../../renderer/src/app/routes';

const LESION_ID = '3f0e6a52-0a8b-4a55-9a43-1c2b7b0f9d11';

describe('hash routes', () => {
  it('reads an empty hash as no explicit choice, and the study browser and worklist by name', () => {
    for (const hash of ['', '#', '#/']) expect(parseRoute(hash)).toEqual({ name: 'home' });
    expect(parseRoute(studiesHref)).toEqual({ name: 'studies' });
    expect(parseRoute('#/studies/')).toEqual({ name: 'studies' });
    expect(parseRoute(worklistHref)).toEqual({ name: 'worklist' });
    expect(parseRoute('#/worklist/')).toEqual({ name: 'worklist' });
  });

  it('round-trips the lesion deep link and keeps an unknown id for the page to refuse', () => {
    expect(parseRoute(lesionHref(LESION_ID))).toEqual({ name: 'lesion', lesionId: LESION_ID });
    expect(parseRoute(`#/lesion/${LESION_ID}/`)).toEqual({ name: 'lesion', lesionId: LESION_ID });
    expect(parseRoute('#/lesion/not-a-lesion')).toEqual({ name: 'lesion', lesionId: 'not-a-lesion' });
    expect(parseRoute(lesionHref('a b/c'))).toEqual({ name: 'lesion', lesionId: 'a b/c' });
  });

  it('treats what names no view as unknown', () => {
    for (const hash of ['#/lesion/', '#/lesion/%E0%A4%A', '#/lesion/x/y', '#/worklists', '#/study/abc']) {
      expect(parseRoute(hash)).toEqual({ name: 'unknown', hash });
    }
  });

  it('keeps the study and viewer routes', () => {
    expect(parseRoute('#/study/1.2.3')).toEqual({ name: 'study', studyUid: '1.2.3' });
    expect(parseRoute(viewerHref('1.2.3', '1.2.3.4', 7))).toEqual({ name: 'viewer', studyUid: '1.2.3', seriesUid: '1.2.3.4', slice: 7 });
  });

  it('sends a reviewing specialist to the worklist and everyone else to the study browser', () => {
    for (const role of ['surgeon', 'neurosurgeon', 'radiation-oncologist', 'interventional-radiologist'] as const) expect(defaultViewHref(role), role).toBe(worklistHref);
    expect(defaultViewHref('radiologist')).toBe(studiesHref);
    expect(defaultViewHref('researcher')).toBe(studiesHref);
    expect(defaultViewHref(null)).toBe(studiesHref);
  });
});
