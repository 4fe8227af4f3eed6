// The export feature as the rest of the app uses it: a study's Export menu and the research dataset button.
export { DatasetExportButton } from './DatasetExportButton';
export { ExportMenu } from './ExportMenu';
