// What the scanner did not image: outside the circle it reconstructs, CT images hold padding,
// declared as Pixel Padding Value or not (GE's -3024 HU, Philips' -2048 HU). Air is -1000 HU and
// no tissue lies below it, so a value far below air outside the body is padding whether declared
// or not. Inside the body the same values are not: a metal streak's undershoot in an extended-range
// reconstruction, or air whose stored value happens to equal the declared padding.

/** HU the padding of a slice is read as: the lowest the volume holds, and only padding holds it. */
export const NOT_IMAGED_HU = -32768;

/** At or below this HU a voxel holds no tissue and no air: padding where it reaches the image's border, an artefact inside. */
export const NOT_IMAGED_AT_OR_BELOW_HU = -2000;
