import { createHash } from 'node:crypto';

// A name-based UUID (RFC 4122 version 5, SHA-1) in a namespace of ours, so that exporting the
// same state twice gives the same fullUrls (diffable exports) while every export instant differs.
const NAMESPACE = Buffer.from('6f3c1b2e9d4a4c8e8b7a5d2f1e0c9b8a', 'hex');

/** urn:uuid:<v5 UUID of the key>. */
export function entryUrn(key: string): string {
  const hash = createHash('sha1').update(NAMESPACE).update(key, 'utf8').digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `urn:uuid:${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
