import { z } from 'zod';
import { tabStateForReload } from './tab-state-for-reload';

const WindowSchema = z.object({ width: z.number().finite().positive(), center: z.number().finite() });

/** A viewport's window and polarity as kept for a reload (null window: the file's own). */
export const KeptDisplaySchema = z.object({ window: WindowSchema.nullable(), invert: z.boolean() });

/** What a viewer page showed as its tab was reloaded: enough to put the reader back there. */
export const ViewerResumeSchema = z.object({
  /** The address the page was on: a resume is for that page only. */
  hash: z.string(),
  /** The left-button tool in hand. */
  tool: z.string(),
  /** The lesion open in the panel, if any. */
  lesionId: z.string().nullable(),
  /** Each stack viewport's series, 0-based slice, and window and polarity (null before its first image). */
  stacks: z.array(
    z.object({
      viewportId: z.string(),
      seriesUid: z.string(),
      index: z.number().int().nonnegative(),
      display: KeptDisplaySchema.nullable(),
    }),
  ),
});

/** What a viewer page showed as its tab was reloaded. */
export type ViewerResume = z.infer<typeof ViewerResumeSchema>;

// Per tab (sessionStorage): another window's reading never moves this one.
const kept = tabStateForReload('bonemet.viewer.resume', ViewerResumeSchema);

/** Keeps what the viewer shows for the page that a reload of this tab brings up. */
export function keepForReload(resume: ViewerResume): void {
  kept.keep(resume);
}

/**
 * What the viewer showed when this tab was reloaded on `hash`: the first viewer page of a reloaded
 * document on the same address resumes it (kept until resumeUsed); any other opening (a link
 * followed, the tab reopened, the viewer left and opened again) starts as its link says.
 * @param hash - the address of the viewer page starting now
 */
export function takeAfterReload(hash: string): ViewerResume | null {
  const resume = kept.kept();
  return resume && resume.hash === hash ? resume : null;
}

/** The viewer has shown an image on the resume: later viewer pages of this document start afresh. */
export function resumeUsed(): void {
  kept.forget();
}
