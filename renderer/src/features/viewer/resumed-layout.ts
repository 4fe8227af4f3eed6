import type { MprAvailability } from '../../services/viewer/mpr';
import type { ReadingLayout } from '../../services/viewer/layout-resume';
import { mprViewportId, PLANES, SLOT_COUNT, stackViewportId } from './viewport-ids';

/** The study as it is now, against which a layout kept before a reload is checked. */
export interface StudyNow {
  /** The series the study holds now. */
  seriesUids: ReadonlySet<string>;
  /** The series of the viewer's link: the first viewport shows it when its kept series is gone. */
  linkSeriesUid: string;
  /** Whether the kept reformat's series may be reformatted now (null: not asked, or it could not be told). */
  reformat: MprAvailability | null;
}

/**
 * A kept layout made to fit the study as it is now: a series gone leaves its viewport empty (the
 * first one shows the link's series), a reformat no longer offered (its series gone, a gantry tilt,
 * too large for this window, still arriving) gives way to the stack layout it was opened from, and
 * the active viewport and planes are kept only where they are still shown.
 * @param kept - the layout as the page left it
 * @param now - the study now
 */
export function fitResumedLayout(kept: ReadingLayout, now: StudyNow): ReadingLayout {
  const slots = kept.slots.map((uid) => (uid !== null && now.seriesUids.has(uid) ? uid : null));
  slots[0] ??= now.linkSeriesUid;
  const reformatShown = kept.layout === 'mpr' && kept.mprSeries !== null && now.seriesUids.has(kept.mprSeries) && now.reformat?.available === true;
  if (reformatShown) {
    const planeIds = new Set(PLANES.map(mprViewportId));
    return {
      ...kept,
      slots,
      activeViewportId: kept.activeViewportId !== null && planeIds.has(kept.activeViewportId) ? kept.activeViewportId : null,
      planes: kept.planes.filter((plane) => plane.seriesUid === kept.mprSeries && planeIds.has(plane.viewportId)),
    };
  }
  const layout = kept.layout === 'mpr' ? kept.beforeMpr.layout : kept.layout;
  const shownIds = new Set(slots.slice(0, SLOT_COUNT[layout]).flatMap((uid, slot) => (uid ? [stackViewportId(slot)] : [])));
  // Back from a reformat that is not offered: the viewport it was opened from leads, as M would do.
  const active = kept.layout === 'mpr' ? stackViewportId(kept.beforeMpr.slot) : kept.activeViewportId;
  return { ...kept, layout, slots, mprSeries: null, activeViewportId: active !== null && shownIds.has(active) ? active : null, planes: [] };
}
