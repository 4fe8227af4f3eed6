import type { EdgeMarkers } from '@shared/geometry/patient-direction';

/** Where a viewport is: waiting for its image, showing it, or unable to. */
export type ViewportStatus = 'loading' | 'rendered' | 'error';

/** The value under the mouse: a grey level (with its unit) or an RGB triple. */
export interface PixelReading {
  column: number;
  row: number;
  /** The voxel's index along the volume's third axis, for reformats. */
  slice?: number;
  value: number | [number, number, number];
  /** 'HU' for CT after the modality LUT, '' for unitless grey levels. */
  unit: string;
}

/** Everything React shows about one viewport; kept outside React and pushed to subscribers. */
export interface ViewportState {
  status: ViewportStatus;
  error: string | null;
  /** 1-based position in the stack (or in the volume along the view normal), 0 before the first image. */
  sliceIndex: number;
  sliceCount: number;
  /** Distance along the slice normal in mm (DICOM patient coordinates), when known. */
  slicePosition: number | null;
  sliceThickness: number | null;
  windowWidth: number | null;
  windowCenter: number | null;
  /** Whether the values are HU (a CT), the units of the HU window presets. */
  hounsfield: boolean;
  zoom: number | null;
  /** Inverted by the reader, against the file's own polarity (a MONOCHROME1 file shown as meant is not). */
  invert: boolean;
  pixel: PixelReading | null;
  /** The patient directions at the edges (A/P/R/L/H/F), null when the image does not say. */
  markers: EdgeMarkers | null;
  rows: number | null;
  columns: number | null;
  cine: { playing: boolean; fps: number };
}

/** The state of a viewport before anything is known. */
export function initialViewportState(): ViewportState {
  return {
    status: 'loading',
    error: null,
    sliceIndex: 0,
    sliceCount: 0,
    slicePosition: null,
    sliceThickness: null,
    windowWidth: null,
    windowCenter: null,
    hounsfield: false,
    zoom: null,
    invert: false,
    pixel: null,
    markers: null,
    rows: null,
    columns: null,
    cine: { playing: false, fps: 15 },
  };
}

type Listener = () => void;

/** A tiny external store of per-viewport states, read with React's useSyncExternalStore. */
export class ViewportStateStore {
  private readonly states = new Map<string, ViewportState>();
  private readonly listeners = new Map<string, Set<Listener>>();

  /** The current state of a viewport (a stable object until it changes). */
  get(viewportId: string): ViewportState {
    let state = this.states.get(viewportId);
    if (!state) {
      state = initialViewportState();
      this.states.set(viewportId, state);
    }
    return state;
  }

  /** Merges a change into a viewport's state and tells its subscribers, when anything changed. */
  update(viewportId: string, change: Partial<ViewportState>): void {
    const current = this.get(viewportId);
    const changed = (Object.keys(change) as (keyof ViewportState)[]).some((key) => !Object.is(current[key], change[key]));
    if (!changed) return;
    this.states.set(viewportId, { ...current, ...change });
    this.listeners.get(viewportId)?.forEach((listener) => listener());
  }

  /** Starts over for a viewport that shows something new. */
  reset(viewportId: string): void {
    this.states.set(viewportId, initialViewportState());
    this.listeners.get(viewportId)?.forEach((listener) => listener());
  }

  /** Calls a listener whenever a viewport's state changes; returns the unsubscribe function. */
  subscribe(viewportId: string, listener: Listener): () => void {
    let set = this.listeners.get(viewportId);
    if (!set) this.listeners.set(viewportId, (set = new Set()));
    set.add(listener);
    return () => set.delete(listener);
  }
}
