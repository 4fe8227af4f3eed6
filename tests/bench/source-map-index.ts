import fs from 'node:fs';

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Decodes one segment of a source map's `mappings` (base64 VLQ numbers). */
function decodeSegment(segment: string): number[] {
  const values: number[] = [];
  let value = 0;
  let shift = 0;
  for (const char of segment) {
    const digit = BASE64.indexOf(char);
    value += (digit & 31) << shift;
    if (digit & 32) shift += 5;
    else {
      values.push(value & 1 ? -(value >>> 1) : value >>> 1);
      value = 0;
      shift = 0;
    }
  }
  return values;
}

/** The source file of each position of a built script, from its source map (v3), for profiles. */
export class SourceMapIndex {
  private constructor(
    private readonly sources: string[],
    /** Per generated line: [column, source index] pairs in column order. */
    private readonly lines: [number, number][][],
  ) {}

  /** Reads a `.map` file; null when there is none (a build without --sourcemap). */
  static read(file: string): SourceMapIndex | null {
    if (!fs.existsSync(file)) return null;
    const map = JSON.parse(fs.readFileSync(file, 'utf8')) as { sources: string[]; mappings: string };
    let source = 0;
    const lines = map.mappings.split(';').map((line) => {
      let column = 0;
      const segments: [number, number][] = [];
      for (const segment of line.split(',')) {
        if (!segment) continue;
        const [dc, ds] = decodeSegment(segment);
        column += dc!;
        if (ds !== undefined) source += ds;
        segments.push([column, source]);
      }
      return segments;
    });
    return new SourceMapIndex(map.sources, lines);
  }

  /** The source file at a 0-based line and column of the built script, if mapped. */
  sourceAt(line: number, column: number): string | undefined {
    const segments = this.lines[line];
    if (!segments?.length) return undefined;
    let [lo, hi] = [0, segments.length - 1];
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (segments[mid]![0] <= column) lo = mid;
      else hi = mid - 1;
    }
    return this.sources[segments[lo]![1]];
  }
}
