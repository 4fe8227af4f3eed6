type Core = typeof import('@cornerstonejs/core');

/**
 * Slices loaded ahead at a time (files being fetched, parsed or decoded). Cornerstone allows 1,000,
 * which put a whole series' files in memory at once while it loaded (a 512x512x300 CT: 157 MB of
 * files, plus the copy each keeps until it is decoded); 32 of them are about 50 MB. Six were
 * measured too: the stack had loaded so little by the time a reader who had scrolled 100 slices
 * asked for a reformat that the reformat took 4.3 s instead of 1.4 s.
 */
export const SLICES_IN_FLIGHT = 32;

/**
 * Holds loading ahead (the stack's prefetch, a reformat's volume) to SLICES_IN_FLIGHT slices at a
 * time, so that what a series costs while it loads is its decoded slices and a few files, not all
 * of its files at once. The slices a reader asks for (Interaction) are not held back.
 * @param cs - the core module
 */
export function paceLoadingAhead(cs: Core): void {
  cs.imageLoadPoolManager.setMaxSimultaneousRequests(cs.Enums.RequestType.Prefetch, SLICES_IN_FLIGHT);
}
