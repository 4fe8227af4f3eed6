type ToolGroup = NonNullable<ReturnType<(typeof import('@cornerstonejs/tools'))['ToolGroupManager']['getToolGroup']>>;

/**
 * Draws the plane of one viewport as a line in the others (Cornerstone's ReferenceLines tool),
 * or hides the lines when there is no source (a single viewport).
 * @param groups - the session's tool groups
 * @param sourceViewportId - the viewport whose plane is shown, or null
 */
export function showReferenceLines(groups: readonly ToolGroup[], sourceViewportId: string | null): void {
  for (const group of groups) {
    if (sourceViewportId) {
      group.setToolConfiguration('ReferenceLines', { sourceViewportId });
      group.setToolEnabled('ReferenceLines');
    } else group.setToolDisabled('ReferenceLines');
  }
}
