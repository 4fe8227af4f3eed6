import type { DicomFrame } from './dicom-frame';

/** A VOI window: centre and width in modality units (HU for CT). */
export interface VoiWindow {
  center: number;
  width: number;
}

/**
 * The bone window for CT key images: W 2000 / L 500 HU, a common bone setting that shows
 * cortex (about 1000-2000 HU) without saturating, and lytic tumour (soft tissue, 20-80 HU) darker.
 */
export const BONE_WINDOW: VoiWindow = { center: 500, width: 2000 };

/**
 * The window a key image is drawn with: the one asked for, else the bone window for CT, else the
 * file's own first window, else the frame's full range.
 */
export function chooseWindow(frame: DicomFrame, requested?: VoiWindow): VoiWindow {
  if (requested) return requested;
  if (frame.modality === 'CT') return BONE_WINDOW;
  if (frame.fileWindow) return frame.fileWindow;
  let min = Infinity;
  let max = -Infinity;
  for (const v of frame.values ?? []) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return Number.isFinite(min) ? { center: (min + max) / 2, width: Math.max(1, max - min) } : { center: 0, width: 1 };
}

/**
 * Modality values to 8-bit grey with the DICOM linear VOI function (PS3.3 C.11.2.1.2.1);
 * MONOCHROME1 is inverted so that bone stays white.
 */
export function applyWindow(values: Float32Array, window: VoiWindow, monochrome1: boolean): Uint8Array {
  const out = new Uint8Array(values.length);
  const c = window.center - 0.5;
  const w = Math.max(1, window.width) - 1;
  for (let i = 0; i < values.length; i++) {
    const x = values[i]!;
    let y: number;
    if (x <= c - w / 2) y = 0;
    else if (x > c + w / 2) y = 255;
    else y = ((x - c) / w + 0.5) * 255;
    out[i] = monochrome1 ? 255 - Math.round(y) : Math.round(y);
  }
  return out;
}
