// Exact comparison of decimal inputs against the thirds of Mirels' size: a reader who types 10 and
// 30 (or 0.1 and 0.3) means exactly one third, which binary floating point cannot say.

/** Where a ratio falls against Mirels' thresholds: < 1/3, 1/3 - 2/3 (both ends included), > 2/3. */
export type RatioBand = 'under-third' | 'third-to-two-thirds' | 'over-two-thirds';

/** A finite non-negative number as the exact decimal it prints as: numerator / 10^scale. */
function asDecimal(value: number): { numerator: bigint; scale: number } {
  const [mantissa = '0', exponent = '0'] = String(value).toLowerCase().split('e');
  const [whole = '0', fraction = ''] = mantissa.split('.');
  const scale = fraction.length - Number(exponent);
  const digits = BigInt(whole + fraction);
  return scale >= 0 ? { numerator: digits, scale } : { numerator: digits * 10n ** BigInt(-scale), scale: 0 };
}

/** Sign of part / whole - num / den (whole, den > 0), compared exactly in the decimals the numbers print as. */
export function compareExactRatio(part: number, whole: number, num: bigint, den: bigint): -1 | 0 | 1 {
  const p = asDecimal(part);
  const w = asDecimal(whole);
  const scale = Math.max(p.scale, w.scale);
  const left = p.numerator * 10n ** BigInt(scale - p.scale) * den;
  const right = w.numerator * 10n ** BigInt(scale - w.scale) * num;
  return left < right ? -1 : left > right ? 1 : 0;
}

/** The band of part / whole (whole > 0), compared exactly in the decimals the numbers print as. */
export function exactRatioBand(part: number, whole: number): RatioBand {
  if (compareExactRatio(part, whole, 1n, 3n) < 0) return 'under-third';
  if (compareExactRatio(part, whole, 2n, 3n) > 0) return 'over-two-thirds';
  return 'third-to-two-thirds';
}
