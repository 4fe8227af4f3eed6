// The lesions feature as the rest of the app uses it: the panel beside the image.
export { LesionPanel } from './LesionPanel';
export type { LesionDraft } from './lesion-draft';
export { ConflictNote } from './ConflictNote';
