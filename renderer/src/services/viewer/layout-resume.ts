import { z } from 'zod';
import { KeptDisplaySchema } from './reload-resume';
import { tabStateForReload } from './tab-state-for-reload';

const StackLayoutSchema = z.enum(['1x1', '1x2', '2x2']);
const PointSchema = z.tuple([z.number().finite(), z.number().finite(), z.number().finite()]);

/** One plane of an open reformat as the reader left it: where its focal plane lay, and its window. */
export const KeptPlaneSchema = z.object({
  viewportId: z.string(),
  seriesUid: z.string(),
  /** The camera's focal point (world, mm): the plane's slice. */
  point: PointSchema,
  display: KeptDisplaySchema,
});

/** One plane of an open reformat as the reader left it. */
export type KeptPlane = z.infer<typeof KeptPlaneSchema>;

/** How the viewer page was laid out as its tab was reloaded: the grid, what each viewport held, the open reformat. */
export const ReadingLayoutSchema = z.object({
  layout: z.union([StackLayoutSchema, z.literal('mpr')]),
  /** The series of each stack slot, in the order of the 2×2 grid (null: empty). */
  slots: z.array(z.string().nullable()).length(4),
  /** The series the reformat shows, when the layout is 'mpr'. */
  mprSeries: z.string().nullable(),
  /** The stack layout and slot the reformat was opened from (M goes back there). */
  beforeMpr: z.object({ layout: StackLayoutSchema, slot: z.number().int().min(0).max(3) }),
  /** The viewport keys and the toolbar acted on. */
  activeViewportId: z.string().nullable(),
  /** Each shown plane of the reformat. */
  planes: z.array(KeptPlaneSchema),
});

/** How the viewer page was laid out as its tab was reloaded. */
export type ReadingLayout = z.infer<typeof ReadingLayoutSchema>;

// Per tab, as the slices and windows (reload-resume.ts); a key of its own, written by the page.
const kept = tabStateForReload('bonemet.viewer.layout', z.object({ hash: z.string(), layout: ReadingLayoutSchema }));

/**
 * Keeps the viewer page's layout for a reload of this tab on the same address.
 * @param hash - the address of the viewer page
 * @param layout - what it shows
 */
export function keepLayoutForReload(hash: string, layout: ReadingLayout): void {
  kept.keep({ hash, layout });
}

/**
 * The layout the viewer had when this tab was reloaded on `hash`, for the first viewer page of the
 * reloaded document on that address; null for any other opening (a link followed, the viewer left
 * and opened again), which starts as its link says.
 * @param hash - the address of the viewer page starting now
 */
export function takeLayoutAfterReload(hash: string): ReadingLayout | null {
  const found = kept.kept();
  kept.forget();
  return found && found.hash === hash ? found.layout : null;
}
