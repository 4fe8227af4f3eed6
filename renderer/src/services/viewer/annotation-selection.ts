import { isPlaneDrawing, showPlane } from './plane-jump';
import type { ViewerSession } from './viewer-session';

/**
 * Selects an annotation (what Delete removes) and shows it, as a reader expects when picking a
 * measurement from a list: its image in every stack viewport of its series, or, for a drawing on
 * a reformat, its plane in the reformat that looks along it (asking the page to open that
 * reformat first when none is shown, see session.reformatWanted).
 * @param session - the viewer session
 * @param annotationUid - the annotation's UID
 */
export function selectAnnotation(session: ViewerSession, annotationUid: string): void {
  // A lesion picked while the tools load (just after the first image) is shown once they are in.
  if (!session.toolsReady) {
    void session.whenTools().then(() => selectAnnotation(session, annotationUid), () => undefined);
    return;
  }
  session.tools.annotation.selection.setAnnotationSelected(annotationUid, true, false);
  const drawing = session.annotations.list.get().annotations.find((a) => a.annotationUid === annotationUid);
  const image = drawing?.image;
  for (const { id, stack } of session.stackViewports()) {
    const index = image ? stack.slices.findIndex((s) => s.sopInstanceUid === image.sopInstanceUid && s.frame === image.frame) : -1;
    if (index >= 0) session.showSlice(id, index);
  }
  // A later pick replaces a reformat still being opened for an earlier one.
  const needsReformat = drawing !== undefined && isPlaneDrawing(drawing) && showPlane(session, drawing, null).length === 0;
  session.reformatWanted.update({ request: needsReformat ? { annotationUid, at: performance.now() } : null });
  session.tools.utilities.triggerAnnotationRenderForViewportIds(session.viewportIds());
}
