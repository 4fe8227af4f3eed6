/** A window/level preset: width and centre in the image's modality units (HU for CT). */
export interface WindowPreset {
  key: string;
  label: string;
  /** The toolbar's word for it. */
  short: string;
  width: number;
  center: number;
}

/** The presets on the number keys; '0' is the file's own window (see DEFAULT_WINDOW_KEY). */
export const WINDOW_PRESETS: readonly WindowPreset[] = [
  { key: '1', label: 'Bone', short: 'Bone', width: 2000, center: 500 },
  { key: '2', label: 'Soft tissue', short: 'Soft', width: 400, center: 40 },
  { key: '3', label: 'Lung', short: 'Lung', width: 1500, center: -600 },
  { key: '4', label: 'Brain', short: 'Brain', width: 80, center: 40 },
];

/** The key that restores the window stored in the file (or computed from its pixel range). */
export const DEFAULT_WINDOW_KEY = '0';

