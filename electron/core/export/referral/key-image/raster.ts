/** An 8-bit RGB image being drawn on. */
export interface RgbImage {
  width: number;
  height: number;
  data: Uint8Array;
}

export type Rgb = readonly [number, number, number];

/** Grey pixels as an RGB image. */
export function rgbFromGray(width: number, height: number, gray: Uint8Array): RgbImage {
  const data = new Uint8Array(width * height * 3);
  for (let i = 0; i < gray.length; i++) data[i * 3] = data[i * 3 + 1] = data[i * 3 + 2] = gray[i]!;
  return { width, height, data };
}

/** Sets one pixel; outside the image it does nothing. */
export function setPixel(image: RgbImage, x: number, y: number, color: Rgb): void {
  const xi = Math.round(x);
  const yi = Math.round(y);
  if (xi < 0 || yi < 0 || xi >= image.width || yi >= image.height) return;
  const i = (yi * image.width + xi) * 3;
  image.data[i] = color[0];
  image.data[i + 1] = color[1];
  image.data[i + 2] = color[2];
}

/** A filled square of side `size` centred on (x, y): the pen. */
function stamp(image: RgbImage, x: number, y: number, color: Rgb, size: number): void {
  const half = (size - 1) / 2;
  for (let dy = -half; dy <= half; dy++) for (let dx = -half; dx <= half; dx++) setPixel(image, x + dx, y + dy, color);
}

/**
 * A line in pixel-index coordinates (whole numbers at pixel centres), sampled every half
 * pixel so that no step leaves a gap at any slope.
 * @param thickness - pen size in pixels
 */
export function drawLine(image: RgbImage, x0: number, y0: number, x1: number, y1: number, color: Rgb, thickness = 1): void {
  const steps = Math.max(1, Math.ceil(Math.hypot(x1 - x0, y1 - y0) * 2));
  for (let s = 0; s <= steps; s++) {
    const t = s / steps;
    stamp(image, x0 + (x1 - x0) * t, y0 + (y1 - y0) * t, color, thickness);
  }
}

/** Joined lines through the points; closed joins the last point to the first. */
export function drawPolyline(image: RgbImage, points: readonly (readonly [number, number])[], color: Rgb, thickness: number, closed: boolean): void {
  for (let i = 0; i + 1 < points.length; i++) drawLine(image, points[i]![0], points[i]![1], points[i + 1]![0], points[i + 1]![1], color, thickness);
  if (closed && points.length > 2) drawLine(image, points.at(-1)![0], points.at(-1)![1], points[0]![0], points[0]![1], color, thickness);
}

/** A filled rectangle, clipped to the image. */
export function fillRect(image: RgbImage, x: number, y: number, width: number, height: number, color: Rgb): void {
  for (let yy = Math.max(0, y); yy < Math.min(image.height, y + height); yy++) {
    for (let xx = Math.max(0, x); xx < Math.min(image.width, x + width); xx++) setPixel(image, xx, yy, color);
  }
}
