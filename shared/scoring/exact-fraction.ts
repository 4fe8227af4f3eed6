/**
 * Exact comparison of measured ratios with the fractional thresholds of the scores (Mirels' 1/3
 * and 2/3). Binary floating point cannot hold 3.3 or 9.9, so 3.3 / 9.9 compared in doubles lands
 * a hair off 1/3 and a lesion exactly on the boundary drops a band. Here each value is read as the
 * decimal it was entered and stored as (the shortest decimal that reads back as the same number)
 * and the comparison is done in integers.
 */

/** A threshold fraction num/den (den > 0). */
export interface Fraction {
  num: number;
  den: number;
}

/** A finite number as the exact decimal it is written as: digits / 10^scale. */
interface ExactDecimal {
  digits: bigint;
  scale: number;
}

function exactDecimal(x: number): ExactDecimal {
  // String(x) is the shortest decimal that reads back as x, possibly in exponent form (1e-7).
  const [mantissa = '0', exponent = '0'] = String(x).split('e');
  const [whole = '0', fraction = ''] = mantissa.split('.');
  const scale = fraction.length - Number(exponent);
  const digits = BigInt(whole + fraction);
  return scale >= 0 ? { digits, scale } : { digits: digits * 10n ** BigInt(-scale), scale: 0 };
}

/**
 * A value computed in binary (a percentage worked out as 2/3 * 100 = 66.66666666666666) carries
 * the error of its last binary digit; within a few units of that last place it is the threshold
 * it was computed from. No value a reader types comes that close to 1/3 or 2/3 without being
 * such a computed one (they need 15 significant digits).
 */
const BINARY_NOISE_ULPS = 4;

/**
 * Sign of num/den - threshold, exact at the decimal precision the values are stored at: -1 below,
 * 0 exactly on it, 1 above. Throws on a non-positive denominator or a value that is not finite.
 * @param num - numerator as stored (e.g. lesion width in mm)
 * @param den - denominator as stored (e.g. bone diameter in mm), > 0
 */
export function compareRatio(num: number, den: number, threshold: Fraction): -1 | 0 | 1 {
  const stored = compareStoredRatio(num, den, threshold);
  const exactly = threshold.num / threshold.den;
  if (stored !== 0 && Math.abs(num / den - exactly) <= BINARY_NOISE_ULPS * Number.EPSILON * Math.abs(exactly)) return 0;
  return stored;
}

/**
 * Sign of num/den - threshold in the decimals the values are stored as, binary noise not forgiven:
 * 200/3 (stored 66.66666666666667) is above 2/3 here, on it for compareRatio. A score that reads
 * noise as the threshold also keeps this side possible where it scores higher.
 */
export function compareStoredRatio(num: number, den: number, threshold: Fraction): -1 | 0 | 1 {
  if (!Number.isFinite(num) || !Number.isFinite(den) || !(den > 0)) throw new RangeError(`not a ratio: ${num} / ${den}`);
  const a = exactDecimal(num);
  const b = exactDecimal(den);
  // num/den vs t.num/t.den  <=>  a.digits * 10^b.scale * t.den  vs  b.digits * 10^a.scale * t.num
  const left = a.digits * 10n ** BigInt(b.scale) * BigInt(threshold.den);
  const right = b.digits * 10n ** BigInt(a.scale) * BigInt(threshold.num);
  return left === right ? 0 : left < right ? -1 : 1;
}
