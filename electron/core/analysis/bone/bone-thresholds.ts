// Fixed HU levels used only to find and follow a bone, never to measure it: measurements use
// half-maximum levels taken from the image itself (see cortex/ray-profile.ts).

/** Denser than any soft tissue or contrast-filled vessel in a plain CT, lighter than cortical bone. */
export const BONE_HU = 300;

/** How far from the click a bone is looked for (mm): a click in a large lytic lesion may lie this far from intact bone. */
export const SEED_SEARCH_RADIUS_MM = 40;

/** The neighbourhood (mm) whose bone gives the first estimate of the axis. */
export const COMPONENT_RADIUS_MM = 60;

/** The cross-section of a long bone's shaft measured by this analysis: outer radius range (mm). */
export const SHAFT_RADIUS_RANGE_MM = { min: 3, max: 35 } as const;

/** A long bone lies along the scan: its axis within this angle of the slice normal (degrees). */
export const MAX_AXIS_TILT_DEG = 45;
