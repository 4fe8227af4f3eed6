// Exact rationals for the outside checker: a stored number is read as the decimal it prints as
// (README: thresholds are "decided in the decimals it was stored as"), never as binary arithmetic.

/** A non-negative rational p/q with BigInt parts (q > 0). */
export interface Ratio {
  p: bigint;
  q: bigint;
}

/** The decimal a JavaScript number prints as, as an exact ratio. */
export function ratioOf(value: number): Ratio {
  const text = String(value);
  const [mantissa, exponentText] = text.toLowerCase().split('e');
  const exponent = exponentText ? Number(exponentText) : 0;
  const [whole, fraction = ''] = mantissa!.split('.');
  let p = BigInt(whole! + fraction);
  let q = 10n ** BigInt(fraction.length);
  if (exponent > 0) p *= 10n ** BigInt(exponent);
  if (exponent < 0) q *= 10n ** BigInt(-exponent);
  return { p, q };
}

/** a / b (b non-zero). */
export function divide(a: Ratio, b: Ratio): Ratio {
  return { p: a.p * b.q, q: a.q * b.p };
}

/** The sign of a - b: -1, 0 or 1. */
export function compare(a: Ratio, b: Ratio): number {
  const left = a.p * b.q;
  const right = b.p * a.q;
  return left < right ? -1 : left > right ? 1 : 0;
}

/** p/q from integers. */
export function fraction(p: number, q: number): Ratio {
  return { p: BigInt(p), q: BigInt(q) };
}
