/** A Decimal String value (at most 16 characters, PS3.5 6.2) for a number. */
export function formatDs(value: number): string {
  if (!Number.isFinite(value)) throw new RangeError(`not a finite DS value: ${value}`);
  const plain = String(value);
  if (plain.length <= 16 && !/e/i.test(plain)) return plain;
  // Too long or exponential: trim significant digits until it fits.
  for (let digits = 15; digits > 0; digits--) {
    const text = String(Number(value.toPrecision(digits)));
    if (text.length <= 16 && !/e/i.test(text)) return text;
  }
  return value.toFixed(0);
}

/** A z position with a fixed three decimals, so that every slice prints the same way. */
export function formatZ(zMm: number): string {
  return zMm.toFixed(3);
}
