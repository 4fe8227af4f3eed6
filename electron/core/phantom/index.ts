// The phantom's public surface: the study generator, the bulk corpus writer and the ground-truth schemas.
export { generatePhantomStudy, GROUND_TRUTH_FILE, type PhantomOptions } from './generate-phantom-study';
export { writeSyntheticCorpus, corpusFileName, type CorpusOptions, type CorpusSummary, type CorpusSeries } from './corpus';
export { defaultLesionSpecs, angleDeg, inArc } from './lesion';
export * from './ground-truth';
