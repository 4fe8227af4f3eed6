// The worklist feature as the rest of the app uses it: its page, a lesion's page and its follow-up panel.
export { LesionFollowUp } from './LesionFollowUp';
export { LesionPage } from './LesionPage';
export { WorklistPage } from './WorklistPage';
