/** The median of numbers, or null for none. */
export function median(values: readonly number[] | Float32Array): number | null {
  return percentile(values, 0.5);
}

/** The p-quantile (0..1) of numbers by linear interpolation between order statistics, or null for none. */
export function percentile(values: readonly number[] | Float32Array, p: number): number | null {
  if (values.length === 0) return null;
  const sorted = Float64Array.from(values).sort();
  const at = p * (sorted.length - 1);
  const low = Math.floor(at);
  const high = Math.min(sorted.length - 1, low + 1);
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (at - low);
}

/**
 * A histogram of values on fixed bins, for quantiles of many values without sorting them
 * (values outside the range count in the end bins).
 */
export class BinnedValues {
  readonly counts: Float64Array;
  total = 0;

  constructor(
    readonly lowest: number,
    readonly binWidth: number,
    bins: number,
  ) {
    this.counts = new Float64Array(bins);
  }

  /** Counts a value (weight 1, or -1 to remove it). */
  add(value: number, weight = 1): void {
    const bin = Math.floor((value - this.lowest) / this.binWidth);
    this.counts[bin < 0 ? 0 : bin >= this.counts.length ? this.counts.length - 1 : bin]! += weight;
    this.total += weight;
  }

  /** Adds every count of another histogram on the same bins, times a weight. */
  addAll(other: BinnedValues, weight = 1): void {
    for (let n = 0; n < this.counts.length; n++) this.counts[n]! += weight * other.counts[n]!;
    this.total += weight * other.total;
  }

  /** The p-quantile, interpolated within its bin; null when empty. */
  quantile(p: number): number | null {
    if (!(this.total > 0)) return null;
    const target = p * this.total;
    let cumulative = 0;
    for (let n = 0; n < this.counts.length; n++) {
      const count = this.counts[n]!;
      if (cumulative + count >= target && count > 0) return this.lowest + this.binWidth * (n + (target - cumulative) / count);
      cumulative += count;
    }
    return this.lowest + this.binWidth * this.counts.length;
  }
}
