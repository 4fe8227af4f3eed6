import { ExternalStore } from './external-store';

type Core = typeof import('@cornerstonejs/core');
type ToolsModule = typeof import('@cornerstonejs/tools');

/** Whether there is something to undo or redo, for the toolbar. */
export interface HistoryState {
  canUndo: boolean;
  canRedo: boolean;
}

/**
 * Undo and redo of annotation changes through Cornerstone's own history (utilities.HistoryMemo's
 * DefaultHistoryMemo): the annotation tools record every creation, edit and (here) deletion in it.
 */
export class AnnotationHistory {
  readonly state = new ExternalStore<HistoryState>({ canUndo: false, canRedo: false });

  constructor(
    private readonly cs: Core,
    /** The tools module once loaded (nothing can be selected before). */
    private readonly tools: () => ToolsModule | null,
  ) {}

  private get memo() {
    return this.cs.utilities.HistoryMemo.DefaultHistoryMemo;
  }

  /** Re-reads whether undo and redo are possible (after any annotation change). */
  refresh(): void {
    this.state.update({ canUndo: this.memo.canUndo, canRedo: this.memo.canRedo });
  }

  /** Undoes the last annotation change. */
  undo(): void {
    this.memo.undo();
    this.refresh();
  }

  /** Redoes the last undone annotation change. */
  redo(): void {
    this.memo.redo();
    this.refresh();
  }

  /**
   * Deletes the selected annotations as one undoable step.
   * @param element - the viewport element to re-render when the deletion is undone
   * @returns how many were deleted
   */
  deleteSelected(element: HTMLDivElement): number {
    const tools = this.tools();
    if (!tools) return 0;
    const { annotation, AnnotationTool } = tools;
    const selected = (annotation.selection.getAnnotationsSelected() ?? []).map((uid) => annotation.state.getAnnotation(uid)).filter((a) => a !== undefined);
    if (selected.length === 0) return 0;
    this.memo.startGroupRecording();
    for (const item of selected) {
      AnnotationTool.createAnnotationMemo(element, item, { deleting: true });
      annotation.state.removeAnnotation(item.annotationUID!);
    }
    this.memo.endGroupRecording();
    tools.utilities.triggerAnnotationRenderForViewportIds(this.viewportIdsOf(element));
    this.refresh();
    return selected.length;
  }

  private viewportIdsOf(element: HTMLDivElement): string[] {
    const enabled = this.cs.getEnabledElement(element);
    return enabled ? enabled.renderingEngine.getViewports().map((v) => v.id) : [];
  }
}
