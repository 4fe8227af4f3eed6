export * from './schema';
export { BONE_CODES, REGION_CODES, VERTEBRA_CODES, RIB_CODES } from './snomed-codes';
export { VERTEBRAL_LEVELS, SinsSpinalRegionSchema, type SinsSpinalRegion, sinsRegionOfLevel } from './spine';
export { BONES, getBone, getRegion, getVertebra, isBoneId } from './catalogue';
export { MirelsSiteSchema, type MirelsSite, PERITROCHANTERIC_REGIONS, possibleMirelsSites, mirelsSiteOf } from './mirels-site';
export { AnatomySearchHitSchema, type AnatomySearchHit, searchAnatomy } from './search';
export { isSpinalBone, spinalLevelsOf } from './spinal-levels';
