import type { AnnotationChange } from './annotation-snapshot';

/** The tools' annotation events the feed follows. */
export type ToolEvent = 'completed' | 'added' | 'modified' | 'removed';

/** What the feed has seen of one annotation. */
export interface SeenState {
  /** Completed and not removed since: the app has it. */
  known: boolean;
  /** Removed, and not brought back since. */
  removed: boolean;
}

/**
 * The change a tools event means for the app, or null for none. An annotation counts once it is
 * completed (the events while it is being drawn are not changes); a removed one counts again only
 * when an undo adds it back; and only what the app has can be modified or removed.
 */
export function changeOnEvent(event: ToolEvent, seen: SeenState): AnnotationChange['kind'] | null {
  switch (event) {
    case 'completed':
      return seen.known ? 'modified' : 'added';
    case 'added':
      return seen.removed ? 'added' : null;
    case 'modified':
      return seen.known ? 'modified' : null;
    case 'removed':
      return seen.known ? 'removed' : null;
  }
}
