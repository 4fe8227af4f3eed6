import type { ViewerSession } from './viewer-session';

/**
 * Selects an annotation (what Delete removes) and shows its image in every stack viewport of its
 * series, as a reader expects when picking a measurement from a list.
 * @param session - the viewer session
 * @param annotationUid - the annotation's UID
 */
export function selectAnnotation(session: ViewerSession, annotationUid: string): void {
  session.tools.annotation.selection.setAnnotationSelected(annotationUid, true, false);
  const image = session.annotations.list.get().annotations.find((a) => a.annotationUid === annotationUid)?.image;
  for (const id of session.viewportIds()) {
    const record = session.get(id)!;
    const index = image && record.kind === 'stack' ? record.stack.slices.findIndex((s) => s.sopInstanceUid === image.sopInstanceUid && s.frame === image.frame) : -1;
    if (index >= 0) void session.cs.utilities.jumpToSlice(record.element, { imageIndex: index });
  }
  session.tools.utilities.triggerAnnotationRenderForViewportIds(session.viewportIds());
}
