// Filling shapes into a binary mask (rows x columns, row-major, 1 = inside). A pixel is inside
// when its centre is: the centre of pixel (column c, row r) is at continuous coordinates (c, r).

/** A point in continuous pixel coordinates [column, row]. */
export type PixelPoint = readonly [number, number];

/** Fills a polygon (closed implicitly) with the even-odd rule, scanning pixel-centre rows. */
export function fillPolygon(mask: Uint8Array, rows: number, columns: number, polygon: readonly PixelPoint[]): void {
  if (polygon.length < 3) return;
  const ys = polygon.map((p) => p[1]);
  const top = Math.max(0, Math.ceil(Math.min(...ys)));
  const bottom = Math.min(rows - 1, Math.floor(Math.max(...ys)));
  for (let r = top; r <= bottom; r++) {
    const crossings: number[] = [];
    for (let i = 0; i < polygon.length; i++) {
      const [x0, y0] = polygon[i]!;
      const [x1, y1] = polygon[(i + 1) % polygon.length]!;
      // Half-open rule on y so that a vertex on the scan row is counted once.
      if ((y0 <= r && y1 > r) || (y1 <= r && y0 > r)) crossings.push(x0 + ((r - y0) / (y1 - y0)) * (x1 - x0));
    }
    crossings.sort((a, b) => a - b);
    for (let k = 0; k + 1 < crossings.length; k += 2) {
      const from = Math.max(0, Math.ceil(crossings[k]!));
      const to = Math.min(columns - 1, Math.floor(crossings[k + 1]!));
      for (let c = from; c <= to; c++) mask[r * columns + c] = 1;
    }
  }
}

/**
 * Fills every pixel whose centre satisfies `inside(column, row)` within a bounding box.
 * @param box - [minColumn, minRow, maxColumn, maxRow] in continuous coordinates
 */
export function fillWhere(mask: Uint8Array, rows: number, columns: number, box: readonly [number, number, number, number], inside: (c: number, r: number) => boolean): void {
  const c0 = Math.max(0, Math.ceil(box[0]));
  const r0 = Math.max(0, Math.ceil(box[1]));
  const c1 = Math.min(columns - 1, Math.floor(box[2]));
  const r1 = Math.min(rows - 1, Math.floor(box[3]));
  for (let r = r0; r <= r1; r++) for (let c = c0; c <= c1; c++) if (inside(c, r)) mask[r * columns + c] = 1;
}

/**
 * Fills the ellipse with centre `centre` and semi-axis vectors `a` and `b` (need not be orthogonal:
 * a point is inside when it is s*a + t*b with s^2 + t^2 <= 1).
 */
export function fillEllipse(mask: Uint8Array, rows: number, columns: number, centre: PixelPoint, a: PixelPoint, b: PixelPoint): void {
  const det = a[0] * b[1] - a[1] * b[0];
  if (Math.abs(det) < 1e-9) return;
  const ex = Math.abs(a[0]) + Math.abs(b[0]);
  const ey = Math.abs(a[1]) + Math.abs(b[1]);
  fillWhere(mask, rows, columns, [centre[0] - ex, centre[1] - ey, centre[0] + ex, centre[1] + ey], (c, r) => {
    const [dx, dy] = [c - centre[0], r - centre[1]];
    const s = (dx * b[1] - dy * b[0]) / det;
    const t = (a[0] * dy - a[1] * dx) / det;
    return s * s + t * t <= 1;
  });
}
