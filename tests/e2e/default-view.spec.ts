import { expect, test } from './fixtures/host';
import { cliImport, hostRpc } from './fixtures/host-api';
import { CT_FOLDER } from './fixtures/ct-viewer';
import { viewerHash, viewportLocator } from './fixtures/viewer';

// `#/` opens the view the reader's role prefers once the reader is known. A series opened as the
// page starts must stay open. The router subscribed to hash changes in an effect, after its first
// render: an address that changed in between was never seen, the page stayed on `#/`, and the
// preferred view then replaced the series (seen in CI: decoding.spec opened a file as its page
// started and found the study list). Here the address changes exactly in that gap, without an
// event (history.replaceState), as a missed hashchange leaves it.
test('a series opened as the page starts stays open when the first view is chosen', async ({ page, host }) => {
  await cliImport(host.dataDir, [CT_FOLDER]);
  await hostRpc(host, 'reader.set', { initials: 'RD', name: 'Reader Started', role: 'radiologist' });
  const [study] = await hostRpc(host, 'studies.search', {});
  const { series } = await hostRpc(host, 'studies.get', { studyInstanceUid: study!.studyInstanceUid });
  const seriesUid = series[0]!.seriesInstanceUid;
  const hash = viewerHash(study!.studyInstanceUid, seriesUid);
  // The page's second hashchange subscription is the router's (the first is the viewer's preloader,
  // made before React starts): the address changes just before it is made.
  await page.addInitScript((target) => {
    const add = window.addEventListener.bind(window);
    let subscriptions = 0;
    window.addEventListener = ((type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions) => {
      if (type === 'hashchange' && ++subscriptions === 2) history.replaceState(null, '', target);
      add(type, listener, options);
    }) as typeof window.addEventListener;
  }, hash);
  await page.goto(host.url);
  await expect(viewportLocator(page, { seriesUid, orientation: 'stack' })).toHaveAttribute('data-viewport-status', 'rendered', { timeout: 60_000 });
  await expect(page.getByTestId('reader-chip')).toContainText('RD');
  expect(new URL(page.url()).hash).toBe(hash);
});
