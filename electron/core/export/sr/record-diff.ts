// Compares a record restored from an SR's standard content with the exact record stored beside it,
// allowing only the precision the standard encoding has: coordinates are FL (float32) and
// timestamps may change their written form but not their instant.

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}/;

function closeAsFloat32(a: number, b: number): boolean {
  return a === b || Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(a), Math.abs(b)) * 8;
}

/**
 * The path of the first difference between two JSON-like values, or null when they agree.
 * @param approximate - paths (as "a.b.0") where numbers may differ by float32 rounding
 */
export function firstDifference(a: unknown, b: unknown, approximate: (path: string) => boolean, path = ''): string | null {
  if (typeof a === 'number' && typeof b === 'number') return a === b || (approximate(path) && closeAsFloat32(a, b)) ? null : path;
  if (typeof a === 'string' && typeof b === 'string') {
    if (a === b) return null;
    return ISO_INSTANT.test(a) && ISO_INSTANT.test(b) && Date.parse(a) === Date.parse(b) ? null : path;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return `${path} (length ${a.length} vs ${b.length})`;
    for (let i = 0; i < a.length; i++) {
      const d = firstDifference(a[i], b[i], approximate, path ? `${path}.${i}` : String(i));
      if (d) return d;
    }
    return null;
  }
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const key of keys) {
      const d = firstDifference((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], approximate, path ? `${path}.${key}` : key);
      if (d) return d;
    }
    return null;
  }
  return a === b ? null : path || '(root)';
}
