// The page's first script, before the app's own (index.html): on a link into the viewer it starts
// fetching and compiling Cornerstone at once, in parallel with the app's bundle, instead of
// after it has been evaluated (about 150 ms later). Nothing of the app is imported here, so that
// this script is tiny; the viewer's own imports get the same modules (services/cornerstone.ts).
// The tools are not started here: they load after the first frame (ViewerSession.whenTools).
if (/^#\/(study\/[^/]+\/series\/|lesion\/)/.test(window.location.hash)) {
  void import('@cornerstonejs/core').catch(() => undefined);
  void import('@cornerstonejs/dicom-image-loader').catch(() => undefined);
}
