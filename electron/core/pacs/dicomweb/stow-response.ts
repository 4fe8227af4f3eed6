import { z } from 'zod';

/** One instance in a STOW-RS answer: stored (with where to retrieve it) or failed (with why). */
export const StowInstanceResultSchema = z.object({
  sopClassUid: z.string().nullable(),
  sopInstanceUid: z.string().nullable(),
  retrieveUrl: z.string().nullable(),
  failureReason: z.string().nullable(),
});
export type StowInstanceResult = z.infer<typeof StowInstanceResultSchema>;

/** PS3.18 / PS3.4 failure reasons (0008,1197) a server is likely to give, in words. */
const FAILURE_REASONS: Readonly<Record<number, string>> = {
  0x0110: 'processing failure',
  0x0122: 'SOP class not supported',
  0x0124: 'not authorized',
  0xa700: 'out of resources',
  0xa900: 'data set does not match its SOP class',
  0xc000: 'cannot understand',
  0xc122: 'transfer syntax not supported',
};

type DicomJson = Record<string, { vr?: string; Value?: unknown[] } | undefined>;

const first = (item: DicomJson, tag: string): unknown => item[tag]?.Value?.[0];
const text = (v: unknown): string | null => (typeof v === 'string' ? v : null);

function instance(item: DicomJson, failed: boolean): StowInstanceResult {
  const code = first(item, '00081197');
  return {
    sopClassUid: text(first(item, '00081150')),
    sopInstanceUid: text(first(item, '00081155')),
    retrieveUrl: text(first(item, '00081190')),
    failureReason: failed ? (typeof code === 'number' ? `${FAILURE_REASONS[code] ?? 'failure'} (0x${code.toString(16).toUpperCase().padStart(4, '0')})` : 'failure (no reason given)') : null,
  };
}

/**
 * Reads a STOW-RS response body (application/dicom+json): the Referenced SOP Sequence
 * (0008,1199, stored) and the Failed SOP Sequence (0008,1198, not stored).
 */
export function parseStowResponse(body: string): { stored: StowInstanceResult[]; failed: StowInstanceResult[] } {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return { stored: [], failed: [] };
  }
  const root = (Array.isArray(json) ? json[0] : json) as DicomJson | undefined;
  if (!root || typeof root !== 'object') return { stored: [], failed: [] };
  const items = (tag: string) => (root[tag]?.Value ?? []) as DicomJson[];
  return { stored: items('00081199').map((i) => instance(i, false)), failed: items('00081198').map((i) => instance(i, true)) };
}
