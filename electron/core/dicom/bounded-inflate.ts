import zlib from 'node:zlib';

/**
 * The most a deflated data set is inflated to. A Deflated Explicit VR file of two megabytes can
 * inflate to four gigabytes (zeros compress a thousandfold), and inflating it whole held three
 * times that in memory for one file; real deflated files (a CT slice, a structured report) are
 * megabytes.
 */
export const INFLATED_DATA_SET_LIMIT = 256 * 1024 * 1024;

/** The words for a deflated data set that inflates past INFLATED_DATA_SET_LIMIT. */
export const INFLATES_TOO_FAR =
  `its deflated data set inflates to more than ${INFLATED_DATA_SET_LIMIT / 1024 / 1024} MiB: the file is corrupt or built to exhaust memory ` +
  '(a "deflate bomb"); if it is a genuine image, re-export it uncompressed';

/** Raw deflate inflated as far as it goes within a limit; `cut` says the stream holds more. */
export interface BoundedInflation {
  bytes: Buffer;
  cut: boolean;
}

const TOO_LARGE = 'ERR_BUFFER_TOO_LARGE';

/**
 * Inflates raw deflate to at most `limit` bytes. A sync flush lets a partial stream (a cut file, a
 * first read) inflate as far as it goes. Past the limit, the longest doubling prefix of the stream
 * that fits is inflated instead, so that a header at the start of a huge data set is still read.
 */
export function inflateAtMost(deflated: Uint8Array, limit = INFLATED_DATA_SET_LIMIT): BoundedInflation {
  const options = { finishFlush: zlib.constants.Z_SYNC_FLUSH, maxOutputLength: limit };
  try {
    return { bytes: zlib.inflateRawSync(deflated, options), cut: false };
  } catch (error) {
    if ((error as { code?: unknown }).code !== TOO_LARGE) throw error;
  }
  let fits = Buffer.alloc(0);
  for (let length = 16 * 1024; length < deflated.length; length *= 2) {
    try {
      fits = zlib.inflateRawSync(deflated.subarray(0, length), options);
    } catch (error) {
      if ((error as { code?: unknown }).code !== TOO_LARGE) throw error;
      break;
    }
  }
  return { bytes: fits, cut: true };
}
