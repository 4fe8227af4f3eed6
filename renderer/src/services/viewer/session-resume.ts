import type { ViewerResume } from './reload-resume';
import type { ReadingPositions } from './reading-positions';
import { PRIMARY_TOOLS, type PrimaryToolName } from './tools';
import type { CarriedDisplay } from './view-carry';

/** Where one viewport of the page is, for a reload: its series and, for a shown stack, its slice and display. */
export interface ViewportReading {
  viewportId: string;
  seriesUid: string;
  /** 0-based slice, window and polarity of a stack past its first image; null otherwise (a reformat, or nothing shown yet). */
  position: { index: number; display: CarriedDisplay | null } | null;
}

/**
 * Puts back what a reload interrupted: each stack's slice and window, noted as a series left and
 * opened again; returns the tool to take up (none for the crosshairs, which live in the reformat:
 * use-layout-resume takes them up once the reformat is back) and the lesion to open.
 */
export function resumeReading(resumed: ViewerResume, positions: ReadingPositions): { tool: PrimaryToolName | null; lesionId: string | null } {
  for (const { viewportId, seriesUid, index, display } of resumed.stacks) positions.leftAt(viewportId, seriesUid, index, display);
  const tool = PRIMARY_TOOLS.find((t) => t.name === resumed.tool && t.name !== 'Crosshairs');
  return { tool: tool?.name ?? null, lesionId: resumed.lesionId };
}

/**
 * What a viewer page shows now, for a reload of its tab to resume: its address, tool, lesion and each
 * stack's place, the shown ones' and those hidden now (behind a reformat, or left for another series).
 * @param hidden - the places of stacks left (ReadingPositions.leftSlices), oldest first
 */
export function readingToResume(hash: string, tool: PrimaryToolName, lesionId: string | null, viewports: readonly ViewportReading[], hidden: ViewerResume['stacks'] = []): ViewerResume {
  const shown = viewports.flatMap(({ viewportId, seriesUid, position }) => (position ? [{ viewportId, seriesUid, ...position }] : []));
  // The hidden ones first: resumed as series left, the shown ones' places then win.
  const behind = hidden.filter((left) => !shown.some((s) => s.viewportId === left.viewportId && s.seriesUid === left.seriesUid));
  return { hash, tool, lesionId, stacks: [...behind, ...shown] };
}
