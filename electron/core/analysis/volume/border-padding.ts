import { NOT_IMAGED_AT_OR_BELOW_HU, NOT_IMAGED_HU } from './not-imaged';

// Reused from slice to slice (one thread): where a slice holds its declared padding value, and the
// stack of the flood fill.
let declaredScratch = new Uint8Array(0);
let stack = new Int32Array(0);

/** A mask of one slice's pixels for readCtSlice to fill, every pixel: 1 where the declared padding value lies, else 0. */
export function declaredPaddingMask(pixels: number): Uint8Array {
  if (declaredScratch.length < pixels) declaredScratch = new Uint8Array(pixels);
  return declaredScratch;
}

/**
 * Reads as NOT_IMAGED_HU the padding of one slice (rows x columns HU at `offset`, none of them
 * NOT_IMAGED_HU yet): the pixels that hold the declared padding value or HU at or below
 * NOT_IMAGED_AT_OR_BELOW_HU, where they reach the image's border through one another (4-connected).
 * The scanner pads outside its circle, which reaches the border; the same values enclosed by the
 * body are what was imaged there (a streak's undershoot, air) and keep their HU. Only the padding
 * and the border are visited: a slice without padding costs its border.
 * @param declared - from declaredPaddingMask, filled; null when the slice declares no padding
 */
export function markBorderPadding(hu: Int16Array, offset: number, rows: number, columns: number, declared: Uint8Array | null): void {
  const pixels = rows * columns;
  // A pixel is seeded at most once from the row above and once from the row below, besides the border.
  if (stack.length < 2 * (pixels + rows + columns)) stack = new Int32Array(2 * (pixels + rows + columns));
  const slice = hu.subarray(offset, offset + pixels);
  const mask = declared ?? NONE_DECLARED;
  const byMask = declared !== null;
  let top = 0;
  const seed = (n: number) => {
    if (unreached(slice, mask, byMask, n)) stack[top++] = n;
  };
  for (let i = 0; i < columns; i++) {
    seed(i);
    seed(pixels - columns + i);
  }
  for (let j = 1; j < rows - 1; j++) {
    seed(j * columns);
    seed(j * columns + columns - 1);
  }
  // Span by span: a seed's run along its row is marked, then each run of padding above and below it
  // seeded once. Each pixel is seeded from one span at most, so the stack holds no more than the pixels.
  while (top > 0) {
    const start = stack[--top]!;
    if (!unreached(slice, mask, byMask, start)) continue;
    const rowStart = start - (start % columns);
    const rowEnd = rowStart + columns - 1;
    let first = start;
    while (first > rowStart && unreached(slice, mask, byMask, first - 1)) first--;
    let last = start;
    while (last < rowEnd && unreached(slice, mask, byMask, last + 1)) last++;
    slice.fill(PADDING, first, last + 1);
    for (let side = -1; side <= 1; side += 2) {
      const from = first + side * columns;
      if (from < 0 || from >= pixels) continue;
      let inRun = false;
      for (let n = from; n <= from + last - first; n++) {
        const open = unreached(slice, mask, byMask, n);
        if (open && !inRun) stack[top++] = n;
        inRun = open;
      }
    }
  }
}

// Copies of the imported levels: a module's bindings may be read through a getter, too slow per pixel.
const PADDING = NOT_IMAGED_HU;
const BELOW = NOT_IMAGED_AT_OR_BELOW_HU;
const NONE_DECLARED = new Uint8Array(0);

/** Padding not yet reached: at or below BELOW, or declared; a reached pixel holds PADDING, which nothing else holds. */
function unreached(slice: Int16Array, declared: Uint8Array, byMask: boolean, n: number): boolean {
  const value = slice[n]!;
  return value !== PADDING && (value <= BELOW || (byMask && declared[n] === 1));
}
