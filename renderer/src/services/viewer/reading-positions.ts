import type { CarriedDisplay, CarriedView } from './view-carry';

/** Where a stack viewport left a series: its 0-based slice, window and polarity (null before its first image). */
export interface LeftSlice {
  viewportId: string;
  seriesUid: string;
  index: number;
  display: CarriedDisplay | null;
}

/**
 * Where the reader left each series in a viewer page: the slice and the window a stack viewport
 * showed when it unmounted (another series was opened in it), and the view carried when the layout switched between the series' stack and its
 * reformat. Whichever came later decides where the series opens again.
 */
export class ReadingPositions {
  /** By `viewport|series`, with when (a page-wide sequence). */
  private readonly lastSlices = new Map<string, LeftSlice & { seq: number }>();
  private readonly carried = new Map<string, { view: CarriedView; seq: number }>();
  private seq = 0;

  /** A stack viewport leaves a series on a 0-based slice, showing it with a window and polarity (null before its first image). */
  leftAt(viewportId: string, seriesUid: string, index: number, display: CarriedDisplay | null): void {
    this.lastSlices.set(`${viewportId}|${seriesUid}`, { viewportId, seriesUid, index, display, seq: ++this.seq });
  }

  /** Every series a stack viewport left, where and how, the oldest first (a reload keeps them all). */
  leftSlices(): LeftSlice[] {
    return [...this.lastSlices.values()].sort((a, b) => a.seq - b.seq).map(({ viewportId, seriesUid, index, display }) => ({ viewportId, seriesUid, index, display }));
  }

  /** How a series is shown now, for its other layout to open the same way (null: nothing shown to carry). */
  carry(seriesUid: string, view: CarriedView | null): void {
    if (view) this.carried.set(seriesUid, { view, seq: ++this.seq });
    else this.carried.delete(seriesUid);
  }

  /** The view carried for a series, however old (a reformat opens on it). */
  carriedView(seriesUid: string): CarriedView | undefined {
    return this.carried.get(seriesUid)?.view;
  }

  /** The view carried from a reformat of the series, when newer than what this stack viewport left. */
  carriedFor(viewportId: string, seriesUid: string): CarriedView | undefined {
    const carried = this.carried.get(seriesUid);
    const left = this.lastSlices.get(`${viewportId}|${seriesUid}`);
    return carried && (!left || carried.seq > left.seq) ? carried.view : undefined;
  }

  /** The window and polarity a stack viewport should open a series with: the later of the reformat's and its own when it left. */
  displayFor(viewportId: string, seriesUid: string): CarriedDisplay | undefined {
    return this.carriedFor(viewportId, seriesUid) ?? this.lastSlices.get(`${viewportId}|${seriesUid}`)?.display ?? undefined;
  }

  /** The 0-based slice a stack viewport should open a series on, if the reader was anywhere in it. */
  initialSlice(viewportId: string, seriesUid: string): number | undefined {
    return this.carriedFor(viewportId, seriesUid)?.sliceIndex ?? this.lastSlices.get(`${viewportId}|${seriesUid}`)?.index;
  }
}
