// The bone analysis feature as the rest of the app uses it: the viewer's tool status, and the
// proposals, the CTRA verdict and the rigidity profile the lesion form shows.
export { BoneAnalysisStatus } from './BoneAnalysisStatus';
export { BoneProposals } from './BoneProposals';
export { CtraView } from './CtraView';
export { RigidityProfile } from './RigidityProfile';
export { useBoneAnalysis } from './use-bone-analysis';
