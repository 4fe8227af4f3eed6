// The settings feature as the rest of the app uses it: the PACS settings and their dialog.
export { PacsSettingsDialog } from './PacsSettingsDialog';
export { usePacsSettings } from './use-pacs-settings';
