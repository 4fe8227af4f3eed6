import { describe, expect, it } from 'vitest';
import { judgeSender } from '../../../electron/main/ipc-sender';

// The Electron door's decision whom to hear (electron/main/ipc-door.ts passes the sender frame's
// URL and whether it has a parent). Electron cannot run here: the decision is tested apart.
describe('the IPC door hears only the main frame of the app', () => {
  it("hears the main frame of the app's page", () => {
    expect(judgeSender({ url: 'app://renderer/index.html#/studies', isMainFrame: true })).toEqual({ heard: true });
  });

  it("refuses a sub-frame, even one showing the app's own page", () => {
    const verdict = judgeSender({ url: 'app://renderer/index.html', isMainFrame: false });
    expect(verdict).toEqual({ heard: false, reason: "from a sub-frame of the app's page app://renderer/index.html" });
  });

  it.each([
    'https://example.org/',
    'app://renderer.example.org/index.html',
    'app://rendererx/index.html',
    'app://renderer',
    'dicom://instance/1',
    'file:///home/user/app://renderer/index.html',
    'about:blank',
    '',
  ])('refuses a main frame at %j', (url) => {
    const verdict = judgeSender({ url, isMainFrame: true });
    expect(verdict.heard).toBe(false);
    expect(verdict).toMatchObject({ reason: expect.stringMatching(/^from a page not the app's: /) });
  });

  it('refuses a message whose frame is gone', () => {
    expect(judgeSender(null)).toEqual({ heard: false, reason: 'its frame is gone' });
  });
});
