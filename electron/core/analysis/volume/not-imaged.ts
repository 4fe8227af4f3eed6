// What the scanner did not image: outside the circle it reconstructs, CT images hold padding,
// declared as Pixel Padding Value or not (GE's -3024 HU, Philips' -2048 HU). Air is -1000 HU and
// no tissue lies below it, so a value far below air is padding whether declared or not.

/** HU a slice's declared padding (Pixel Padding Value) is read as: the lowest the volume holds. */
export const NOT_IMAGED_HU = -32768;

/** At or below this HU a voxel (or a sample next to padding) holds no tissue and no air: it was not imaged. */
export const NOT_IMAGED_AT_OR_BELOW_HU = -2000;
